import { z } from 'zod';

// Set before any schema is built (zod decides on its JIT per schema at construction): rule sets are validated a
// handful of times at load, so the JIT buys nothing, and its `new Function` probe is reported as a violation under
// the task pane's Content-Security-Policy, which has no 'unsafe-eval'.
z.config({ jitless: true });

/**
 * The shape of a program file (src/domain/programs/data/<id>.json, or a file given with `--programs <folder>`).
 * Every money rule is one exact comparison, `left op right × times`; the runtime shape the rules read is built from it
 * by compile.ts. The schema is published as docs/program.schema.json (`npm run program-schema`).
 */

/** Where a rule comes from: a seed brochure, the phrase quoted from it and its lines, and how it was read. */
export const citationSchema = z.object({
  seed: z
    .string()
    .regex(/^\d{3}_[0-9a-f]+\.txt$/, 'seed must name a file in shared/seeds, e.g. 003_89eee1bd9a716ead.txt')
    .describe('The source brochure (a file of shared/seeds); users see its title, never the file name.'),
  quote: z.string().min(1).describe('The phrase quoted verbatim from the brochure.'),
  lines: z
    .tuple([z.number().int().positive(), z.number().int().positive()])
    .refine(([a, b]) => a <= b, 'lines: start ≤ end')
    .optional()
    .describe('First and last line of the quote in the brochure (1-based, as `cat -n` prints them).'),
  reading: z
    .enum(['stated', 'layout-inferred', 'reviewer-decision'])
    .optional()
    .describe('stated: the text says it; layout-inferred: only the slide layout pairs number and track; reviewer-decision: an ambiguous text read one way (say why in note).'),
  note: z.string().min(1).optional().describe('Which reading was taken and why, where the text leaves it open.'),
});
export type Citation = z.infer<typeof citationSchema>;

export const localizedSchema = z.object({ 'zh-TW': z.string().min(1), en: z.string().min(1) });
export type Localized = z.infer<typeof localizedSchema>;

/**
 * Stable ids of the accounting items (會計科目) the label matcher knows (synonyms.ts); labels are data, ids are API.
 * A program may list any of them, or accept any item (`anyItem`).
 */
export const itemIdSchema = z.enum([
  'consumables',
  'new-equipment',
  'equipment-improvement',
  'commissioned-research',
  'personnel',
  'intangible-assets',
  'domestic-travel',
  'foundation-works',
]);
export type ItemId = z.infer<typeof itemIdSchema>;

/**
 * A ratio as the brochure writes it: "1/3", "2/3", "50%", "33.3%", "0.5". Kept as written (33% is not 1/3) and
 * compared exactly as integers (3·G ≤ T for 1/3).
 */
export const ratioSchema = z
  .string()
  .regex(/^(\d{1,3}(\.\d{1,4})?%|\d{1,4}\/\d{1,4}|0?\.\d{1,6}|1)$/, 'a ratio is written "1/3", "33%", "33.3%" or "0.5"')
  .describe('A ratio as written: "1/3", "50%", "33.3%" or "0.5".');

export const partSchema = z.enum(['gov', 'self', 'total']);

/** What a limit compares: the plan's 政府補助款, 業者自籌款 or 總經費, one item's part, an amount in 千元, or an applicant fact. */
export const quantitySchema = z.union([
  partSchema,
  z.object({ item: itemIdSchema, part: partSchema }).strict(),
  z.object({ amount: z.number().nonnegative().describe('In 千元 (NT$ thousand).') }).strict(),
  z.object({ fact: z.string().min(1).describe('An applicant fact declared in `facts`.') }).strict(),
]);
export type Quantity = z.infer<typeof quantitySchema>;

/** The finding ids a limit can raise (SPEC §5; `total-cap` where a program caps the whole budget, not the subsidy). */
export const limitRuleSchema = z.enum(['gov-share', 'gov-cap', 'total-cap', 'item-cap', 'self-share', 'fixed-split', 'fixed-amount']);
export type LimitRule = z.infer<typeof limitRuleSchema>;

export const conditionSchema = z
  .object({ fact: z.string().min(1), op: z.enum(['=', '>=', '<=']), value: z.union([z.boolean(), z.number()]) })
  .strict();
export type Condition = z.infer<typeof conditionSchema>;

