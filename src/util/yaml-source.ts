import {
  type Document,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  parseDocument,
  visit,
  type YAMLError,
} from 'yaml';
import type { z } from 'zod';
import type { Diagnostics } from '../model/diagnostic.js';
import { lineColumn } from './json-duplicate-keys.js';
import { didYouMean } from './suggest.js';
import { MAX_YAML_NESTING, tooDeepAt } from './yaml-depth.js';
import { keysAt } from './zod-keys.js';

/** Keys that would reach Object.prototype in naive code; never accepted in input. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
/** Aliases allowed per document; more is the "billion laughs" pattern. */
const MAX_ALIASES = 100;
const YAML_TAG_PREFIX = 'tag:yaml.org,2002:';
/** The tags of the YAML 1.2 core schema: the values JSON has. */
const CORE_TAGS = new Set(
  ['str', 'int', 'float', 'bool', 'null', 'map', 'seq'].map((t) => YAML_TAG_PREFIX + t),
);

/** A parsed YAML document that can say where any path of it stands. */
export class YamlSource {
  private constructor(
    readonly file: string,
    readonly doc: Document,
    private readonly lines: LineCounter,
  ) {}

  /**
   * Parses `text`; syntax errors, alias bombs and forbidden keys go to `diags`.
   * Returns the plain value, or undefined when the document cannot be used.
   */
  static parse(
    file: string,
    text: string,
    diags: Diagnostics,
  ): { source: YamlSource; value: unknown } | undefined {
    const lines = new LineCounter();
    // YAML ends lines with LF, CRLF or a lone CR (old Mac editors); the parser knows only the first two.
    const lf = text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
    const deep = tooDeepAt(lf);
    if (deep !== undefined) {
      diags.error(
        { file, ...lineColumn(lf, deep) },
        `invalid YAML: nested too deeply (more than ${MAX_YAML_NESTING} lists or maps inside each other)`,
      );
      return undefined;
    }
    const doc = parseDocument(lf, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
    const source = new YamlSource(file, doc, lines);
    for (const e of doc.errors) {
      const pos = lines.linePos(e.pos[0]);
      diags.error({ file, line: pos.line, column: pos.col }, `invalid YAML: ${errorText(e)}`);
    }
    let bad = false;
    for (const w of doc.warnings) {
      // A core tag on a value it cannot take (`!!int abc`); other tags are reported below.
      if (w.code !== 'TAG_RESOLVE_FAILED' || !CORE_TAGS.has(w.message.replace(/^Unresolved tag: /, '')))
        continue;
      const pos = lines.linePos(w.pos[0]);
      const tag = w.message.replace(/^Unresolved tag: /, '').replace(YAML_TAG_PREFIX, '!!');
      diags.error({ file, line: pos.line, column: pos.col }, `YAML tag "${tag}" does not fit this value`);
      bad = true;
    }
    if (doc.errors.length > 0) return undefined;
    visit(doc, {
      Node(_, node) {
        // !!binary, !!set, !!timestamp … would become bytes, sets and dates; !foo would pass as plain text.
        const tag = (node as { tag?: string }).tag;
        if (tag !== undefined && !CORE_TAGS.has(tag)) {
          diags.error(
            source.at(node),
            `YAML tag "${tag.replace(YAML_TAG_PREFIX, '!!')}" is not supported: write the value without it`,
          );
          bad = true;
        }
      },
      Alias(_, alias) {
        // Else toJS fails on it, and the message would be about alias expansion, at 1:1.
        if (!alias.resolve(doc)) {
          diags.error(
            source.at(alias),
            `YAML alias "*${alias.source}" refers to no anchor: "&${alias.source}" must be set before the alias`,
          );
          bad = true;
        }
      },
      Pair(_, pair) {
        if (isScalar(pair.key) && FORBIDDEN_KEYS.has(String(pair.key.value))) {
          diags.error(source.at(pair.key), `key "${String(pair.key.value)}" is not allowed`);
          bad = true;
        }
      },
    });
    if (bad) return undefined;
    try {
      return { source, value: doc.toJS({ maxAliasCount: MAX_ALIASES }) };
    } catch (e) {
      diags.error(
        { file, line: 1, column: 1 },
        `YAML aliases expand too far (${firstLine((e as Error).message)})`,
      );
      return undefined;
    }
  }

  /** Position of a node. */
  at(node: Node | null | undefined): { file: string; line: number; column: number } {
    const offset = node?.range?.[0] ?? 0;
    const pos = this.lines.linePos(offset);
    return { file: this.file, line: pos.line, column: pos.col };
  }

  /** Position of the value at `path`, or of its closest existing parent. */
  locate(path: readonly PropertyKey[], { key = false } = {}): { file: string; line: number; column: number } {
    let node: unknown = this.doc.contents;
    let keyNode: unknown;
    for (const part of path) {
      if (isMap(node)) {
        const pair = node.items.find(
          (p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(part),
        );
        if (!pair) break;
        keyNode = pair.key;
        node = pair.value;
      } else if (isSeq(node) && typeof part === 'number') {
        const item = node.items[part];
        if (!item) break;
        keyNode = undefined;
        node = item;
      } else break;
    }
    return this.at((key && keyNode ? keyNode : node) as Node);
  }

  /**
   * Reports every zod issue at its place, with "did you mean" for unknown keys. `locate`: where a path
   * is, when the issues are of another document than this one (default: this one's places).
   */
  reportIssues(
    issues: readonly z.core.$ZodIssue[],
    diags: Diagnostics,
    schema: z.ZodType,
    locate: YamlSource['locate'] = (path, options) => this.locate(path, options),
  ): void {
    for (const issue of issues) {
      if (issue.code === 'unrecognized_keys') {
        for (const k of issue.keys) {
          const candidates = keysAt(schema, issue.path);
          diags.error(
            locate([...issue.path, k], { key: true }),
            `unknown key "${k}"${where(issue.path)}${didYouMean(k, candidates)}`,
          );
        }
      } else {
        diags.error(locate(issue.path), `${pathText(issue.path)}${issue.message}`);
      }
    }
  }
}

function where(path: readonly PropertyKey[]): string {
  return path.length ? ` in ${path.map(String).join('.')}` : '';
}

function pathText(path: readonly PropertyKey[]): string {
  return path.length ? `${path.map(String).join('.')}: ` : '';
}

/** The parser's message, in the user's words where the parser speaks of its own API or of the stack. */
function errorText(e: YAMLError): string {
  if (e.code === 'MULTIPLE_DOCS')
    return 'a second document starts here (after "---"); a file holds one document';
  if (e.code === 'RESOURCE_EXHAUSTION' && /call stack/i.test(e.message))
    return 'nested too deeply (lists or maps inside each other)';
  return firstLine(e.message);
}

function firstLine(s: string): string {
  return s.split('\n')[0]!.trim();
}
