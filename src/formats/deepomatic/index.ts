import type { Dialect } from '../dialect.js';
import type { FormatLoader } from '../load-context.js';
import { loadDeepomaticCsv } from './invite-csv.js';
import { deepomaticCsvChunks } from './write-members.js';

/** The spreadsheet reader is loaded only when a target has an .xlsx file. */
const loadXlsx: FormatLoader = async (file, ctx) =>
  (await import('./invite-xlsx.js')).loadDeepomaticXlsx(file, ctx);

/** The Deepomatic invite file (design §4.3), CSV or XLSX. */
export const deepomaticDialect: Dialect = {
  name: 'deepomatic',
  loaders: { '.csv': loadDeepomaticCsv, '.xlsx': loadXlsx },
  writer: {
    format: 'deepomatic',
    extension: '.csv',
    writesStates: false,
    chunks: (state) => deepomaticCsvChunks(state),
  },
  prerequisites: 'demand',
};