export const limitSchema = z
  .object({
    rule: limitRuleSchema,
    left: quantitySchema,
    op: z.enum(['<=', '<', '>=', '=']),
    right: quantitySchema,
    times: ratioSchema.optional().describe('right is multiplied by this ratio (default 1).'),
    tolerance: ratioSchema
      .optional()
      .describe('For "=": how far left may be from right × times, as a ratio of right (e.g. "0.5%"); required with "=".'),
    strength: z
      .enum(['rule', 'principle'])
      .optional()
      .describe('principle (為原則): a breach is a warning, not an error.'),
    when: conditionSchema.optional().describe('Applies only when the applicant fact holds; unknown fact → an info note.'),
    citation: citationSchema,
  })
  .strict()
  .superRefine((limit, ctx) => {
    if (limit.op === '=' && limit.tolerance === undefined) {
      ctx.addIssue({ code: 'custom', message: 'a limit with "=" needs a tolerance ("0%" for exact)', path: ['tolerance'] });
    }
    if (typeof limit.left === 'object' && 'amount' in limit.left) {
      ctx.addIssue({ code: 'custom', message: 'left must be a part of the budget, not an amount', path: ['left'] });
    }
    if (limit.rule === 'item-cap' && !(typeof limit.left === 'object' && 'item' in limit.left)) {
      ctx.addIssue({ code: 'custom', message: 'an item-cap limit compares an item ({"item": …, "part": …})', path: ['left'] });
    }
  });
export type LimitSpec = z.infer<typeof limitSchema>;

export const itemSchema = z
  .object({
    id: itemIdSchema,
    label: z.string().min(1),
    en: z.string().min(1),
    /** `allowed`: may be funded by the subsidy; `self-only`: 政府補助款 must stay 0 or blank. */
    gov: z.enum(['allowed', 'self-only']),
    /** Why the item is self-only (required when gov is self-only). */
    citation: citationSchema.optional(),
  })
  .strict()
  .refine((item) => item.gov !== 'self-only' || item.citation !== undefined, {
    message: 'a self-only item needs a citation',
    path: ['citation'],
  });
export type ProgramItemSpec = z.infer<typeof itemSchema>;

/** Words that name the program in a workbook: every phrase of one `all` list present, none of `unless`. */
export const recognizeSchema = z
  .object({ all: z.array(z.string().min(1)).min(1), unless: z.array(z.string().min(1)).optional() })
  .strict();

export const factSchema = z
  .object({
    id: z.string().regex(/^[a-zA-Z][a-zA-Z0-9]*$/),
    label: z.string().min(1),
    type: z.enum(['amount', 'boolean', 'number']),
  })
  .strict();

export const exampleSchema = z
  .object({
    name: z.string().min(1),
    /** Item amounts in 千元, [政府補助款, 業者自籌款]; for an any-item program, ids of the known items or free labels. */
    rows: z.array(z.tuple([z.string().min(1), z.number(), z.number()])).min(1),
    facts: z.record(z.string(), z.union([z.boolean(), z.number()])).optional(),
    /** The rule ids whose errors or warnings this budget must raise (an empty list: it passes every limit). */
    fires: z.array(z.string()),
  })
  .strict();
export type ProgramExample = z.infer<typeof exampleSchema>;

/** A cap on one company's 政府補助款 in a consortium, in 千元. */
const companyCapSchema = z.object({ amount: z.number().positive(), citation: citationSchema }).strict();

/**
 * One plan, several companies (以大帶小, 研發聯盟): a lead (中心廠 / 主導業者) and members, one budget per company and the
 * plan's 總表. The plan's share and caps are the program's limits; these are what is per company or about the count.
 */
export const consortiumSchema = z
  .object({
    lead: localizedSchema.describe('What the brochure calls the lead: 中心廠, 主導業者.'),
    maxMembers: z.number().int().nonnegative().optional().describe('Members besides the lead, at most (以大帶小 智慧化: 4).'),
    minCompanies: z.number().int().positive().optional().describe('Companies including the lead, at least (研發聯盟: 3).'),
    citation: citationSchema.describe('Where the count is stated.'),
    leadCap: companyCapSchema.optional().describe('The lead\'s own 政府補助款 cap.'),
    memberCap: companyCapSchema.optional().describe('Each other member\'s 政府補助款 cap.'),
  })
  .strict();
export type Consortium = z.infer<typeof consortiumSchema>;

