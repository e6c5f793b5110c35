import type { Dialect } from '../dialect.js';
import { load3dxCsv } from './batch-csv.js';
import { is3dxRole } from './roles.js';
import { threeDxCsvChunks } from './write-members.js';

/** The 3DEXPERIENCE batch CSV (design §4.2): the platform adds prerequisite roles on import. */
export const threeDxDialect: Dialect = {
  name: '3dexperience',
  loaders: { '.csv': load3dxCsv },
  writer: {
    format: '3dexperience',
    extension: '.csv',
    writesStates: true,
    chunks: (state) => threeDxCsvChunks(state),
  },
  roleNames: {
    platform: '3DEXPERIENCE',
    test: is3dxRole,
    hint: 'use a trigram (3 upper-case letters or digits) or RAP-/MAP- followed by 8 letters or digits',
  },
  prerequisites: 'add',
};
