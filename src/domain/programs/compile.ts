/**
 * Turns a program file (validated JSON, see schema.ts) into the shape the rules read: ratios parsed to exact
 * fractions, and the limits every face needs at hand (share, cap, item caps) picked out of the one list. No zod here:
 * the task pane ships this, and validation happens at build time and in tests (validate.ts).
 */
import type { GovShare, ItemCap, Limit, Program, ProgramFile, ProgramItem, Ratio, SubsidyCap } from './schema';

/** Parses "1/3", "50%", "33.3%", "0.5" or "1" to an exact num/den. Throws on anything else (the schema refuses it first). */
export function parseRatio(text: string): Ratio {
  const percent = /^(\d+)(?:\.(\d+))?%$/.exec(text);
  if (percent) {
    const frac = percent[2] ?? '';
    return reduce(BigInt(percent[1] + frac), 100n * 10n ** BigInt(frac.length), text);
  }
  const fraction = /^(\d+)\/(\d+)$/.exec(text);
  if (fraction && BigInt(fraction[2]) > 0n) return reduce(BigInt(fraction[1]), BigInt(fraction[2]), text);
  const decimal = /^(0?)\.(\d+)$/.exec(text);
  if (decimal) return reduce(BigInt(decimal[2]), 10n ** BigInt(decimal[2].length), text);
  if (text === '1') return { num: 1n, den: 1n, text };
  throw new RangeError(`not a ratio: "${text}"`);
}

function reduce(num: bigint, den: bigint, text: string): Ratio {
  const g = gcd(num, den) || 1n;
  return { num: num / g, den: den / g, text };
}

function gcd(a: bigint, b: bigint): bigint {
  while (b) [a, b] = [b, a % b];
  return a;
}

/** The ratio as a percentage for display (1/3 → 33.3, 50% → 50). */
export function ratioPercent(ratio: Ratio): number {
  return Math.round((Number(ratio.num) * 1000) / Number(ratio.den)) / 10;
}

/** How a ratio reads in a message: as written when a percentage, else the fraction with its percentage (1/3 ≈ 33.3%). */
export function ratioText(ratio: Ratio, lang: 'zh-TW' | 'en'): string {
  if (ratio.text.endsWith('%')) return ratio.text;
  if (ratio.den === 1n) return `${ratioPercent(ratio)}%`;
  const zhFraction = `${ratio.den === 3n ? '三' : ratio.den}分之${ratio.num === 1n ? '一' : ratio.num === 2n ? '二' : ratio.num}`;
  const fraction = lang === 'zh-TW' && ratio.den <= 10n ? zhFraction : `${ratio.num}/${ratio.den}`;
  return `${fraction}（${ratioPercent(ratio)}%）`.replace('（', lang === 'en' ? ' (' : '（').replace('）', lang === 'en' ? ')' : '）');
}

const ONE: Ratio = { num: 1n, den: 1n, text: '1' };

export function compileLimit(spec: ProgramFile['limits'][number]): Limit {
  return {
    ...spec,
    times: spec.times === undefined ? ONE : parseRatio(spec.times),
    tolerance: spec.tolerance === undefined ? null : parseRatio(spec.tolerance),
  };
}

export function compileProgram(file: ProgramFile): Program {
  const limits = file.limits.map(compileLimit);
  const unconditional = limits.filter((l) => !l.when);
  const share = unconditional.find((l) => l.rule === 'gov-share' && l.left === 'gov' && l.right === 'total' && (l.op === '<=' || l.op === '<'));
  const govShare: GovShare | null = share
    ? { maxPercent: ratioPercent(share.times), ratio: share.times, citation: share.citation, strength: share.strength ?? 'rule', limit: share }
    : null;
  const cap = unconditional.find((l) => l.rule === 'gov-cap' && l.left === 'gov' && typeof l.right === 'object' && 'amount' in l.right);
  const subsidyCap: SubsidyCap | null = cap ? { amount: (cap.right as { amount: number }).amount, citation: cap.citation, limit: cap } : null;
  const items: ProgramItem[] = file.items.map((item) => {
    const limit = unconditional.find(
      (l) => l.rule === 'item-cap' && typeof l.left === 'object' && 'item' in l.left && l.left.item === item.id && l.right === 'total',
    );
    if (!limit) return { ...item };
    const part = (limit.left as { part: string }).part;
    const itemCap: ItemCap = {
      percent: ratioPercent(limit.times),
      ratio: limit.times,
      base: part === 'gov' ? 'gov' : 'item-total',
      citation: limit.citation,
      limit,
    };
    return { ...item, cap: itemCap };
  });
  return {
    id: file.id,
    name: file.name,
    ...(file.number === undefined ? {} : { number: file.number }),
    ...(file.family === undefined ? {} : { family: file.family }),
    ...(file.familyDefault ? { familyDefault: true } : {}),
    recognize: file.recognize,
    target: file.target,
    durationMonths: file.durationMonths,
    anyItem: file.anyItem,
    items,
    limits,
    facts: file.facts ?? [],
    notes: file.notes,
    examples: file.examples ?? [],
    govShare,
    subsidyCap,
    consortium: file.consortium ?? null,
  };
}