export const programFileSchema = z
  .object({
    $schema: z.string().optional(),
    id: z.string().regex(/^[a-z0-9-]+$/).describe('Stable id: CLI flag and the setting stored in workbooks.'),
    name: localizedSchema,
    /** Where the program is described; the catalogue number of seed 003 when it comes from there. */
    number: z.number().int().positive().optional().describe('The program\'s number in reviews/seed003-programs.md.'),
    family: z.string().min(1).optional().describe('Programs of one family (以大帶小) share words; a statement naming only the family names all of them.'),
    familyDefault: z
      .boolean()
      .optional()
      .describe('The member of its family a statement naming only the family (e.g. "CITD") is checked as.'),
    recognize: z.array(recognizeSchema).min(1).describe('How a workbook names the program (cover, 基本資料, title).'),
    /** 補助標的 the program implies; null when the applicant chooses 低碳化 or 智慧化, or it has none. */
    target: z.enum(['lowcarbon', 'smart']).nullable(),
    durationMonths: z.number().int().positive().nullable(),
    /** true: the program names no 會計科目, so any item may be funded (items, if any, are the template's suggestion). */
    anyItem: z.boolean(),
    items: z.array(itemSchema),
    limits: z.array(limitSchema),
    facts: z.array(factSchema).optional(),
    /** Notes printed under the template table (註1, 註2 …). */
    notes: z.array(z.string().min(1)),
    examples: z.array(exampleSchema).optional(),
    consortium: consortiumSchema.optional().describe('A plan of several companies: member counts and per-company caps.'),
  })
  .strict()
  .superRefine((program, ctx) => {
    const seen = new Set<string>();
    const listed = new Set(program.items.map((i) => i.id));
    program.items.forEach((item, index) => {
      if (seen.has(item.id)) ctx.addIssue({ code: 'custom', message: `duplicate item id "${item.id}"`, path: ['items', index, 'id'] });
      seen.add(item.id);
    });
    if (!program.anyItem && program.items.length === 0) {
      ctx.addIssue({ code: 'custom', message: 'list the items, or set "anyItem": true', path: ['items'] });
    }
    const facts = new Set((program.facts ?? []).map((f) => f.id));
    const rulesSeen = new Set<string>();
    program.limits.forEach((limit, index) => {
      for (const side of ['left', 'right'] as const) {
        const q = limit[side];
        if (typeof q === 'object' && 'item' in q && !program.anyItem && !listed.has(q.item)) {
          ctx.addIssue({ code: 'custom', message: `unknown item "${q.item}" (not in items)`, path: ['limits', index, side] });
        }
        if (typeof q === 'object' && 'fact' in q && !facts.has(q.fact)) {
          ctx.addIssue({ code: 'custom', message: `unknown fact "${q.fact}" (declare it in facts)`, path: ['limits', index, side] });
        }
      }
      if (limit.when && !facts.has(limit.when.fact)) {
        ctx.addIssue({ code: 'custom', message: `condition names unknown fact "${limit.when.fact}": the rule could never fire`, path: ['limits', index, 'when'] });
      }
      if (limit.rule === 'item-cap' && typeof limit.left === 'object' && 'item' in limit.left) {
        const item = program.items.find((i) => i.id === (limit.left as { item: string }).item);
        if (item?.gov === 'self-only') ctx.addIssue({ code: 'custom', message: 'a self-only item cannot have a cap', path: ['limits', index] });
      }
      const key = `${limit.rule}:${JSON.stringify(limit.left)}:${JSON.stringify(limit.when ?? null)}`;
      if ((limit.rule === 'gov-share' || limit.rule === 'gov-cap') && rulesSeen.has(key)) {
        ctx.addIssue({ code: 'custom', message: `a second unconditional ${limit.rule} limit`, path: ['limits', index] });
      }
      rulesSeen.add(key);
    });
  });
export type ProgramFile = z.infer<typeof programFileSchema>;

export type Target = 'lowcarbon' | 'smart';

/** An exact ratio num/den (1/3 stays 1/3), with the text the brochure wrote. */
export interface Ratio {
  num: bigint;
  den: bigint;
  text: string;
}

/** A limit ready to evaluate: the record of the file with its ratios parsed. */
export interface Limit extends Omit<LimitSpec, 'times' | 'tolerance'> {
  times: Ratio;
  tolerance: Ratio | null;
}

/** An item of a program as the rules read it (its cap, if any, is the item-cap limit on it). */
export interface ProgramItem extends ProgramItemSpec {
  cap?: ItemCap;
}

/** The item-cap limit of an item: percent of the grand total, on its base (`gov` part or `item-total`). */
export interface ItemCap {
  /** For display; checks use `ratio`. */
  percent: number;
  ratio: Ratio;
  base: 'gov' | 'item-total';
  citation: Citation;
  limit: Limit;
}

/** The program's share limit on 政府補助款 (G ≤ ratio × T), the record every face reads. */
export interface GovShare {
  /** For display ("50", "33.3"); checks use `ratio`. */
  maxPercent: number;
  ratio: Ratio;
  citation: Citation;
  strength: 'rule' | 'principle';
  limit: Limit;
}

export interface SubsidyCap {
  /** In 千元. */
  amount: number;
  citation: Citation;
  limit: Limit;
}

/** A program as every face reads it: the file's data with its limits parsed and the common ones at hand. */
export interface Program {
  id: string;
  name: Localized;
  number?: number;
  family?: string;
  familyDefault?: boolean;
  recognize: ProgramFile['recognize'];
  target: Target | null;
  durationMonths: number | null;
  anyItem: boolean;
  items: ProgramItem[];
  limits: Limit[];
  facts: NonNullable<ProgramFile['facts']>;
  notes: string[];
  examples: ProgramExample[];
  /** The unconditional gov-share limit (null: the program states none). */
  govShare: GovShare | null;
  /** The unconditional gov-cap limit in 千元 (null: the program states none). */
  subsidyCap: SubsidyCap | null;
  /** A plan of several companies (null: one applicant). */
  consortium: Consortium | null;
}
export type ProgramId = Program['id'];
