import type { ActualState } from '../model/member.js';
import type { FormatLoader } from './load-context.js';

/** The names of the desired-state formats: rollcall's YAML and the platforms' own import files. */
export const FORMATS = ['yaml', '3dexperience', 'deepomatic', 'anaplan'] as const;
export type FormatName = (typeof FORMATS)[number];

/** What every writer is given besides the state. */
export interface WriterOptions {
  target: string;
  /** The members JSON Schema, as the YAML file's `$schema` line should name it. */
  schema: string;
}

/** Writes a target's actual state as one desired-state file of a format (`rollcall import`). */
export interface FormatWriter {
  format: FormatName;
  /** File ending, which also picks the loader that reads the file back. */
  extension: string;
  /** The format says removed and pseudonymized; without it, the writer leaves such members out. */
  writesStates: boolean;
  /** Pure: state in, file text out in chunks. Throws UnwritableError for members it cannot express. */
  chunks(state: ActualState, options: WriterOptions): Iterable<string>;
}

/** The shape a platform gives its role ids, when it has one (3DEXPERIENCE: trigrams, RAP-/MAP- ids). */
export interface RoleNames {
  /** The platform's name, as messages say "is not a <platform> role". */
  platform: string;
  test(role: string): boolean;
  /** How to write a valid one. */
  hint: string;
}

/**
 * One file dialect and what it declares to the rest of rollcall: which file endings it reads, how
 * `import` writes it, the shape of its role ids and whether its platform adds prerequisite roles itself.
 */
export interface Dialect {
  name: FormatName;
  /** Desired-state loaders by lower-case file ending (YAML files are always read as YAML). */
  loaders: Readonly<Record<string, FormatLoader>>;
  writer?: FormatWriter;
  roleNames?: RoleNames;
  /** `add`: the platform grants a role's prerequisites with it, so files may leave them out. */
  prerequisites: 'add' | 'demand';
}
