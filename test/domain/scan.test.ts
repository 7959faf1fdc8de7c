import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseNumericText } from '../../src/domain/amount';
import { normalizeLabel, tidyLabel } from '../../src/domain/labels';
import { format } from '../../src/domain/money';
import { findPercent, groupThousands, trimEndWhere, withoutBracketNotes } from '../../src/domain/scan';

/**
 * Issue 25 (5): the patterns that were quadratic over a cell's text (up to 32,767 characters) are replaced by scans that
 * walk it once. Each scan gives exactly what the old pattern gave (checked on random text made of the characters that
 * matter); how long they take on hostile text is a figure in `npm run bench:hostile`, not an assertion here.
 */
const text = (chars: string[]) => fc.array(fc.constantFrom(...chars), { maxLength: 40 }).map((a) => a.join(''));

describe('linear scans give what the patterns gave', () => {
  it('withoutBracketNotes = /[([【][^)\\]】]*[)\\]】]/g then /[([【].*$/', () => {
    fc.assert(
      fc.property(text(['(', ')', '[', ']', '【', '】', 'a', '費', ' ']), (s) => {
        expect(withoutBracketNotes(s)).toBe(s.replace(/[([【][^)\]】]*[)\]】]/g, '').replace(/[([【].*$/, ''));
      }),
      { numRuns: 2_000 },
    );
  });

  it('findPercent = /([digit][digit.]*)(\\s*[%％])/', () => {
    const digit = (ch: string) => ch >= '0' && ch <= '9';
    const run = (ch: string) => digit(ch) || ch === '.';
    fc.assert(
      fc.property(text(['1', '2', '.', '%', '％', ' ', 'a', '(']), (s) => {
        const expected = /([0-9][0-9.]*)(\s*[%％])/.exec(s);
        const got = findPercent(s, digit, run);
        expect(got && { all: got[0], n: got[1], tail: got[2], index: got.index }).toEqual(expected && { all: expected[0], n: expected[1], tail: expected[2], index: expected.index });
      }),
      { numRuns: 2_000 },
    );
  });

  it('groupThousands = /\\B(?=(\\d{3})+(?!\\d))/g and trimEndWhere = /[…]+$/', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[1-9][0-9]{0,30}$/), text(['*', '※', ':', 'a']), (digits, marks) => {
        expect(groupThousands(digits)).toBe(digits.replace(/\B(?=(\d{3})+(?!\d))/g, ','));
        expect(trimEndWhere(marks, (ch) => '※*:'.includes(ch))).toBe(marks.replace(/[※*:]+$/, ''));
      }),
      { numRuns: 2_000 },
    );
  });
});

describe('hostile cell text is read correctly', () => {
  const MAX = 32_767;
  it('a 32,767-character amount, label or percentage', () => {
    expect(parseNumericText('1'.repeat(MAX))).toBe(BigInt('1'.repeat(MAX)) * 1_000_000n);
    expect(parseNumericText(`1${' '.repeat(MAX - 2)}x`)).toBeNull();
    expect(format(BigInt('9'.repeat(40)) * 1_000_000n)).toBe(groupThousands('9'.repeat(40)));
    expect(normalizeLabel(`人事費${'('.repeat(MAX - 3)}`)).toBe('人事');
    expect(normalizeLabel(`人事費${'(1,'.repeat(10_000)}`)).toBe('人事');
    expect(tidyLabel(`人事費${'*'.repeat(MAX - 4)}x`)).toBe(`人事費${'*'.repeat(MAX - 4)}x`);
    expect(findPercent(`${'1'.repeat(MAX - 1)}x`, (c) => c === '1', (c) => c === '1')).toBeNull();
  });
});
