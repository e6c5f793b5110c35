// Writes schemas/*.json from the zod schemas (run `npm run schemas`; a test fails when they drift).
import { writeFileSync } from 'node:fs';
import { jsonSchemas, serializeSchema } from '../lib/config/json-schemas.js';

for (const [name, schema] of Object.entries(jsonSchemas())) {
  writeFileSync(new URL(`../schemas/${name}`, import.meta.url), serializeSchema(schema));
  console.log(`schemas/${name}`);
}
