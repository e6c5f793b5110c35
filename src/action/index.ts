// The entry point bundled into dist/index.js (npm run build:action).
import { run } from './run.js';

await run();
