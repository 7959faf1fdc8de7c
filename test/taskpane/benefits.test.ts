import { describe, expect, it } from 'vitest';
import { readBenefitSetting } from '../../src/sheet/benefits-plan';
import { EMPTY_BENEFIT_FORM, benefitWrite, calculatorInput, computeBenefits, investmentFromBudget, type BenefitForm } from '../../src/taskpane/benefits';
import { PaneSession } from '../../src/taskpane/session';
import { paneServices } from '../../src/taskpane/services';
import { fakeExcelWorkbook, putCell, shownValue } from '../excel/fake-office-workbook';

const SHEET = '經費預算表';
const label = (field: string) => field;

function form(values: BenefitForm['values'], extra: Partial<BenefitForm> = {}): BenefitForm {
  return { ...EMPTY_BENEFIT_FORM, ...extra, values };
}

async function budgetSession() {
  const { host, port } = fakeExcelWorkbook();
  const session = new PaneSession(port, paneServices, 'zh-TW');
  await session.start();
  await session.chooseProgram('upgrade-10plus');
  await session.prepareTemplate();
  await session.confirm();
  const rows = (await port.read()).sheets.find((s) => s.name === SHEET)!.values;
  const row = (label: string) => rows.findIndex((r) => r[0] === label) + 1;
  putCell(host, SHEET, `B${row('全新設備之購置費')}`, 600);
  putCell(host, SHEET, `C${row('全新設備之購置費')}`, 900);
  putCell(host, SHEET, `C${row('既有設備之改善費')}`, 500);
  await session.check();
  return { host, port, session };
}

describe('benefits tab logic', () => {
  it('reads typed numbers like the sheet does and names a field that is not a number', () => {
    const input = calculatorInput(form({ jobs: '１２', costReduction: '0.05', electricityBaseline: '1,200,000' }), label, 'zh-TW');
    expect(input.economic).toMatchObject({ jobs: 12, costReduction: 0.05 });
    expect(input.electricity).toMatchObject({ baselineKwh: 1_200_000 });
    expect(() => calculatorInput(form({ jobs: '十二' }), label, 'zh-TW')).toThrow('「jobs」不是有效的數字');
  });

  it('computes CO2e from kWh with the chosen year, and OEE from its factors', () => {
    const values = computeBenefits(
      calculatorInput(
        form({ carbonSavedKwh: '100000', carbonBaseline: '500', oeeAvailability: '90', oeePerformance: '90', oeeQuality: '90', oeeBefore: '60' }, { factorYear: 2021 }),
        label,
        'zh-TW',
      ),
    );
    // 100,000 kWh × 0.509 kg = 50.9 t; 50.9 / 500 = 10.18 % → 10.2
    expect(Number(values.items.carbon!.amount! / 1000n) / 1000).toBe(50.9);
    expect(values.emissionFactor?.year).toBe(2021);
    expect(Number(values.items.carbon!.percent!) / 1e6).toBe(10.2);
    expect(Number(values.items.oee!.value!) / 1e6).toBe(72.9);
    expect(Number(values.items.oee!.improvement!) / 1e6).toBe(12.9);
  });

  it('takes 新增投資 from the budget equipment lines (千元 → 億元)', async () => {
    const { session } = await budgetSession();
    // (600 + 900 + 500) 千元 = 2,000 千元 = 0.02 億元
    expect(investmentFromBudget(session.getState().summary)).toBe('0.02');
  });

  it('injects the tables with the values below the budget, then refills only its own cells and asks about typed ones', async () => {
    const { host, port, session } = await budgetSession();
    const values = computeBenefits(calculatorInput(form({ newInvestment: '0.02', jobs: '3', electricityBaseline: '1000000', electricitySaved: '120000' }), label, 'zh-TW'));
    const first = benefitWrite(await port.read(), values, null, 'zh-TW');
    expect(first.userCells).toEqual([]);
    session.offer('benefits', first.plan, await port.read(), { userCells: first.userCells });
    await session.confirm();
    const setting = readBenefitSetting(await port.read())!;
    expect(setting.layout.sheet).toBe(SHEET);
    const jobsCell = setting.layout.cells.jobs!.amount!;
    const savingCell = setting.layout.cells.electricity!.percent!;
    expect(shownValue(host, SHEET, jobsCell)).toBe(3);
    expect(shownValue(host, SHEET, savingCell)).toBe(12);

    // The user types over the jobs figure; a refill with new numbers asks before replacing it.
    putCell(host, SHEET, jobsCell, 5);
    const again = computeBenefits(calculatorInput(form({ newInvestment: '0.02', jobs: '4', electricityBaseline: '1000000', electricitySaved: '150000' }), label, 'zh-TW'));
    const second = benefitWrite(await port.read(), again, null, 'zh-TW');
    expect(second.userCells).toEqual([jobsCell]);
    session.offer('benefits', second.plan, await port.read(), { userCells: second.userCells, keepPlan: second.keepPlan });
    const pending = session.getState().pending!;
    expect(pending.changes.changes.filter((c) => c.replacesUserInput).map((c) => c.cell)).toEqual([jobsCell]);
    await session.confirm('keep');
    expect(shownValue(host, SHEET, jobsCell)).toBe(5);
    expect(shownValue(host, SHEET, savingCell)).toBe(15);
  });
});
