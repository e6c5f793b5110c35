import type { Dialect } from '../dialect.js';
import { loadYaml } from './members-file.js';
import { yamlMembersChunks } from './write-members.js';

/** rollcall's own YAML members file (design §4.1), read for every target whatever its format. */
export const yamlDialect: Dialect = {
  name: 'yaml',
  loaders: { '.yaml': loadYaml, '.yml': loadYaml },
  writer: { format: 'yaml', extension: '.yaml', writesStates: true, chunks: yamlMembersChunks },
  prerequisites: 'demand',
};
