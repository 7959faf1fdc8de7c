import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  comparePercentDistance,
  divRoundHalfAway,
  format,
  fromInt,
  fromNumber,
  parseDecimal,
  round,
  roundedPercent,
  sum,
  toDecimalString,
  toNumber,
} from '../../src/domain/money';

describe('exact decimals', () => {
  it('parses decimal text exactly', () => {
    expect(toDecimalString(parseDecimal('1200')!)).toBe('1200');
    expect(toDecimalString(parseDecimal('-12.5')!)).toBe('-12.5');
    expect(toDecimalString(parseDecimal('.5')!)).toBe('0.5');
    expect(toDecimalString(parseDecimal('1e3')!)).toBe('1000');
    expect(toDecimalString(parseDecimal('1.2345675')!)).toBe('1.234568');
    expect(parseDecimal('1.2.3')).toBeNull();
    expect(parseDecimal('')).toBeNull();
    expect(parseDecimal('abc')).toBeNull();
  });

  it('sums without floating-point drift', () => {
    expect(toNumber(sum([fromNumber(0.1), fromNumber(0.2)]))).toBe(0.3);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10_000_000 }), { maxLength: 50 }), (cents) => {
        const exact = cents.reduce((a, b) => a + b, 0);
        expect(sum(cents.map((c) => fromNumber(c / 100)))).toBe(BigInt(exact) * 10_000n);
      }),
    );
  });

  it('rounds half away from zero, as Excel ROUND does', () => {
    expect(toNumber(round(fromNumber(2.5), 0))).toBe(3);
    expect(toNumber(round(fromNumber(-2.5), 0))).toBe(-3);
    expect(toNumber(round(fromNumber(2.45), 1))).toBe(2.5);
    expect(toNumber(round(fromNumber(1.005), 2))).toBe(1.01); // binary floats give 1 here
    expect(divRoundHalfAway(-7n, 2n)).toBe(-4n);
  });

  it('computes one-decimal percentages from the exact rational', () => {
    expect(toNumber(roundedPercent(fromInt(120), fromInt(3380))!)).toBe(3.6);
    expect(toNumber(roundedPercent(fromInt(300), fromInt(3380))!)).toBe(8.9);
    expect(toNumber(roundedPercent(fromInt(1), fromInt(8))!)).toBe(12.5);
    expect(toNumber(roundedPercent(fromInt(1), fromInt(16))!)).toBe(6.3); // 6.25 → 6.3
    expect(roundedPercent(fromInt(1), 0n)).toBeNull();
  });

  it('compares a shown percentage with the exact share at the tolerance boundary', () => {
    const tol = fromNumber(0.05);
    expect(comparePercentDistance(fromNumber(12.45), fromInt(1), fromInt(8), tol)).toBe(0);
    expect(comparePercentDistance(fromNumber(12.44), fromInt(1), fromInt(8), tol)).toBe(1);
    expect(comparePercentDistance(fromNumber(12.5), fromInt(1), fromInt(8), tol)).toBe(-1);
  });

  it('formats with separators', () => {
    expect(format(fromInt(3380))).toBe('3,380');
    expect(format(fromNumber(3.55), 1)).toBe('3.6');
    expect(format(fromInt(-1234567))).toBe('-1,234,567');
  });
});
