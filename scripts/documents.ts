import JSZip from 'jszip';
import type { RawValue } from '../src/domain/budget';
import type { SheetSnapshot, WorkbookSnapshot } from '../src/sheet/grid';

/**
 * Builders of .docx, .odt, .ods and OLE files from their XML, for tests and for the examples (fast: no LibreOffice).
 * Each writes only what a reader needs; LibreOffice and Word open them too.
 */

const esc = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

// ---------------------------------------------------------------- .docx

/** A paragraph or a table of a document, as the builders write it. */
export type Block =
  | { heading: string }
  | { paragraph: string }
  | { table: DocCell[][] };

/** A table cell: its text, and how it spans (columns to the right, rows down). `null` is a cell covered by a span. */
export type DocCell = string | { text: string; cols?: number; rows?: number } | null;

const cellText = (c: DocCell) => (c === null ? '' : typeof c === 'string' ? c : c.text);
const cellCols = (c: DocCell) => (c !== null && typeof c === 'object' ? (c.cols ?? 1) : 1);
const cellRows = (c: DocCell) => (c !== null && typeof c === 'object' ? (c.rows ?? 1) : 1);

export function docxTableXml(rows: DocCell[][]): string {
  // Which grid positions a vertical span covers: Word writes a <w:vMerge/> continuation cell there.
  const continued = new Set<string>();
  rows.forEach((row, r) => {
    let col = 0;
    for (const c of row) {
      if (c === null) continue;
      for (let k = 1; k < cellRows(c); k++) continued.add(`${r + k},${col}`);
      col += cellCols(c);
    }
  });
  const trs = rows.map((row, r) => {
    let col = 0;
    let out = '';
    for (const c of row) {
      if (c === null) {
        if (continued.has(`${r},${col}`)) out += '<w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>';
        col += 1;
        continue;
      }
      const span = cellCols(c);
      const props = `${span > 1 ? `<w:gridSpan w:val="${span}"/>` : ''}${cellRows(c) > 1 ? '<w:vMerge w:val="restart"/>' : ''}`;
      out += `<w:tc>${props ? `<w:tcPr>${props}</w:tcPr>` : ''}${cellText(c)
        .split('\n')
        .map((p) => `<w:p><w:r><w:t xml:space="preserve">${esc(p)}</w:t></w:r></w:p>`)
        .join('')}</w:tc>`;
      col += span;
    }
    return `<w:tr>${out}</w:tr>`;
  });
  return `<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/></w:tblPr>${trs.join('')}</w:tbl>`;
}

export function docxBodyXml(blocks: Block[]): string {
  return blocks
    .map((b) =>
      'heading' in b
        ? `<w:p><w:pPr><w:pStyle w:val="1"/></w:pPr><w:r><w:t>${esc(b.heading)}</w:t></w:r></w:p>`
        : 'paragraph' in b
          ? `<w:p><w:r><w:t xml:space="preserve">${esc(b.paragraph)}</w:t></w:r></w:p>`
          : `${docxTableXml(b.table)}<w:p/>`,
    )
    .join('');
}

/** A .docx whose body is `body` (w:body's inner XML); heading style "1" is named "heading 1", as Chinese Word does. */
export async function docxBytes(body: string, options: { prolog?: string } = {}): Promise<Buffer> {
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>',
  );
  zip.file('_rels/.rels', '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>');
  zip.file('word/_rels/document.xml.rels', '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>');
  zip.file(
    'word/styles.xml',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style><w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/></w:style></w:styles>',
  );
  zip.file(
    'word/document.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>${options.prolog ?? ''}<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}<w:sectPr/></w:body></w:document>`,
  );
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

// ---------------------------------------------------------------- OpenDocument

const ODF_NS =
  'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2" xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0" office:version="1.3"';

export function odtTableXml(rows: DocCell[][], name = 'Table'): string {
  const width = Math.max(...rows.map((r) => r.reduce((n, c) => n + cellCols(c), 0)));
  const trs = rows.map(
    (row) =>
      `<table:table-row>${row
        .map((c) =>
          c === null
            ? '<table:covered-table-cell/>'
            : `<table:table-cell office:value-type="string"${cellCols(c) > 1 ? ` table:number-columns-spanned="${cellCols(c)}"` : ''}${cellRows(c) > 1 ? ` table:number-rows-spanned="${cellRows(c)}"` : ''}>${cellText(c)
                .split('\n')
                .map((p) => `<text:p>${esc(p)}</text:p>`)
                .join('')}</table:table-cell>${cellCols(c) > 1 ? '<table:covered-table-cell/>'.repeat(cellCols(c) - 1) : ''}`,
        )
        .join('')}</table:table-row>`,
  );
  return `<table:table table:name="${esc(name)}"><table:table-column table:number-columns-repeated="${width}"/>${trs.join('')}</table:table>`;
}

