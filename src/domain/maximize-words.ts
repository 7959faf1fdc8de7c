import { t, type Lang } from './findings';
import { type Fixed, format, formatAmount, fromInt, isWhole } from './money';
import type { Program } from './programs/schema';
import { ratioText } from './programs/compile';

// The maximum in words, apart from the maximiser: the pane shows these at start, before the checking engine loads.

/** The limit that stops the subsidy growing. */
export type Binding = 'gov-share' | 'gov-cap' | 'self-share' | 'fixed-split' | 'fixed-amount' | 'items';

/** The limit that binds, in words: "受「補助款不得超過總經費 50%」限制". */
export function describeBinding(binding: Binding, program: Program, lang: Lang): string {
  switch (binding) {
    case 'gov-share': {
      const share = program.govShare ? ratioText(program.govShare.ratio, lang) : '?';
      return t(lang, `補助款不得超過總經費 ${share}`, `the subsidy may be at most ${share} of the total`);
    }
    case 'gov-cap': {
      const cap = formatAmount(fromInt(program.subsidyCap?.amount ?? 0));
      return t(lang, `每案補助上限 ${cap} 千元`, `the program cap of ${cap} thousand`);
    }
    case 'self-share':
      return t(lang, '業者自籌款比例下限', 'the minimum share of self-funding');
    case 'fixed-split':
      return t(lang, '補助款與自籌款的固定比例', 'the fixed split of subsidy and self-funding');
    case 'fixed-amount':
      return t(lang, '定額補助', 'the fixed subsidy amount');
    case 'items':
      return t(lang, '各科目已達各自上限（總經費比例上限、僅能自籌之科目）', 'every item is at its own limit (caps on the total, self-funded-only items)');
  }
}

/** An amount in 千元 with its 萬元 reading, as the brochures speak: "1,990 千元（199 萬元）". */
export function withWan(thousands: Fixed, lang: Lang): string {
  // 千元 in whole numbers have at most one decimal in 萬元.
  const wan = format(thousands / 10n, isWhole(thousands / 10n) ? 0 : 1);
  return t(lang, `${formatAmount(thousands)} 千元（${wan} 萬元）`, `NT$${formatAmount(thousands)} thousand (${wan} 萬元)`);
}
