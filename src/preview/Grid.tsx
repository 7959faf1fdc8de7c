import { useRef, useState, useSyncExternalStore, type KeyboardEvent } from 'react';
import { columnLetter, parseRange, toA1 } from '../sheet/grid';
import type { WorkbookView } from './workbook-view';

/**
 * A simple spreadsheet view of the in-memory workbook: sheet tabs, column letters and row numbers, computed values,
 * the selection, and a formula bar to type into (Enter writes through the fake host as a user edit).
 */
export function Grid(props: { workbook: WorkbookView }) {
  const { workbook } = props;
  const version = useSyncExternalStore(workbook.subscribe, workbook.version);
  const sheets = workbook.sheetNames();
  const active = workbook.activeSheet() ?? sheets[0] ?? null;
  const selection = workbook.selection();
  const selected = selection && selection.sheet === active ? parseRange(selection.address) : null;
  const anchor = selected ? toA1(selected.top, selected.left) : 'A1';
  // A draft belongs to the cell it was typed for; moving the selection leaves it behind. (Resetting it in an effect
  // raced with fast typing: the reset could land after the first keystroke of the next cell.)
  const [typed, setTyped] = useState<{ at: string; text: string } | null>(null);
  const here = `${active}!${anchor}`;
  const draft = typed && typed.at === here ? typed.text : null;
  const setDraft = (text: string | null) => setTyped(text === null ? null : { at: here, text });
  const input = useRef<HTMLInputElement>(null);

  const current = active ? workbook.cell(active, selected?.top ?? 0, selected?.left ?? 0).input : '';

  if (!active) return <div className="grid-empty">（空白活頁簿 / empty workbook）</div>;

  const { rows, cols } = workbook.extent(active);
  const merges = workbook.merges(active);
  const covered = new Set<string>();
  const spans = new Map<string, { rowSpan: number; colSpan: number }>();
  for (const m of merges) {
    spans.set(`${m.top},${m.left}`, { rowSpan: m.bottom - m.top + 1, colSpan: m.right - m.left + 1 });
    for (let r = m.top; r <= m.bottom; r++) for (let c = m.left; c <= m.right; c++) if (r !== m.top || c !== m.left) covered.add(`${r},${c}`);
  }

  const select = (row: number, col: number) => workbook.select({ sheet: active, address: toA1(row, col) });
  const commit = (moveDown: boolean) => {
    if (draft !== null) workbook.edit(active, anchor, draft);
    setDraft(null);
    if (moveDown && selected) select(selected.top + 1, selected.left);
  };
  const onGridKey = (e: KeyboardEvent) => {
    if (!selected) return;
    const moves: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
    const move = moves[e.key];
    if (move) {
      e.preventDefault();
      select(Math.max(0, selected.top + move[0]), Math.max(0, selected.left + move[1]));
    } else if (e.key === 'Enter' || e.key === 'F2') {
      e.preventDefault();
      input.current?.focus();
    } else if (e.key === 'Delete' || e.key === 'Backspace') {
      e.preventDefault();
      workbook.edit(active, anchor, '');
    } else if (e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey) {
      e.preventDefault();
      setDraft(e.key);
      input.current?.focus();
    }
  };

  return (
    <div className="grid-root" data-version={version}>
      <div className="formula-bar">
        <label htmlFor="formula-input" className="address" data-testid="grid-address">
          {active}!{anchor}
        </label>
        <input
          id="formula-input"
          ref={input}
          data-testid="formula-input"
          value={draft ?? current}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              commit(true);
            } else if (e.key === 'Escape') {
              setDraft(null);
            }
          }}
          aria-label={`${active}!${anchor}`}
        />
      </div>
      <div className="grid-scroll" tabIndex={0} onKeyDown={onGridKey} aria-label="工作表 / worksheet" data-testid="grid">
        <table className="grid">
          <thead>
            <tr>
              <th className="corner" />
              {Array.from({ length: cols }, (_, c) => (
                <th key={c} style={{ width: workbook.columnWidth(active, c), minWidth: workbook.columnWidth(active, c) }}>
                  {columnLetter(c)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {Array.from({ length: rows }, (_, r) => (
              <tr key={r}>
                <th className="row-head">{r + 1}</th>
                {Array.from({ length: cols }, (_, c) => {
                  if (covered.has(`${r},${c}`)) return null;
                  const cell = workbook.cell(active, r, c);
                  const span = spans.get(`${r},${c}`);
                  const isSelected = selected && r >= selected.top && r <= selected.bottom && c >= selected.left && c <= selected.right;
                  return (
                    <td
                      key={c}
                      rowSpan={span?.rowSpan}
                      colSpan={span?.colSpan}
                      data-cell={toA1(r, c)}
                      className={isSelected ? 'selected' : undefined}
                      style={{
                        background: cell.fill ?? undefined,
                        color: cell.fontColor ?? undefined,
                        fontWeight: cell.bold ? 600 : undefined,
                        textAlign: cell.align ?? (/^-?[\d,.]+%?$/.test(cell.text) ? 'right' : 'left'),
                        whiteSpace: cell.wrap ? 'normal' : 'nowrap',
                      }}
                      onMouseDown={() => select(r, c)}
                      onDoubleClick={() => input.current?.focus()}
                      title={cell.input !== cell.text ? cell.input : undefined}
                    >
                      {cell.text}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="sheet-tabs" role="tablist" aria-label="工作表 / sheets">
        {sheets.map((name) => (
          <button
            key={name}
            role="tab"
            aria-selected={name === active}
            className={name === active ? 'active' : undefined}
            onClick={() => workbook.activate(name)}
          >
            {name}
          </button>
        ))}
      </div>
    </div>
  );
}

