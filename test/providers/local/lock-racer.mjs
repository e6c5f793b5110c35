// A process racing for a state file's lock (test/providers/local/lock-race.test.ts): on "go" it tries
// once and prints "won" or "lost <why>"; on "release" it releases what it holds.
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';

const [lockModule, file] = process.argv.slice(2);
const { acquireLock } = await import(pathToFileURL(lockModule).href);
let release;
process.stdout.write('ready\n');
for await (const line of createInterface({ input: process.stdin })) {
  if (line === 'go') {
    try {
      release = acquireLock(file, 'state.json');
      process.stdout.write('won\n');
    } catch (e) {
      process.stdout.write(`lost ${e.message}\n`);
    }
  } else if (line === 'release') {
    release?.();
    release = undefined;
    process.stdout.write('released\n');
  }
}
