import { type Command, Help, type Option } from 'commander';

export const DOCS = 'https://github.com/rollcall/rollcall#readme (and docs/, examples/ in the repository)';

/** One or two examples per command, shown at the end of its --help. */
const EXAMPLES: Record<string, string[]> = {
  validate: ['rollcall validate', 'rollcall validate -c people/rollcall.yaml --target acme-3dx'],
  plan: [
    'rollcall plan --out plan.json',
    'rollcall plan --detailed-exitcode   # exit 2 when there are changes',
  ],
  apply: [
    'rollcall apply plan.json          # exactly the reviewed plan',
    'rollcall apply --auto-approve      # plan and apply, no prompt',
  ],
  import: [
    'rollcall import --target acme-3dx --format yaml --out members',
    'rollcall import --target acme-3dx --out members --diff   # drift as a diff; --write applies it',
  ],
  targets: ['rollcall targets', "rollcall targets --json | jq -c 'map(.name)'   # a workflow matrix"],
  show: [
    'rollcall show plan.json',
    'rollcall show plans/ --format markdown   # one plan per target, shown as one',
  ],
  schema: ['rollcall schema members > schemas/members.schema.json'],
};

/**
 * Finishes the help of the program and of each of its commands: examples and where the documentation is,
 * and no `(default: [])` for a repeatable option that starts empty.
 */
export function finishHelp(program: Command): void {
  const helpConfig = {
    optionDescription(this: Help, option: Option): string {
      const shown =
        Array.isArray(option.defaultValue) && option.defaultValue.length === 0
          ? Object.assign(Object.create(option) as Option, { defaultValue: undefined })
          : option;
      return Help.prototype.optionDescription.call(this, shown);
    },
  };
  program.configureHelp(helpConfig);
  program.addHelpText(
    'after',
    `\nExamples:\n  rollcall plan -c rollcall.yaml\n  rollcall <command> --help\n\nDocumentation: ${DOCS}\n`,
  );
  for (const cmd of program.commands) {
    cmd.configureHelp(helpConfig);
    const examples = EXAMPLES[cmd.name()] ?? [];
    const text = examples.length ? `\nExamples:\n${examples.map((e) => `  ${e}\n`).join('')}` : '';
    cmd.addHelpText('after', `${text}\nDocumentation: ${DOCS}\n`);
  }
}
