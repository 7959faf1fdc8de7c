import { z } from 'zod';

// Set before any schema is built (zod decides on its JIT per schema at construction): rule sets are validated a
// handful of times at load, so the JIT buys nothing, and its `new Function` probe is reported as a violation under
// the task pane's Content-Security-Policy, which has no 'unsafe-eval'.
z.config({ jitless: true });

/** Where a rule comes from: a seed brochure and the phrase quoted from it, so the UI can show *why*. */
export const citationSchema = z.object({
  seed: z.string().regex(/^\d{3}_[0-9a-f]+\.txt$/, 'seed must name a file in shared/seeds, e.g. 000_60027ed83a059eae.txt'),
  quote: z.string().min(1),
});
export type Citation = z.infer<typeof citationSchema>;

export const localizedSchema = z.object({ 'zh-TW': z.string().min(1), en: z.string().min(1) });
export type Localized = z.infer<typeof localizedSchema>;

/** Stable ids of the accounting items (會計科目); labels and aliases are data, ids are API. */
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

export const capSchema = z.object({
  /** Upper limit in percent of the project's grand total (總經費). */
  percent: z.number().gt(0).max(100),
  /** `gov`: the item's 政府補助款 is capped; `item-total`: the whole item (gov + self) is capped. */
  base: z.enum(['gov', 'item-total']),
  citation: citationSchema,
});
export type ItemCap = z.infer<typeof capSchema>;

export const itemSchema = z
  .object({
    id: itemIdSchema,
    label: z.string().min(1),
    en: z.string().min(1),
    /** `allowed`: may be funded by the subsidy; `self-only`: 政府補助款 must stay 0 or blank. */
    gov: z.enum(['allowed', 'self-only']),
    cap: capSchema.optional(),
    /** Why the item is self-only (required when gov is self-only). */
    citation: citationSchema.optional(),
  })
  .refine((item) => item.gov !== 'self-only' || item.citation !== undefined, {
    message: 'a self-only item needs a citation',
    path: ['citation'],
  });
export type ProgramItem = z.infer<typeof itemSchema>;

export const programSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    name: localizedSchema,
    /** 補助標的 the program implies; null when the applicant chooses 低碳化 or 智慧化. */
    target: z.enum(['lowcarbon', 'smart']).nullable(),
    durationMonths: z.number().int().positive(),
    /** Government subsidy may be at most this percent of the grand total. */
    govShare: z.object({ maxPercent: z.number().gt(0).max(100), citation: citationSchema }),
    /** Government subsidy cap in 千元. */
    subsidyCap: z.object({ amount: z.number().int().positive(), citation: citationSchema }),
    items: z.array(itemSchema).min(1),
    /** Notes printed under the template table (註1, 註2 …). */
    notes: z.array(z.string().min(1)),
  })
  .superRefine((program, ctx) => {
    const seen = new Set<string>();
    program.items.forEach((item, index) => {
      if (seen.has(item.id)) {
        ctx.addIssue({ code: 'custom', message: `duplicate item id "${item.id}"`, path: ['items', index, 'id'] });
      }
      seen.add(item.id);
      if (item.gov === 'self-only' && item.cap) {
        ctx.addIssue({ code: 'custom', message: 'a self-only item cannot have a cap', path: ['items', index, 'cap'] });
      }
    });
  });
export type Program = z.infer<typeof programSchema>;
export type ProgramId = Program['id'];

export type Target = 'lowcarbon' | 'smart';