export function odtBodyXml(blocks: Block[]): string {
  let n = 0;
  return blocks
    .map((b) =>
      'heading' in b
        ? `<text:h text:outline-level="1">${esc(b.heading)}</text:h>`
        : 'paragraph' in b
          ? `<text:p>${esc(b.paragraph)}</text:p>`
          : odtTableXml(b.table, `Table${++n}`),
    )
    .join('');
}

async function odfZip(mimetype: string, content: string, styles = ''): Promise<Buffer> {
  const zip = new JSZip();
  zip.file('mimetype', mimetype, { compression: 'STORE' });
  zip.file('META-INF/manifest.xml', `<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3"><manifest:file-entry manifest:full-path="/" manifest:media-type="${mimetype}"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/><manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/></manifest:manifest>`);
  zip.file('styles.xml', `<?xml version="1.0" encoding="UTF-8"?><office:document-styles ${ODF_NS}><office:styles>${styles}</office:styles></office:document-styles>`);
  zip.file('content.xml', content);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

export function odtBytes(body: string): Promise<Buffer> {
  return odfZip('application/vnd.oasis.opendocument.text', `<?xml version="1.0" encoding="UTF-8"?><office:document-content ${ODF_NS}><office:body><office:text>${body}</office:text></office:body></office:document-content>`);
}

/** An .ods whose content.xml has these automatic styles and this spreadsheet body (office:spreadsheet's inner XML). */
export function odsBytes(body: string, automaticStyles = ''): Promise<Buffer> {
  return odfZip('application/vnd.oasis.opendocument.spreadsheet', odsContent(body, automaticStyles));
}

export function odsContent(body: string, automaticStyles = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?><office:document-content ${ODF_NS}><office:automatic-styles>${automaticStyles}</office:automatic-styles><office:body><office:spreadsheet>${body}</office:spreadsheet></office:body></office:document-content>`;
}

/** The same spreadsheet as a flat .fods file. */
export function fodsText(body: string, automaticStyles = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?><office:document ${ODF_NS} office:mimetype="application/vnd.oasis.opendocument.spreadsheet"><office:automatic-styles>${automaticStyles}</office:automatic-styles><office:body><office:spreadsheet>${body}</office:spreadsheet></office:body></office:document>`;
}

/** An A1 formula as OpenFormula ("=B4+C4" → "of:=[.B4]+[.C4]", "," → ";" outside strings); enough for the template's formulas. */
export function toOpenFormula(formula: string): string {
  let out = '';
  const text = formula.replace(/^=/, '');
  for (let i = 0; i < text.length; ) {
    if (text[i] === '"') {
      const end = text.indexOf('"', i + 1);
      out += text.slice(i, end + 1);
      i = end + 1;
      continue;
    }
    const m = /^(?:(?:'((?:[^']|'')+)'|([\p{L}_][\p{L}\p{N}_.]*))!)?(\$?[A-Z]{1,3}\$?\d+)(?::(\$?[A-Z]{1,3}\$?\d+))?/u.exec(text.slice(i));
    const before = i === 0 ? '' : text[i - 1];
    if (m && !/[\p{L}\p{N}_.]/u.test(before)) {
      const sheet = m[1] ?? m[2];
      const prefix = sheet ? `$'${sheet.replace(/'/g, "''")}'` : '';
      out += `[${prefix}.${m[3]}${m[4] ? `:.${m[4]}` : ''}]`;
      i += m[0].length;
      continue;
    }
    out += text[i] === ',' ? ';' : text[i];
    i++;
  }
  return `of:=${out}`;
}

/** A snapshot's sheets as an .ods body: values, formulas (as OpenFormula, with their values as cached results), merges. */
export function odsBodyFromSnapshot(workbook: WorkbookSnapshot): string {
  return workbook.sheets.map((s) => odsTableFromSheet(s)).join('');
}

