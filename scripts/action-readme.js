// Writes the inputs and outputs tables of README.md from action.yml, between the
// `<!-- action-inputs -->` and `<!-- /action-inputs -->` lines (and likewise for outputs).
// `--check` writes nothing and exits 1 when README.md differs; `--readme FILE` works on another file.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const readme = path.resolve(arg('--readme') ?? path.join(ROOT, 'README.md'));
const action = parse(readFileSync(path.join(ROOT, 'action.yml'), 'utf8'));

const cell = (text) => String(text).replace(/\s+/g, ' ').trim().replace(/\|/g, '\\|');
const shownDefault = (v) => (v === undefined || v === '' ? '' : `\`${v}\``);

/** A Markdown table with its columns padded, as Biome formats it. */
function table(header, rows) {
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(3, ...all.map((r) => r[i].length)));
  const line = (r) => `| ${r.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

const tables = {
  'action-inputs': table(
    ['input', 'default', 'description'],
    Object.entries(action.inputs).map(([name, i]) => [
      `\`${name}\``,
      shownDefault(i.default),
      cell(i.description),
    ]),
  ),
  'action-outputs': table(
    ['output', 'description'],
    Object.entries(action.outputs).map(([name, o]) => [`\`${name}\``, cell(o.description)]),
  ),
};

const before = readFileSync(readme, 'utf8');
let after = before;
for (const [name, text] of Object.entries(tables)) {
  const block = new RegExp(`(<!-- ${name} -->)[\\s\\S]*?(<!-- /${name} -->)`);
  if (!block.test(after)) {
    console.error(`${readme}: no <!-- ${name} --> … <!-- /${name} --> block`);
    process.exit(1);
  }
  after = after.replace(block, (_, open, close) => `${open}\n\n${text}\n\n${close}`);
}
if (process.argv.includes('--check')) {
  if (after !== before) {
    console.error(
      `${path.relative(ROOT, readme)}: the action tables differ from action.yml; run \`npm run readme:action\``,
    );
    process.exit(1);
  }
} else if (after !== before) {
  writeFileSync(readme, after);
  console.log(`${path.relative(ROOT, readme)}: action tables updated`);
}
