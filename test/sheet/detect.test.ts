import { describe, expect, it } from 'vitest';
import { programStatements, decideProgram } from '../../src/sheet/detect';
import { checkWorkbook } from '../../src/sheet/check';
import type { RawValue } from '../../src/domain/budget';
import { snapshotFromRows, type WorkbookSnapshot } from '../../src/sheet/grid';
import { seed004Rows } from './fixtures/workbook';

const book = (settings: Record<string, string>, ...sheets: [string, (RawValue | undefined)[][]][]): WorkbookSnapshot => ({
  sheets: sheets.map(([name, rows]) => snapshotFromRows(name, rows)),
  settings,
});

describe('program statements', () => {
  it('reads only the ticked option of a list of boxes, and not a list of options without boxes', () => {
    const statements = programStatements(
      book(
        {},
        ['基本資料', [['申請類別', '□製造業9人以下　■製造業10人以上　□製造業以大帶小'], ['說明', '適用製造業9人以下及10人以上之中小企業']]],
      ),
    );
    expect(statements.map((s) => [s.programs, s.loc.cell])).toEqual([[['upgrade-10plus'], 'B1']]);
  });

  it('does not read 110人以上 as 10人以上', () => {
    expect(programStatements(book({}, ['基本資料', [['員工人數', '110人以上']]]))).toEqual([]);
  });

  it('tells a template note from words the applicant wrote, and ranks it after them', () => {
    const statements = programStatements(
      book({}, ['經費預算表', [['註3：政府補助款不得超過總經費50%，且以300萬元為上限']]], ['封面', [['升級轉型補助計畫（製造業10人以上）']]]),
    );
    expect(statements.map((s) => [s.programs[0], s.note])).toEqual([
      ['upgrade-10plus', false],
      ['upgrade-under10', true],
    ]);
  });

  it('the same words on every page are one disagreement', () => {
    const pages = [1, 2, 3].map((n): [string, (string | null)[][]] => [`頁${n}`, [['升級轉型補助計畫（製造業9人以下）']]]);
    const decision = decideProgram(book({}, ...pages), [], null, 'upgrade-10plus');
    expect(decision).toMatchObject({ program: 'upgrade-10plus', source: 'option' });
    expect(decision.conflicts).toHaveLength(1);
  });

  it('program-conflict names both programs, in English too', () => {
    const snapshot = book({}, ['封面', [['升級轉型補助計畫（製造業10人以上）']]], ['經費預算表', seed004Rows()]);
    const result = checkWorkbook(snapshot, { lang: 'en' });
    expect(result.program).toBe('upgrade-10plus');
    const conflicts = result.findings.filter((f) => f.rule === 'program-conflict');
    expect(conflicts).toMatchObject([{ severity: 'warning', sheet: '封面', cell: 'A1' }]);
    expect(conflicts[0].message).toMatch(/upgrade-10plus.*基礎工程施工費.*registered-factory/);
  });
});