function odsTableFromSheet(sheet: SheetSnapshot): string {
  const spans = new Map<string, { rows: number; cols: number }>();
  const covered = new Set<string>();
  for (const m of sheet.merges ?? []) {
    const [a, b] = m.split(':');
    const p = /^([A-Z]+)(\d+)$/.exec(a)!;
    const q = /^([A-Z]+)(\d+)$/.exec(b)!;
    const col = (l: string) => [...l].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
    const top = Number(p[2]) - 1;
    const left = col(p[1]);
    const bottom = Number(q[2]) - 1;
    const right = col(q[1]);
    spans.set(`${top},${left}`, { rows: bottom - top + 1, cols: right - left + 1 });
    for (let r = top; r <= bottom; r++) for (let c = left; c <= right; c++) if (r !== top || c !== left) covered.add(`${r},${c}`);
  }
  const rows: string[] = [];
  if (sheet.origin.row > 0) rows.push(`<table:table-row table:number-rows-repeated="${sheet.origin.row}"><table:table-cell/></table:table-row>`);
  sheet.values.forEach((row, r) => {
    const cells: string[] = [];
    if (sheet.origin.col > 0) cells.push(`<table:table-cell table:number-columns-repeated="${sheet.origin.col}"/>`);
    row.forEach((value, c) => {
      const at = `${r + sheet.origin.row},${c + sheet.origin.col}`;
      if (covered.has(at)) return void cells.push('<table:covered-table-cell/>');
      const span = spans.get(at);
      const spanAttrs = span ? ` table:number-columns-spanned="${span.cols}" table:number-rows-spanned="${span.rows}"` : '';
      const formula = sheet.formulas[r][c];
      const fmt = sheet.numberFormats[r][c];
      const style = fmt === '#,##0' ? ' table:style-name="ceGroup"' : fmt === '0.0' ? ' table:style-name="ceOne"' : '';
      cells.push(odsCell(value, formula, `${spanAttrs}${style}`));
    });
    rows.push(`<table:table-row>${cells.join('')}</table:table-row>`);
  });
  rows.push('<table:table-row table:number-rows-repeated="1048000"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>');
  return `<table:table table:name="${esc(sheet.name)}"><table:table-column table:number-columns-repeated="1024"/>${rows.join('')}</table:table>`;
}

function odsCell(value: RawValue, formula: string | null, attrs: string): string {
  const f = formula ? ` table:formula="${esc(toOpenFormula(formula))}"` : '';
  if (typeof value === 'number') return `<table:table-cell${attrs}${f} office:value-type="float" office:value="${value}"><text:p>${value}</text:p></table:table-cell>`;
  if (typeof value === 'boolean') return `<table:table-cell${attrs}${f} office:value-type="boolean" office:boolean-value="${value}"/>`;
  if (typeof value === 'string') return `<table:table-cell${attrs}${f} office:value-type="string"><text:p>${esc(value)}</text:p></table:table-cell>`;
  // A formula without a stored result, as a script writes it.
  return `<table:table-cell${attrs}${f}/>`;
}

/** Number styles the snapshot builder's cells refer to (#,##0 and 0.0). */
export const ODS_STYLES =
  '<number:number-style style:name="N3"><number:number number:decimal-places="0" number:min-integer-digits="1" number:grouping="true"/></number:number-style>' +
  '<number:number-style style:name="N1d"><number:number number:decimal-places="1" number:min-integer-digits="1"/></number:number-style>' +
  '<style:style style:name="ceGroup" style:family="table-cell" style:data-style-name="N3"/>' +
  '<style:style style:name="ceOne" style:family="table-cell" style:data-style-name="N1d"/>';

// ---------------------------------------------------------------- OLE

