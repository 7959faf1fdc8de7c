/**
 * Self-test of the adapter's assumptions inside the Excel a user actually has (no Excel runs on our machines). Each
 * check is one thing `workbook.ts` relies on; all of it happens on a scratch sheet that is removed afterwards, and the
 * one diagnostics setting is removed again. The same checks ship as a Script Lab snippet (docs/diagnostics.scriptlab.yaml,
 * built from this file by scripts/make-scriptlab.ts) for people who cannot install the add-in.
 */
import { type OfficeEnvironment, OfficeWorkbook } from './workbook';
import { toExcelHostError } from './errors';
import { MARK_FORMAT, MARK_RULE, isMarkRule } from './marks';

export type CheckStatus = 'pass' | 'fail' | 'info' | 'skipped';

export interface CheckResult {
  id: string;
  /** What was checked, in English (the report is for support; the pane shows zh-TW titles from `DIAGNOSTIC_TITLES`). */
  title: string;
  status: CheckStatus;
  /** What was observed, for the report. */
  detail: string;
}

export interface HostInfo {
  host: string;
  platform: string;
  version: string;
}

export interface DiagnosticsReport {
  info: HostInfo;
  /** Highest ExcelApi version supported, and every version up to 1.20 that is. */
  excelApi: string;
  results: CheckResult[];
  startedAt: string;
}

/** zh-TW titles for the pane; the report itself stays in English for whoever receives it. */
export const DIAGNOSTIC_TITLES: Record<string, string> = {
  'requirement-sets': 'Excel API 需求集',
  'read-path': '讀取活頁簿（一次往返）',
  'null-object': '未記載的行為：透過空物件呼叫',
  settings: '設定的寫入與讀回',
  'scratch-sheet': '暫存工作表的新增與寫入',
  mark: '加上並移除標示',
  fills: '「無填滿」與白色的回報方式',
  'change-event': '寫入後的變更事件',
  'cell-edit': '延後至儲存格編輯結束（delayForCellEdit）',
  merges: '讀取合併儲存格（ExcelApi 1.13）',
  notes: '附註（ExcelApi 1.18）',
  'notes-read': '檢查時已知哪些儲存格有附註（標示一次往返）',
  'note-on-note': '未記載的行為：在已有附註的儲存格再加附註',
  hidden: '讀取隱藏的列與欄',
  'calc-mode': '讀取計算模式',
  cleanup: '移除暫存工作表與設定',
};

/**
 * What each result means and what to do, printed under it in the report: `ok` when it passed (or was informational),
 * `bad` when it failed or was skipped.
 */
export const DIAGNOSTIC_MEANINGS: Record<string, { ok: string; bad: string }> = {
  'requirement-sets': { ok: 'this Excel offers what the add-in needs.', bad: 'this Excel is older than ExcelApi 1.7: the add-in cannot run here; update Office.' },
  'read-path': { ok: 'checks read the workbook as designed.', bad: 'checks will fail on this Excel; send this report to whoever provides the add-in.' },
  'null-object': { ok: 'informational: the add-in does not rely on this.', bad: 'informational: the add-in does not rely on this; nothing to do.' },
  settings: { ok: 'program choices and mark records are kept with the workbook.', bad: 'choices and mark records are not kept: marks may not be removable after reopening; send this report.' },
  'scratch-sheet': { ok: 'the add-in can write to this workbook.', bad: 'the workbook refuses writes (protected or read-only?): marking and fixes will fail; check protection.' },
  mark: { ok: 'marks can be added and found again by their tag, so 清除標示 works.', bad: 'marks may be left behind; remove them by hand (Home > Conditional Formatting > Clear Rules) and send this report.' },
  fills: { ok: 'informational: the add-in reads neither fill.', bad: 'informational: the add-in reads neither fill; nothing to do.' },
  'change-event': { ok: 'live checks ignore the add-in\'s own writes and re-check after yours.', bad: 'live re-checking may not follow your edits: press 檢查 after editing.' },
  'cell-edit': { ok: 'actions wait while you type in a cell instead of failing.', bad: 'actions may fail while a cell is being edited: press Enter first, then retry.' },
  merges: { ok: 'merged cells are read with the check.', bad: 'merged headings may be misread: unmerge them or send this report.' },
  notes: { ok: 'marks carry their explanation as a note.', bad: 'marks will show no note on this Excel (notes need ExcelApi 1.18); the pane still lists every finding.' },
  'notes-read': { ok: 'marking takes one round trip.', bad: 'marking may be slower or replace a note; send this report.' },
  'note-on-note': { ok: 'informational: the add-in never adds a note to a noted cell knowingly.', bad: 'informational: nothing to do.' },
  hidden: { ok: 'amounts in hidden rows and columns are found.', bad: 'amounts in hidden rows or columns may be missed: unhide them before checking.' },
  'calc-mode': { ok: 'a manual calculation mode is reported, since results may then be stale.', bad: 'recalculate (F9) before checking.' },
  cleanup: { ok: 'the workbook is as it was.', bad: 'delete the sheet named 診斷暫存… by hand.' },
};

