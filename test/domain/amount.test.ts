import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAmount } from '../../src/domain/amount';
import { toNumber } from '../../src/domain/money';

const read = (v: Parameters<typeof parseAmount>[0]) => {
  const p = parseAmount(v);
  return p.kind === 'number' ? [toNumber(p.value), p.fromText] : p.kind;
};

describe('parseAmount', () => {
  it('reads numbers and blanks', () => {
    expect(read(1200)).toEqual([1200, false]);
    expect(read(null)).toBe('blank');
    expect(read('  ')).toBe('blank');
    expect(read('-')).toBe('blank');
  });

  it('reads numeric text with separators, full-width digits and units', () => {
    expect(read('1,200')).toEqual([1200, true]);
    expect(read('１２００')).toEqual([1200, true]);
    expect(read('１，２００．５')).toEqual([1200.5, true]);
    expect(read(' 3,380 千元')).toEqual([3380, true]);
    expect(read('NT$ 1,000,000')).toEqual([1000000, true]);
    expect(read('(200)')).toEqual([-200, true]);
  });

  it('refuses what is not a number', () => {
    expect(read('一千二')).toBe('invalid');
    expect(read('12,34')).toBe('invalid');
    expect(read('#REF!')).toBe('invalid');
    expect(read(false)).toBe('invalid');
    expect(read(Number.NaN)).toBe('invalid');
  });

  it('never throws on any text', () => {
    fc.assert(fc.property(fc.oneof(fc.string(), fc.double(), fc.boolean(), fc.constant(null)), (v) => {
      parseAmount(v);
    }));
  });

  it('reads back any formatted integer', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 1e12 }), (n) => {
      expect(read(n.toLocaleString('en-US'))).toEqual([n, true]);
    }));
  });
});
