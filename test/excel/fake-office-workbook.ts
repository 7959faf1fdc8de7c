import type { RawValue } from '../../src/domain/budget';
import { OfficeWorkbook, officeEnvironment } from '../../src/excel';
import { snapshotCell } from '../../src/excel/cells';
import { logicalSettings } from '../../src/sheet/stored-state';
import { type FakeExcelHost, type FakeExcelOptions, installFakeOffice } from '../../src/fake-excel-host';

/** The fake Excel host and the real Office.js adapter over it: how tests outside `test/excel` reach a workbook. */
export function fakeExcelWorkbook(options: FakeExcelOptions = {}): { host: FakeExcelHost; port: OfficeWorkbook } {
  const scope = {};
  const host = installFakeOffice(scope, options);
  return { host, port: new OfficeWorkbook(officeEnvironment(scope)) };
}

/** A cell's value as the adapter's snapshot reports it (blank is null, a formula gives its result). */
export function shownValue(host: FakeExcelHost, sheet: string, cell: string): RawValue {
  return snapshotCell(host.value(sheet, cell), null).value;
}

/**
 * Puts content into a cell as Excel reads typing ("=…" a formula, "12" a number, null clears it), without change events
 * or data validation: like a paste, or content that was there before the pane looked.
 */
export function putCell(host: FakeExcelHost, sheet: string, cell: string, value: string | number | null): void {
  host.seed(sheet, [[value ?? '']], cell);
}

/** A logical setting (SETTING_KEYS) as the add-in stored it: inside its one JSON setting (src/sheet/stored-state.ts). */
export function storedSetting(host: FakeExcelHost, key: string): string | undefined {
  return logicalSettings(Object.fromEntries(host.settings))[key];
}