/** A minimal OLE compound document with empty streams of these names (enough to tell .xls, .doc and encrypted apart). */
export function oleBytes(streams: string[]): Buffer {
  const sector = 512;
  const data = Buffer.alloc(sector * 3, 0);
  data.writeUInt32BE(0xd0cf11e0, 0);
  data.writeUInt32BE(0xa1b11ae1, 4);
  data.writeUInt16LE(0x3e, 0x18);
  data.writeUInt16LE(3, 0x1a);
  data.writeUInt16LE(0xfffe, 0x1c);
  data.writeUInt16LE(9, 0x1e);
  data.writeUInt16LE(6, 0x20);
  data.writeUInt32LE(1, 0x2c); // FAT sectors
  data.writeUInt32LE(1, 0x30); // first directory sector
  data.writeUInt32LE(4096, 0x38);
  data.writeUInt32LE(0xfffffffe, 0x3c);
  data.writeUInt32LE(0xfffffffe, 0x44);
  for (let i = 0; i < 109; i++) data.writeUInt32LE(i === 0 ? 0 : 0xffffffff, 0x4c + i * 4);
  const fat = sector; // sector 0
  for (let i = 0; i < sector / 4; i++) data.writeUInt32LE(0xffffffff, fat + i * 4);
  data.writeUInt32LE(0xfffffffd, fat);
  data.writeUInt32LE(0xfffffffe, fat + 4);
  const dir = sector * 2; // sector 1
  ['Root Entry', ...streams].slice(0, 4).forEach((name, i) => {
    const at = dir + i * 128;
    data.write(name, at, 'utf16le');
    data.writeUInt16LE((name.length + 1) * 2, at + 0x40);
    data[at + 0x42] = i === 0 ? 5 : 2;
    data.writeUInt32LE(0xffffffff, at + 0x44);
    data.writeUInt32LE(0xffffffff, at + 0x48);
    data.writeUInt32LE(i === 0 && streams.length ? 1 : 0xffffffff, at + 0x4c);
  });
  return data;
}


// ---------------------------------------------------------------- a 計畫書

/** One 會計科目 row of a 計畫書's budget table: label, subsidy and self-funding in 千元, as typed (text). */
export type PlanRow = [label: string, gov: string, self: string];

const amount = (text: string) => Number(text.normalize('NFKC').replace(/[,元\s]/g, '')) || 0;
const group = (n: number) => n.toLocaleString('en-US');

/**
 * A 計畫書 as a reviewer receives it: 基本資料 in a table, a heading "伍、經費需求", the unit in the paragraph above the
 * budget table, amounts typed as text (separators, full-width digits, 元 where people write them) and the 合計 and
 * 百分比 rows typed too — a Word table has no formulas.
 */
export function planBlocks(rows: PlanRow[]): Block[] {
  const gov = rows.reduce((n, r) => n + amount(r[1]), 0);
  const self = rows.reduce((n, r) => n + amount(r[2]), 0);
  const total = gov + self;
  const pct = (n: number) => (total === 0 ? '' : (Math.round((n * 1000) / total) / 10).toFixed(1));
  return [
    { paragraph: '產業及中小企業升級轉型 個案補助計畫（製造業10人以上）計畫書' },
    { heading: '壹、基本資料' },
    {
      table: [
        ['申請公司', '範例精密工業股份有限公司'],
        ['補助標的', '■低碳化　□智慧化'],
        ['申請總經費', `${group(total)} 千元`],
        ['政府補助款', `${group(gov)} 千元`],
        ['業者自籌款', `${group(self)} 千元`],
      ],
    },
    { heading: '伍、經費需求' },
    { paragraph: '本計畫經費需求如下表。' },
    { paragraph: '經費預算表（單位：千元）' },
    {
      table: [
        ['會計科目', '政府補助款', '業者自籌款', '合計', '各科目補助比例(%)'],
        ...rows.map(([label, g, s]): DocCell[] => [label, g, s, group(amount(g) + amount(s)), pct(amount(g) + amount(s))]),
        ['合計', group(gov), group(self), group(total), ''],
        ['百分比(%)', pct(gov), pct(self), pct(total), ''],
      ],
    },
    { paragraph: '註1：全新設備之購置費以總經費30%為上限' },
    { heading: '陸、投入人力規劃' },
    {
      table: [
        ['姓名/職稱', '專長/經歷', '工作內容', '投入人月'],
        ['王大明／製程工程師', '熱能回收 8 年', '廢熱回收設備導入與驗證', '12'],
        ['林小華／專案經理', '專案管理 10 年', '計畫管理與查核', '6'],
      ],
    },
  ];
}

/** The clean 計畫書's budget (the amounts of examples/clean-upgrade-10plus.xlsx, typed as text). */
export const CLEAN_PLAN: PlanRow[] = [
  ['消耗性器材及原材料費', '300', '200'],
  ['全新設備之購置費', '1,800', '１,９００'],
  ['既有設備之改善費', '1,200', '800'],
  ['委託研究或驗證費', '600', '400元'],
  ['人事費', '', '1,000'],
  ['無形資產引進費', '', '300'],
];

/** The breaching one: 2,500 of the new equipment asked as subsidy puts the subsidy at 54.1% of the total. */
export const BREACHING_PLAN: PlanRow[] = CLEAN_PLAN.map((r) => (r[0] === '全新設備之購置費' ? ['全新設備之購置費', '2,500', '１,２００'] : r));