const DIAGNOSTICS_SETTING = 'subsidy-budget.diagnostics';
const API_VERSIONS = Array.from({ length: 20 }, (_, i) => `1.${i + 1}`);

/** Office.context.diagnostics where office.js provides it. */
export function hostInfo(scope: object = globalThis): HostInfo {
  const d = (scope as { Office?: { context?: { diagnostics?: Partial<HostInfo> } } }).Office?.context?.diagnostics;
  return { host: String(d?.host ?? 'unknown'), platform: String(d?.platform ?? 'unknown'), version: String(d?.version ?? 'unknown') };
}

/**
 * Runs every check in order, calling `progress` after each. Never throws: a check that fails says why, and the scratch
 * sheet is removed whatever happened.
 */
export async function runDiagnostics(env: OfficeEnvironment, info: HostInfo, progress: (results: CheckResult[]) => void = () => undefined): Promise<DiagnosticsReport> {
  const has = (v: string): boolean => env.isSetSupported('ExcelApi', v);
  const supported = API_VERSIONS.filter(has);
  const results: CheckResult[] = [];
  const scratch = `診斷暫存 ${Date.now() % 100000}`;
  const record = (r: CheckResult): void => {
    results.push(r);
    progress([...results]);
  };
  const check = async (id: string, title: string, body: () => Promise<{ status: CheckStatus; detail: string }>): Promise<void> => {
    try {
      record({ id, title, ...(await body()) });
    } catch (e) {
      const error = toExcelHostError(e);
      record({ id, title, status: 'fail', detail: error.detail });
    }
  };
  const run = <R>(batch: (context: Excel.RequestContext) => Promise<R>): Promise<R> => env.run(batch);

  await check('requirement-sets', 'Requirement sets (the add-in needs ExcelApi 1.7)', async () => ({
    status: has('1.7') ? 'pass' : 'fail',
    detail: `ExcelApi ${supported.length ? supported[supported.length - 1] : 'none'} (1.7 ${has('1.7') ? 'yes' : 'NO'}, 1.9 ${yn(has('1.9'))}, 1.13 ${yn(has('1.13'))}, 1.14 ${yn(has('1.14'))}, 1.18 ${yn(has('1.18'))})`,
  }));
  if (!has('1.7')) {
    return { info, excelApi: supported.join(' '), results, startedAt: new Date().toISOString() };
  }

  await check('read-path', 'Read path: sheet names, then contents by id; steady state one round trip', async () => {
    const port = new OfficeWorkbook(env);
    const first = await port.read();
    const firstSyncs = port.lastReadSyncs;
    await port.read();
    const steady = port.lastReadSyncs;
    return { status: firstSyncs <= 2 && steady === 1 ? 'pass' : 'fail', detail: `${first.sheets.length} sheets; first read ${firstSyncs} syncs, then ${steady}` };
  });

  await check('null-object', 'Undocumented: a call through a null object (the adapter does not rely on it)', async () => {
    try {
      await run(async (context) => {
        const used = context.workbook.worksheets.getItemOrNullObject('\u0000no such sheet').getUsedRangeOrNullObject(true);
        used.load('address');
        await context.sync();
      });
      return { status: 'info', detail: 'tolerated' };
    } catch (e) {
      return { status: 'info', detail: `refused: ${toExcelHostError(e).code}` };
    }
  });

  await check('settings', 'Settings: write one key, read it back, delete it', async () => {
    const value = JSON.stringify({ version: 1, at: Date.now() });
    await run(async (context) => {
      context.workbook.settings.add(DIAGNOSTICS_SETTING, value);
      await context.sync();
    });
    const back = await run(async (context) => {
      const item = context.workbook.settings.getItemOrNullObject(DIAGNOSTICS_SETTING);
      item.load('value');
      await context.sync();
      return item.isNullObject ? null : (item.value as unknown);
    });
    await run(async (context) => {
      context.workbook.settings.getItem(DIAGNOSTICS_SETTING).delete();
      await context.sync();
    });
    return { status: back === value ? 'pass' : 'fail', detail: back === value ? 'round trip exact' : `read back ${JSON.stringify(back)}` };
  });

  let scratchMade = false;
  await check('scratch-sheet', 'Scratch sheet: add, write, read back', async () => {
    const value = await run(async (context) => {
      const ws = context.workbook.worksheets.add(scratch);
      ws.getRange('A1:B2').values = [['=1+1', "'=text"], [1234.5, '']];
      const r = ws.getRange('A1:B2');
      r.load('values,formulas');
      await context.sync();
      return { values: r.values, formulas: r.formulas };
    });
    scratchMade = true;
    const ok = value.values[0][0] === 2 && value.values[0][1] === '=text' && value.formulas[0][0] === '=1+1' && value.values[1][0] === 1234.5;
    return { status: ok ? 'pass' : 'fail', detail: JSON.stringify(value.values) };
  });

  if (scratchMade) {
    await check('mark', 'Mark: add two of the add-in\'s own conditional formats, remove one by id, find the other by its tag', async () => {
      const ids = await run(async (context) => {
        const ws = context.workbook.worksheets.getItem(scratch);
        const add = (cell: string): Excel.ConditionalFormat => {
          const cf = ws.getRange(cell).conditionalFormats.add('Custom');
          cf.custom.rule.formula = MARK_RULE;
          cf.custom.format.fill.color = MARK_FORMAT.fill;
          cf.load('id');
          return cf;
        };
        const a = add('A2');
        const b = add('A3');
        await context.sync();
        return [a.id, b.id];
      });
      // Only ExcelApi 1.6 calls: the collection's items, not getItemOrNullObject (1.14).
      const left = await run(async (context) => {
        const ws = context.workbook.worksheets.getItem(scratch);
        ws.getRange('A2').conditionalFormats.getItem(ids[0]).delete();
        // `conditionalFormats` navigates to a collection; its items are loaded below, before any read.
        // eslint-disable-next-line office-addins/load-object-before-read
        const formatsAt = (cell: string): Excel.ConditionalFormatCollection => ws.getRange(cell).conditionalFormats;
        const a = formatsAt('A2');
        const b = formatsAt('A3');
        a.load('items/id');
        b.load('items/id');
        await context.sync();
        const rules = b.items.map((cf) => cf.custom.rule.load('formula'));
        await context.sync();
        return { a: a.items.length, b: rules.filter((r) => isMarkRule(r.formula)).length };
      });
      const ok = ids[0] !== ids[1] && left.a === 0 && left.b === 1;
      return {
        status: ok ? 'pass' : 'fail',
        detail: `ids ${ids.join(', ')}; after removing the first: ${left.a} format(s) left on A2, ${left.b} tagged on A3${ok ? '' : ' — marks could not be told apart: "clear marks" may leave marks or remove the wrong one; send this report'}`,
      };
    });

    await check('fills', 'Fills: how "no fill" and white are reported (the adapter reads neither)', async () => {
      if (!has('1.9')) return { status: 'skipped', detail: 'needs ExcelApi 1.9' };
      const seen = await run(async (context) => {
        const ws = context.workbook.worksheets.getItem(scratch);
        ws.getRange('C2').format.fill.color = '#FFFFFF';
        // `format.fill` navigates to a child object; nothing is read until the loads below and the sync.
        // eslint-disable-next-line office-addins/load-object-before-read
        const none = ws.getRange('C1').format.fill;
        // eslint-disable-next-line office-addins/load-object-before-read
        const white = ws.getRange('C2').format.fill;
        none.load('color,pattern,tintAndShade');
        white.load('color,pattern,tintAndShade');
        await context.sync();
        return { none: [none.color, none.pattern, none.tintAndShade], white: [white.color, white.pattern, white.tintAndShade] };
      });
      return { status: 'info', detail: `no fill ${JSON.stringify(seen.none)}; white ${JSON.stringify(seen.white)}` };
    });

    await check('change-event', 'Change event after the add-in\'s own write (triggerSource from ExcelApi 1.14)', async () => {
      let received: { triggerSource?: string } | null = null;
      const handler = await run(async (context) => {
        const result = context.workbook.worksheets.getItem(scratch).onChanged.add(async (event: Excel.WorksheetChangedEventArgs) => {
          received = event;
        });
        await context.sync();
        return result;
      });
      await run(async (context) => {
        context.workbook.worksheets.getItem(scratch).getRange('D1').values = [[1]];
        await context.sync();
      });
      for (let i = 0; i < 30 && !received; i++) await new Promise((r) => setTimeout(r, 100));
      await env.run(handler.context, async (context) => {
        handler.remove();
        await context.sync();
      });
      const event = received as { triggerSource?: string } | null;
      if (!event) return { status: 'fail', detail: 'no event within 3 s' };
      const source = event.triggerSource;
      const ok = has('1.14') ? source === 'ThisLocalAddin' : true;
      return { status: ok ? 'pass' : 'fail', detail: `triggerSource ${source ?? '(none)'}` };
    });

    await check('cell-edit', 'A batch with delayForCellEdit runs (live checks use it)', async () => {
      await env.run({ delayForCellEdit: true }, async (context) => {
        context.workbook.worksheets.getItem(scratch).getRange('A1').load('address');
        await context.sync();
      });
      return { status: 'pass', detail: 'ran' };
    });

    await check('merges', 'Merged areas are reported (ExcelApi 1.13)', async () => {
      if (!has('1.13')) return { status: 'skipped', detail: 'needs ExcelApi 1.13; plans are not checked against merges' };
      const address = await run(async (context) => {
        const ws = context.workbook.worksheets.getItem(scratch);
        ws.getRange('E1:F1').merge(false);
        const areas = ws.getRange().getMergedAreasOrNullObject();
        areas.load('address');
        await context.sync();
        return areas.isNullObject ? null : areas.address;
      });
      return { status: address && /E1:F1/.test(address.replace(/\$/g, '')) ? 'pass' : 'fail', detail: String(address) };
    });

    await check('notes', 'Notes carry a mark\'s text (ExcelApi 1.18)', async () => {
      if (!has('1.18')) return { status: 'skipped', detail: 'needs ExcelApi 1.18; marks have no text' };
      const content = await run(async (context) => {
        const notes = context.workbook.worksheets.getItem(scratch).notes;
        notes.add('A2', '診斷');
        const note = notes.getItem('A2');
        note.load('content');
        await context.sync();
        const text = note.content;
        note.delete();
        await context.sync();
        return text;
      });
      return { status: content === '診斷' ? 'pass' : 'fail', detail: JSON.stringify(content) };
    });
  }

  let readWithHidden: Awaited<ReturnType<OfficeWorkbook['read']>> | null = null;
  if (scratchMade) {
    await check('notes-read', 'The check\'s read knows which cells carry a note, so a mark adds its note in its one round trip (ExcelApi 1.18)', async () => {
      if (!has('1.18')) return { status: 'skipped', detail: 'needs ExcelApi 1.18; marks have no text' };
      const sheetId = await run(async (context) => {
        const ws = context.workbook.worksheets.getItem(scratch);
        ws.notes.add('A3', '診斷');
        ws.load('id');
        await context.sync();
        return ws.id;
      });
      const port = new OfficeWorkbook(env);
      await port.read(); // first read: counts the workbook's notes, then locates them with the sheets' contents
      await port.read(); // steady state: counts and locates in the one sync
      const cells = port.noteCells?.get(sheetId);
      const ok = cells?.has('A3') === true && cells.size === 1 && port.lastReadSyncs === 1;
      return { status: ok ? 'pass' : 'fail', detail: `notes at ${cells ? [...cells].join(',') || '(none)' : 'unknown'}; read ${port.lastReadSyncs} sync(s)` };
    });

    await check('note-on-note', 'Undocumented: adding a note to a cell that has one (the adapter never does it knowingly)', async () => {
      if (!has('1.18')) return { status: 'skipped', detail: 'needs ExcelApi 1.18' };
      let outcome: string;
      try {
        outcome = await run(async (context) => {
          const notes = context.workbook.worksheets.getItem(scratch).notes;
          notes.add('A3', '第二則');
          const note = notes.getItem('A3');
          note.load('content');
          await context.sync();
          return note.content === '第二則' ? 'replaced' : `kept (${JSON.stringify(note.content)})`;
        });
      } catch (e) {
        outcome = `refused: ${toExcelHostError(e).code}`;
      }
      return { status: 'info', detail: outcome };
    });

    await check('hidden', 'Hidden rows and columns are read with the check (the hidden-amounts rule)', async () => {
      await run(async (context) => {
        const ws = context.workbook.worksheets.getItem(scratch);
        ws.getRange('G1:H3').values = [[1, 2], [3, 4], [5, 6]];
        ws.getRange('2:2').rowHidden = true;
        ws.getRange('H:H').columnHidden = true;
        await context.sync();
      });
      const snapshot = await new OfficeWorkbook(env).read();
      readWithHidden = snapshot;
      const sheet = snapshot.sheets.find((s) => s.name === scratch);
      const rows = sheet?.hiddenRows ?? [];
      const cols = sheet?.hiddenCols ?? [];
      const ok = rows.length === 1 && rows[0] === 1 && cols.length === 1 && cols[0] === 7;
      return { status: ok ? 'pass' : 'fail', detail: `hidden rows ${JSON.stringify(rows.map((r) => r + 1))}, columns ${JSON.stringify(cols)} (expected [2], [7]) via ${has('1.9') ? 'visible cells (1.9)' : 'rowHidden/columnHidden'}` };
    });
  }

  await check('calc-mode', 'The calculation mode is read with the check (manual: results may be stale)', async () => {
    const snapshot = readWithHidden ?? (await new OfficeWorkbook(env).read());
    return { status: snapshot.calcMode ? 'pass' : 'fail', detail: String(snapshot.calcMode ?? 'not reported') };
  });

  await check('cleanup', 'Scratch sheet and diagnostics setting removed', async () => {
    const left = await run(async (context) => {
      const sheets = context.workbook.worksheets;
      sheets.load('items/name');
      const setting = context.workbook.settings.getItemOrNullObject(DIAGNOSTICS_SETTING);
      setting.load('key');
      await context.sync();
      const ws = sheets.items.find((s) => s.name === scratch);
      if (ws) ws.delete();
      await context.sync();
      return { sheet: Boolean(ws), setting: !setting.isNullObject };
    });
    return { status: left.setting ? 'fail' : 'pass', detail: `scratch sheet ${left.sheet ? 'removed' : 'was not created'}; setting ${left.setting ? 'LEFT BEHIND' : 'gone'}` };
  });

  return { info, excelApi: supported.join(' '), results, startedAt: new Date().toISOString() };
}

function yn(b: boolean): string {
  return b ? 'yes' : 'no';
}

/** The plain-text report a user copies and sends. */
export function reportText(report: DiagnosticsReport, addInVersion = 'subsidy-budget'): string {
  const mark = { pass: 'PASS', fail: 'FAIL', info: 'INFO', skipped: 'SKIP' } as const;
  const lines = [
    `${addInVersion} diagnostics, ${report.startedAt}`,
    `Excel: ${report.info.host} ${report.info.version} on ${report.info.platform}`,
    `ExcelApi: ${report.excelApi || 'none'}`,
    '',
    ...report.results.flatMap((r) => {
      const meaning = DIAGNOSTIC_MEANINGS[r.id];
      const line = `${mark[r.status].padEnd(4)}  ${r.id.padEnd(16)} ${r.title}: ${r.detail}`;
      if (!meaning) return [line];
      return [line, `      what it means: ${r.status === 'fail' || r.status === 'skipped' ? meaning.bad : meaning.ok}`];
    }),
    '',
    `${report.results.filter((r) => r.status === 'fail').length} failed, ${report.results.filter((r) => r.status === 'pass').length} passed`,
  ];
  return lines.join('\n');
}
