/** Writes docs/program.schema.json from the zod schema (a test fails when it is out of date). */
import { writeFileSync } from 'node:fs';
import { programJsonSchema } from '../src/domain/programs/json-schema';

writeFileSync(new URL('../docs/program.schema.json', import.meta.url), `${JSON.stringify(programJsonSchema(), null, 2)}\n`);
