import type { Format } from '../../config/schema.js';
import type { ActualState } from '../../model/member.js';
import { threeDxCsvChunks } from './3dexperience-csv.js';
import { anaplanCsvChunks } from './anaplan.js';
import { deepomaticCsvChunks } from './deepomatic.js';
import { yamlMembersChunks } from './yaml.js';

/** What every writer is given besides the state. */
export interface WriterOptions {
  target: string;
  /** The members JSON Schema, as the YAML file's `$schema` line should name it. */
  schema: string;
}

/** Writes a target's actual state as one desired-state file of a format (`rollcall import`). */
export interface FormatWriter {
  format: Format;
  /** File ending, which also picks the loader that reads the file back. */
  extension: string;
  /** The format says removed and pseudonymized; without it, the writer leaves such members out. */
  writesStates: boolean;
  /** Pure: state in, file text out in chunks. Throws UnwritableError for members it cannot express. */
  chunks(state: ActualState, options: WriterOptions): Iterable<string>;
}

export const WRITERS: Partial<Record<Format, FormatWriter>> = {
  yaml: { format: 'yaml', extension: '.yaml', writesStates: true, chunks: yamlMembersChunks },
  '3dexperience': {
    format: '3dexperience',
    extension: '.csv',
    writesStates: true,
    chunks: (state) => threeDxCsvChunks(state),
  },
  deepomatic: {
    format: 'deepomatic',
    extension: '.csv',
    writesStates: false,
    chunks: (state) => deepomaticCsvChunks(state),
  },
  anaplan: {
    format: 'anaplan',
    extension: '.csv',
    writesStates: false,
    chunks: (state) => anaplanCsvChunks(state),
  },
};

/** The writer of a format, or the sentence saying there is none yet. */
export function writerFor(format: Format): FormatWriter | string {
  const writer = WRITERS[format];
  if (writer) return writer;
  const known = Object.keys(WRITERS).join(', ');
  return `import cannot write the ${format} format yet (it writes ${known}); use --format yaml, which every target reads`;
}

export function render(writer: FormatWriter, state: ActualState, options: WriterOptions): string {
  return [...writer.chunks(state, options)].join('');
}
