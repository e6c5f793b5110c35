// Preloaded into the apply the crash test kills (node --import): once this process has written
// ROLLCALL_TEST_STALL_AFTER lines to its journal, it stops right after that write and waits forever, so
// the kill lands exactly there however fast or loaded the machine is. Count, do not race.
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';

const after = Number(process.env.ROLLCALL_TEST_STALL_AFTER);
const open = fs.openSync;
const write = fs.writeSync;
let journal;
let lines = 0;

fs.openSync = function openSync(file, ...rest) {
  const fd = open.call(this, file, ...rest);
  if (String(file).endsWith('journal.jsonl')) journal = fd;
  return fd;
};

fs.writeSync = function writeSync(fd, data, ...rest) {
  const written = write.call(this, fd, data, ...rest);
  if (fd === journal && typeof data === 'string' && after > 0) {
    for (let i = data.indexOf('\n'); i !== -1; i = data.indexOf('\n', i + 1)) lines++;
    if (lines >= after) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
  }
  return written;
};

syncBuiltinESMExports();
