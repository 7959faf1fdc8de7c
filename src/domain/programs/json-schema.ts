/** The program file schema as JSON Schema (docs/program.schema.json), so an editor completes and checks a program file. */
import { z } from 'zod';
import { programFileSchema } from './schema';

export function programJsonSchema(): unknown {
  return {
    ...z.toJSONSchema(programFileSchema, { io: 'input', unrepresentable: 'any' }),
    title: 'subsidy-budget program file',
    description: 'One MOEA subsidy program: its items and its money rules, each one exact comparison with its citation.',
  };
}
