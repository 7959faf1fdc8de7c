/**
 * Crafted workbooks that used to exhaust memory or hang the checker (issue 9, "One batch, no report"), written as raw
 * OOXML parts with a small zip writer of our own so that each can say exactly what it holds: cells at A1 and
 * XFD1048576, a merge / data validation / defined name over a whole sheet, zip bombs, and a 700,000-row data sheet.
 * Every workbook also holds a small clean 經費預算表, so a checker that survives the hostile part has something to check.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { constants, crc32, deflateRawSync } from 'node:zlib';
import { addWebExtensionSettings } from '../src/xlsx/webextension';

/** One zip entry, already compressed: `chunks` are written in order (a chunk may be repeated by reference). */
interface Entry {
  name: string;
  chunks: Buffer[];
  crc: number;
  size: number;
}

function deflated(name: string, text: string | Buffer): Entry {
  const data = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  return { name, chunks: [deflateRawSync(data)], crc: crc32(data), size: data.length };
}

/** Writes a zip archive (deflate, no zip64: every size under 4 GiB). `declare` may state a false inflated size. */
function writeZip(path: string, entries: Entry[], declare: Record<string, number> = {}): number {
  const fd = openSync(path, 'w');
  let offset = 0;
  const put = (b: Buffer) => {
    writeSync(fd, b);
    offset += b.length;
  };
  const central: Buffer[] = [];
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const compressed = e.chunks.reduce((n, c) => n + c.length, 0);
    const size = declare[e.name] ?? e.size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(e.crc >>> 0, 14);
    local.writeUInt32LE(compressed, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const at = offset;
    put(local);
    put(name);
    for (const c of e.chunks) put(c);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(0x800, 8);
    cd.writeUInt16LE(8, 10);
    cd.writeUInt32LE(e.crc >>> 0, 16);
    cd.writeUInt32LE(compressed, 20);
    cd.writeUInt32LE(size, 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt32LE(at, 42);
    central.push(cd, name);
  }
  const cdStart = offset;
  for (const b of central) put(b);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(offset - cdStart, 12);
  end.writeUInt32LE(cdStart, 16);
  put(end);
  closeSync(fd);
  return offset;
}

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const inline = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${escape(text)}</t></is></c>`;
const num = (ref: string, n: number) => `<c r="${ref}"><v>${n}</v></c>`;

/** A clean budget table (registered-factory sized) as sheet rows, A1:D6. */
const BUDGET_ROWS = [
  '<row r="1">' + inline('A1', '會計科目') + inline('B1', '政府補助款') + inline('C1', '業者自籌款') + inline('D1', '合計') + '</row>',
  '<row r="2">' + inline('A2', '消耗性器材及原材料費') + num('B2', 240) + num('C2', 120) + num('D2', 360) + '</row>',
  '<row r="3">' + inline('A3', '既有設備之改善費') + num('B3', 900) + num('C3', 900) + num('D3', 1800) + '</row>',
  '<row r="4">' + inline('A4', '人事費') + num('B4', 0) + num('C4', 200) + num('D4', 200) + '</row>',
  '<row r="5">' + inline('A5', '合計') + num('B5', 1140) + num('C5', 1220) + num('D5', 2360) + '</row>',
];

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

function workbookEntries(sheets: { name: string; xml?: string }[], definedNames = ''): Entry[] {
  return [
    deflated(
      '[Content_Types].xml',
      `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${sheets.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('')}</Types>`,
    ),
    deflated(
      '_rels/.rels',
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    ),
    deflated(
      'xl/workbook.xml',
      `<?xml version="1.0" encoding="UTF-8"?><workbook ${NS}><sheets>${sheets.map((s, i) => `<sheet name="${escape(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets>${definedNames}</workbook>`,
    ),
    deflated(
      'xl/_rels/workbook.xml.rels',
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('')}</Relationships>`,
    ),
    ...sheets.filter((s) => s.xml !== undefined).map((s, i) => deflated(`xl/worksheets/sheet${i + 1}.xml`, s.xml!)),
  ];
}

const sheetXml = (rows: string[], after = '') => `<?xml version="1.0" encoding="UTF-8"?><worksheet ${NS}><sheetData>${rows.join('')}</sheetData>${after}</worksheet>`;

export type HostileKind =
  | 'sparse-huge-address'
  | 'whole-sheet-merge'
  | 'whole-sheet-validation'
  | 'whole-sheet-defined-name'
  | 'zip-bomb-whitespace'
  | 'zip-bomb-repeated-cell'
  | 'zip-bomb-false-size'
  | 'dev-zero'
  | 'fifo'
  | 'rows-700k'
  // Issue 25: small workbooks whose text used to cost minutes of CPU or the batch its report.
  | 'long-text-amount'
  | 'bracket-labels'
  | 'repeated-long-labels'
  // Issue 25: settings stored in the workbook (invisible in Excel) that used to silence the check.
  | 'setting-hides-budget'
  | 'setting-lowers-cap';

/** The cheap kinds (each file a few KB, written in milliseconds), for tests. */
export const CHEAP_KINDS: HostileKind[] = [
  'sparse-huge-address',
  'whole-sheet-merge',
  'whole-sheet-validation',
  'whole-sheet-defined-name',
  'zip-bomb-false-size',
  'dev-zero',
  'fifo',
  'setting-hides-budget',
  'setting-lowers-cap',
];

/**
 * A 10人以上 application (cover A1 names the program) asking 8,000 千元 of subsidy, over its 5,000 cap: the check owes
 * it a gov-cap error. The two settings attacks store something that used to silence it.
 */
const CAP_BREACH_ROWS = [
  '<row r="1">' + inline('A1', '會計科目') + inline('B1', '政府補助款') + inline('C1', '業者自籌款') + inline('D1', '合計') + '</row>',
  '<row r="2">' + inline('A2', '消耗性器材及原材料費') + num('B2', 1000) + num('C2', 1000) + num('D2', 2000) + '</row>',
  '<row r="3">' + inline('A3', '全新設備之購置費') + num('B3', 3000) + num('C3', 3500) + num('D3', 6500) + '</row>',
  '<row r="4">' + inline('A4', '既有設備之改善費') + num('B4', 2000) + num('C4', 2000) + num('D4', 4000) + '</row>',
  '<row r="5">' + inline('A5', '委託研究或驗證費') + num('B5', 2000) + num('C5', 2500) + num('D5', 4500) + '</row>',
  '<row r="6">' + inline('A6', '合計') + num('B6', 8000) + num('C6', 9000) + num('D6', 17000) + '</row>',
];
const COVER_10PLUS = sheetXml(['<row r="1">' + inline('A1', '經濟部中小及新創企業署 中小企業升級轉型補助計畫 個案補助（製造業10人以上）') + '</row>']);

/** The settings each attack stores, as the add-in would (a web-extension part). */
export const SETTINGS_ATTACKS = {
  // Names the real budget sheet as the add-in's 審查意見 sheet, which the check leaves out.
  'setting-hides-budget': { 'subsidy-budget.review': JSON.stringify({ version: 1, sheet: '經費預算表', written: {} }) },
  // A program with a 30,000 cap, against the cover's 10人以上 (5,000).
  'setting-lowers-cap': { 'subsidy-budget.program': 'chain-lowcarbon' },
} as const;

/**
 * Writes one hostile file into `dir` and returns its path (for dev-zero, /dev/zero itself). `bombBytes` is how far a
 * zip bomb inflates (default 3.9 GB, about 4 MB on disk); `rows` the data sheet's row count (default 700,000).
 */
export function writeHostile(dir: string, kind: HostileKind, options: { bombBytes?: number; rows?: number } = {}): string {
  const path = join(dir, `${kind}.xlsx`);
  const budget = { name: '經費預算表', xml: sheetXml(BUDGET_ROWS) };
  switch (kind) {
    case 'sparse-huge-address':
      writeZip(path, workbookEntries([budget, { name: '資料', xml: sheetXml(['<row r="1">' + num('A1', 1) + '</row>', '<row r="1048576">' + num('XFD1048576', 2) + '</row>']) }]));
      return path;
    case 'whole-sheet-merge':
      writeZip(path, workbookEntries([budget, { name: '封面', xml: sheetXml(['<row r="1">' + inline('A1', '申請書') + '</row>'], '<mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>') }]));
      return path;
    case 'whole-sheet-validation':
      writeZip(
        path,
        workbookEntries([
          {
            name: '經費預算表',
            xml: sheetXml(BUDGET_ROWS, '<dataValidations count="1"><dataValidation type="whole" operator="greaterThanOrEqual" allowBlank="1" showErrorMessage="1" sqref="A1:XFD1048576"><formula1>0</formula1></dataValidation></dataValidations>'),
          },
        ]),
      );
      return path;
    case 'whole-sheet-defined-name':
      writeZip(path, workbookEntries([budget], '<definedNames><definedName name="Everything">經費預算表!$A$1:$XFD$1048576</definedName><definedName name="_xlnm.Print_Area" localSheetId="0">經費預算表!$A:$XFD</definedName></definedNames>'));
      return path;
    case 'zip-bomb-whitespace':
    case 'zip-bomb-repeated-cell': {
      // One block of repeated text, compressed once and written many times: a valid deflate stream, since every copy
      // starts from a state that refers to nothing before it (sync flush), and the last block ends it.
      const unit = kind === 'zip-bomb-whitespace' ? ' ' : num('B2', 1);
      const block = Buffer.from(unit.repeat(Math.ceil((16 * 1024 * 1024) / unit.length)).slice(0, 16 * 1024 * 1024 - ((16 * 1024 * 1024) % unit.length)));
      const blockDeflated = deflateRawSync(block, { level: 9, finishFlush: constants.Z_SYNC_FLUSH });
      const head = Buffer.from(`<?xml version="1.0" encoding="UTF-8"?><worksheet ${NS}><sheetData>${BUDGET_ROWS.join('')}<row r="6">`);
      const tail = Buffer.from('</row></sheetData></worksheet>');
      const copies = Math.max(1, Math.floor((options.bombBytes ?? (kind === 'zip-bomb-whitespace' ? 3_900_000_000 : 2_000_000_000)) / block.length));
      let crc = crc32(head);
      for (let i = 0; i < copies; i++) crc = crc32(block, crc);
      crc = crc32(tail, crc);
      const chunks = [deflateRawSync(head, { finishFlush: constants.Z_SYNC_FLUSH }), ...Array<Buffer>(copies).fill(blockDeflated), deflateRawSync(tail)];
      const entries = workbookEntries([{ name: '經費預算表' }]);
      entries.push({ name: 'xl/worksheets/sheet1.xml', chunks, crc, size: head.length + copies * block.length + tail.length });
      writeZip(path, entries);
      return path;
    }
    case 'zip-bomb-false-size': {
      // A part that declares 2 KB and inflates to 16 MB: the declaration is checked while inflating.
      const entries = workbookEntries([budget, { name: '資料', xml: sheetXml(['<row r="1">' + num('A1', 1) + '</row>']) }]);
      const big = sheetXml(['<row r="1">' + inline('A1', ' '.repeat(16 * 1024 * 1024)) + '</row>']);
      entries[entries.length - 1] = deflated('xl/worksheets/sheet2.xml', big);
      writeZip(path, entries, { 'xl/worksheets/sheet2.xml': 2048 });
      return path;
    }
    case 'long-text-amount': {
      // One 32,765-character text amount (legal in Excel): the thousands-separator pattern was quadratic over it.
      const rows = [...BUDGET_ROWS.slice(0, 3), '<row r="4">' + inline('A4', '人事費') + inline('B4', '1,'.repeat(16_382) + '1') + num('C4', 200) + num('D4', 200) + '</row>', BUDGET_ROWS[4]];
      writeZip(path, workbookEntries([{ name: '經費預算表', xml: sheetXml(rows) }]));
      return path;
    }
    case 'bracket-labels': {
      // Five labels of 32,000 opening brackets: the note-removing pattern retried every bracket.
      const labels = Array.from({ length: 5 }, (_, i) => `<row r="${6 + i}">` + inline(`A${6 + i}`, `人事費${'(1,'.repeat(10_666)}`) + num(`B${6 + i}`, 0) + num(`C${6 + i}`, 1) + num(`D${6 + i}`, 1) + '</row>');
      writeZip(path, workbookEntries([{ name: '經費預算表', xml: sheetXml([...BUDGET_ROWS.slice(0, 4), ...labels, BUDGET_ROWS[4].replace(/r="5"|A5|B5|C5|D5/g, (m) => (m === 'r="5"' ? 'r="11"' : `${m[0]}11`))]) }]));
      return path;
    }
    case 'repeated-long-labels': {
      // 2,000 rows quoting one 32,000-character label: every finding quotes it, and the report must stay bounded.
      const long = '設'.repeat(32_000);
      const rows = Array.from({ length: 2_000 }, (_, i) => `<row r="${6 + i}">` + inline(`A${6 + i}`, long) + num(`B${6 + i}`, 1) + num(`C${6 + i}`, 1) + num(`D${6 + i}`, 2) + '</row>');
      writeZip(path, workbookEntries([{ name: '經費預算表', xml: sheetXml([...BUDGET_ROWS.slice(0, 4), ...rows]) }]));
      return path;
    }
    case 'setting-hides-budget':
    case 'setting-lowers-cap':
      // The settings part is added by withStoredSettings (async); until then the file is the plain application.
      writeZip(path, workbookEntries([{ name: '封面', xml: COVER_10PLUS }, { name: '經費預算表', xml: sheetXml(CAP_BREACH_ROWS) }]));
      return path;
    case 'dev-zero':
      return '/dev/zero';
    case 'fifo': {
      const fifo = join(dir, 'fifo.xlsx');
      execFileSync('mkfifo', [fifo]);
      return fifo;
    }
    case 'rows-700k': {
      const rows = options.rows ?? 700_000;
      // Numbers that do not repeat, as a data export holds, so the file has a realistic size (about 53 MB).
      let seed = 12345;
      const random = () => {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        return seed / 0x7fffffff;
      };
      const compressedChunks: Buffer[] = [];
      let crc = 0;
      let size = 0;
      let pieces: string[] = [`<?xml version="1.0" encoding="UTF-8"?><worksheet ${NS}><dimension ref="A1:H${rows}"/><sheetData>`];
      // Compressed in slices, each from a fresh state and ended by a full flush, so the slices simply concatenate.
      const flush = (final: boolean) => {
        const data = Buffer.from(pieces.join(''), 'utf8');
        pieces = [];
        crc = crc32(data, crc);
        size += data.length;
        compressedChunks.push(deflateRawSync(data, final ? {} : { finishFlush: constants.Z_FULL_FLUSH }));
      };
      const cols = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'];
      for (let r = 1; r <= rows; r++) {
        let row = `<row r="${r}">`;
        for (const c of cols) row += `<c r="${c}${r}"><v>${(random() * 1e6).toFixed(4)}</v></c>`;
        pieces.push(`${row}</row>`);
        if (r % 20_000 === 0) flush(false);
      }
      pieces.push('</sheetData></worksheet>');
      flush(true);
      const entries = workbookEntries([budget, { name: '資料' }]);
      entries.push({ name: 'xl/worksheets/sheet2.xml', chunks: compressedChunks, crc, size });
      writeZip(path, entries);
      return path;
    }
  }
}

/** writeHostile, then for the settings attacks the stored settings added: every kind, ready to check. */
export async function writeHostileFile(dir: string, kind: HostileKind, options: { bombBytes?: number; rows?: number } = {}): Promise<string> {
  const path = writeHostile(dir, kind, options);
  if (kind === 'setting-hides-budget' || kind === 'setting-lowers-cap') {
    writeFileSync(path, await addWebExtensionSettings(readFileSync(path), SETTINGS_ATTACKS[kind], { addinId: '05c2e1c9-3e1d-406e-9a91-e9ac64854143' }));
  }
  return path;
}
