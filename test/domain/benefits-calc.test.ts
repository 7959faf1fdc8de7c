import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  EMISSION_FACTORS,
  co2eTonnesFromKwh,
  computeBenefits,
  emissionFactorOf,
  improvement,
  newInvestmentFromBudget,
  oeePercent,
  reductionPercent,
} from '../../src/domain/benefits';
import { fromInt, fromNumber, parseDecimal, toDecimalString, toNumber } from '../../src/domain/money';

const d = (s: string) => parseDecimal(s)!;

describe('emission factors', () => {
  it('keeps year, value and source for 2021–2024', () => {
    expect(EMISSION_FACTORS.map((f) => [f.year, f.kgPerKwh])).toEqual([
      [2021, '0.509'],
      [2022, '0.495'],
      [2023, '0.494'],
      [2024, '0.474'],
    ]);
    for (const f of EMISSION_FACTORS) expect(f.source).toContain('能源署');
  });
});

describe('calculators', () => {
  it('減碳 % from baseline and reduction, exactly', () => {
    expect(toDecimalString(reductionPercent(fromInt(1000), fromInt(120))!)).toBe('12');
    expect(toDecimalString(reductionPercent(fromInt(3380), fromInt(120))!)).toBe('3.550296');
    expect(reductionPercent(0n, fromInt(5))).toBeNull();
  });

  it('CO2e tonnes = kWh × factor ÷ 1000 for the chosen year', () => {
    expect(toDecimalString(co2eTonnesFromKwh(fromInt(120_000), emissionFactorOf(2024)!))).toBe('56.88');
    expect(toDecimalString(co2eTonnesFromKwh(fromInt(120_000), emissionFactorOf(2021)!))).toBe('61.08');
    // A user-entered factor overrides the table.
    expect(toDecimalString(co2eTonnesFromKwh(fromInt(1_000), d('0.5')))).toBe('0.5');
  });

  it('OEE = availability × performance × quality', () => {
    expect(toDecimalString(oeePercent(fromInt(90), fromInt(95), fromInt(98)))).toBe('83.79');
    expect(toDecimalString(oeePercent(fromInt(100), fromInt(100), fromInt(100)))).toBe('100');
  });

  it('相較提升 states its method', () => {
    const points = improvement(fromInt(75), fromInt(85), 'points');
    expect(toDecimalString(points.value!)).toBe('10');
    expect(points.description['zh-TW']).toContain('百分點');
    const relative = improvement(fromInt(75), fromInt(85), 'relative');
    expect(toDecimalString(relative.value!)).toBe('13.333333');
    expect(relative.description['zh-TW']).toContain('相對提升');
    expect(relative.description.en).toContain('Relative');
  });

  it('新增投資 = new equipment + improvement totals, 千元 ÷ 100,000', () => {
    const budget = {
      amounts: [
        { itemId: 'consumables', gov: 240, self: 120 },
        { itemId: 'new-equipment', gov: 300, self: 300 },
        { itemId: 'equipment-improvement', gov: 900, self: 900 },
        { itemId: 'personnel', gov: 0, self: 200 },
      ],
    };
    expect(toDecimalString(newInvestmentFromBudget(budget)!)).toBe('0.024');
    expect(newInvestmentFromBudget({ amounts: [{ itemId: 'consumables', gov: 1, self: 1 }] })).toBeNull();
  });

  it('千元 → 億元 is exact for every whole amount', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 0, max: 10_000_000 }), (gov, self) => {
        const result = newInvestmentFromBudget({ amounts: [{ itemId: 'new-equipment', gov, self }] })!;
        expect(result * 100_000n).toBe(fromInt(gov + self));
      }),
    );
  });
});

describe('computeBenefits', () => {
  it('fills the form numbers from baselines and targets', () => {
    const c = computeBenefits({
      economic: { newInvestment: 0.024, jobs: 3 },
      carbon: { baselineTonnes: 500, savedKwh: 120_000, emissionFactor: emissionFactorOf(2023) },
      electricity: { baselineKwh: 1_000_000, savedKwh: 120_000 },
      oee: { before: 75, availability: 90, performance: 95, quality: 98, method: 'points' },
      yield: { before: 90, after: 99, method: 'relative' },
      lineStaff: { before: 10, after: 6 },
    });
    const v = (id: string, slot: string) => {
      const value = (c.items as Record<string, Record<string, bigint>>)[id]?.[slot];
      return value === undefined ? undefined : toNumber(value);
    };
    expect(v('new-investment', 'amount')).toBe(0.024);
    expect(v('carbon', 'amount')).toBe(59.28); // 120,000 × 0.494 ÷ 1000
    expect(v('carbon', 'percent')).toBe(11.9); // 59.28 / 500 = 11.856 %
    expect(c.emissionFactor?.year).toBe(2023);
    expect(v('electricity', 'percent')).toBe(12);
    expect(v('oee', 'value')).toBe(83.8);
    expect(v('oee', 'improvement')).toBe(8.8);
    expect(c.methods.oee?.method).toBe('points');
    expect(v('yield', 'improvement')).toBe(10); // (99 − 90) / 90
    expect(c.methods.yield?.method).toBe('relative');
    expect(v('line-staff', 'before')).toBe(10);
    expect(v('line-staff', 'after')).toBe(6);
    expect(v('cost-reduction', 'amount')).toBeUndefined();
  });

  it('uses the latest factor when none is chosen', () => {
    const c = computeBenefits({ carbon: { savedKwh: 1000 } });
    expect(c.emissionFactor?.year).toBe(2024);
    expect(toNumber(c.items.carbon!.amount!)).toBe(0.474);
    expect(c.items.carbon!.percent).toBeUndefined();
  });

  it('keeps a typed reduction instead of computing one', () => {
    const c = computeBenefits({ carbon: { reductionTonnes: 100, baselineTonnes: 800, savedKwh: 5 } });
    expect(toNumber(c.items.carbon!.amount!)).toBe(100);
    expect(toNumber(c.items.carbon!.percent!)).toBe(12.5);
    expect(c.emissionFactor).toBeNull();
    expect(fromNumber(12.5)).toBe(c.items.carbon!.percent);
  });
});
