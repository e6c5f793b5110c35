import type { Dialect } from '../dialect.js';
import { loadAnaplanCsv, loadAnaplanTxt, loadAnaplanZip } from './user-import.js';
import { anaplanCsvChunks } from './write-members.js';

/** The Anaplan user import file (design §4.4): CSV, TXT, or a ZIP holding one. */
export const anaplanDialect: Dialect = {
  name: 'anaplan',
  loaders: { '.csv': loadAnaplanCsv, '.txt': loadAnaplanTxt, '.zip': loadAnaplanZip },
  writer: {
    format: 'anaplan',
    extension: '.csv',
    writesStates: false,
    chunks: (state) => anaplanCsvChunks(state),
  },
  prerequisites: 'demand',
};
