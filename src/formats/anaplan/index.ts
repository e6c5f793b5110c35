import type { Dialect } from '../dialect.js';
import type { FormatLoader } from '../load-context.js';
import { anaplanCsvChunks } from './write-members.js';

/** The loaders (and the ZIP library) load when a target first reads such a file: start-up stays small. */
const lazy =
  (name: 'loadAnaplanCsv' | 'loadAnaplanTxt' | 'loadAnaplanZip'): FormatLoader =>
  async (file, ctx) =>
    (await import('./user-import.js'))[name](file, ctx);

/** The Anaplan user import file (design §4.4): CSV, TXT, or a ZIP holding one. */
export const anaplanDialect: Dialect = {
  name: 'anaplan',
  loaders: { '.csv': lazy('loadAnaplanCsv'), '.txt': lazy('loadAnaplanTxt'), '.zip': lazy('loadAnaplanZip') },
  writer: {
    format: 'anaplan',
    extension: '.csv',
    writesStates: false,
    chunks: (state) => anaplanCsvChunks(state),
  },
  prerequisites: 'demand',
};
