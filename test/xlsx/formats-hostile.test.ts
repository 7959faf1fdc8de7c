import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { checkWorkbook } from '../../src/sheet/check';
import { readWorkbookBuffer, UnreadableFileError, type UnreadableReason } from '../../src/xlsx/read';
import { docxBodyXml, docxBytes, odsBytes, odsContent, odtBodyXml, odtBytes, oleBytes, planBlocks, CLEAN_PLAN } from '../../scripts/documents';

/**
 * The .ods/.docx/.odt readers and the format sniffing against files built to hurt (issue 22 §4, the bounds of issue
 * 25): each case ends in a clear refusal or a clipped read, never a hang, a crash or an exhausted heap.
 */

async function failure(read: Promise<unknown>): Promise<{ code: UnreadableReason; en: string; zh: string }> {
  try {
    await read;
  } catch (error) {
    expect(error).toBeInstanceOf(UnreadableFileError);
    const e = error as UnreadableFileError;
    return { code: e.code, en: e.reason('en'), zh: e.reason('zh-TW') };
  }
  throw new Error('expected the read to fail');
}

const ODT_NS = 'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"';

/** A zip holding `part` of `bytes` spaces (deflates to a few KB) in an otherwise valid file of that kind. */
async function whitespaceBomb(kind: 'ods' | 'odt' | 'docx', bytes: number): Promise<Buffer> {
  const zip = await JSZip.loadAsync(kind === 'docx' ? await docxBytes('') : kind === 'odt' ? await odtBytes('') : await odsBytes(''));
  const part = kind === 'docx' ? 'word/document.xml' : 'content.xml';
  const head = kind === 'docx' ? '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>' : `<office:document-content ${ODT_NS}><office:body>`;
  zip.file(part, head + ' '.repeat(bytes));
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

describe('zip bombs in the new formats are stopped by the part bound', () => {
  it.each(['ods', 'odt', 'docx'] as const)('.%s whose content inflates beyond the bound', async (kind) => {
    const file = await whitespaceBomb(kind, 12 * 1024 * 1024);
    expect(file.length).toBeLessThan(100 * 1024);
    const { code, en } = await failure(readWorkbookBuffer(file, `bomb.${kind}`, { maxPartBytes: 4 * 1024 * 1024 }));
    expect(code).toBe('bomb');
    expect(en).toMatch(/zip bomb.*beyond the 4\.0 MB bound/);
  });
});

describe('XML built to hurt', () => {
  const laughs =
    '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">' +
    Array.from({ length: 8 }, (_, i) => `<!ENTITY lol${i + 2} "${`&lol${i + 1};`.repeat(10)}">`).join('') +
    ']>';

  it('a billion laughs in a .docx is refused, its entities never expanded', async () => {
    const file = await docxBytes('<w:tbl><w:tr><w:tc><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:tc></w:tr></w:tbl>', { prolog: laughs });
    const { code, en } = await failure(readWorkbookBuffer(file, 'laughs.docx'));
    expect(code).toBe('damaged');
    expect(en).toMatch(/declares a document type/);
  });

  it('a billion laughs in an .ods content.xml is refused the same way', async () => {
    const zip = await JSZip.loadAsync(await odsBytes(''));
    zip.file('content.xml', odsContent('<table:table table:name="A"><table:table-row><table:table-cell office:value-type="string"><text:p>&lol9;</text:p></table:table-cell></table:table-row></table:table>').replace('?>', `?>${laughs}`));
    const { code, en } = await failure(readWorkbookBuffer(await zip.generateAsync({ type: 'nodebuffer' }), 'laughs.ods'));
    expect(code).toBe('damaged');
    expect(en).toMatch(/declares a document type/);
  });

  it('200,000 nested spans in an .odt table cell are read without recursion (the text kept, the budget checked)', async () => {
    const deep = `${'<text:span>'.repeat(200_000)}1,800${'</text:span>'.repeat(200_000)}`;
    const body = odtBodyXml(planBlocks(CLEAN_PLAN)).replace('<text:p>1,800</text:p>', `<text:p>${deep}</text:p>`);
    expect(body).toContain(deep);
    const book = await readWorkbookBuffer(await odtBytes(body), 'deep.odt');
    expect(book.sheets.find((s) => s.name === '表2')!.values[3].slice(0, 2)).toEqual(['全新設備之購置費', '1,800']);
    expect(checkWorkbook(book).findings).toEqual([]);
  });

  const nested = (depth: number, open: string, close: string, inner: string) => `${open.repeat(depth)}${inner}${close.repeat(depth)}`;

  it.each([
    ['docx', 17, () => docxBytes(nested(17, '<w:tbl><w:tr><w:tc>', '<w:p/></w:tc></w:tr></w:tbl>', '<w:p><w:r><w:t>x</w:t></w:r></w:p>'))],
    ['odt', 17, () => odtBytes(nested(17, '<table:table><table:table-row><table:table-cell>', '</table:table-cell></table:table-row></table:table>', '<text:p>x</text:p>'))],
  ] as const)('.%s with tables nested %i deep is refused as too complex', async (kind, _depth, build) => {
    const { code, en, zh } = await failure(readWorkbookBuffer(await build(), `nested.${kind}`));
    expect(code).toBe('too-complex');
    expect(en).toMatch(/nested more than 16 deep/);
    expect(zh).toMatch(/巢狀過深/);
  });

  it('16 nested tables (Word allows it) are still read', async () => {
    const book = await readWorkbookBuffer(await docxBytes(nested(16, '<w:tbl><w:tr><w:tc>', '<w:p/></w:tc></w:tr></w:tbl>', '<w:p><w:r><w:t>x</w:t></w:r></w:p>')), 'nested.docx');
    expect(book.sheets.filter((s) => s.textTable && s.textTable.table > 0)).toHaveLength(16);
  });

  it.each([
    ['docx', () => docxBytes('<w:tbl><w:tr><w:tc><w:p/></w:tc></w:tr></w:tbl>'.repeat(1_001))],
    ['odt', () => odtBytes('<table:table><table:table-row><table:table-cell/></table:table-row></table:table>'.repeat(1_001))],
  ] as const)('a .%s holding 1,001 tables is refused, not half read', async (kind, build) => {
    const { code, en } = await failure(readWorkbookBuffer(await build(), `tables.${kind}`));
    expect(code).toBe('too-complex');
    expect(en).toMatch(/more than 1,000 tables/);
  });
});

describe('.ods repeats cost nothing beyond the read bounds', () => {
  const row = (cells: string, repeat = 1) => `<table:table-row${repeat > 1 ? ` table:number-rows-repeated="${repeat}"` : ''}>${cells}</table:table-row>`;
  const cell = (text: string, repeat = 1) => `<table:table-cell office:value-type="string"${repeat > 1 ? ` table:number-columns-repeated="${repeat}"` : ''}><text:p>${text}</text:p></table:table-cell>`;

  it('a filled row repeated 1,048,576 times keeps the rows within the bound and says the rest was not read', async () => {
    const body = `<table:table table:name="資料">${row(cell('x', 3), 1_048_576)}</table:table>`;
    const book = await readWorkbookBuffer(await odsBytes(body), 'rows.ods', { maxRows: 1_000 });
    const data = book.sheets[0];
    expect(data.values).toHaveLength(1_000);
    expect(data.clipped).toMatchObject({ rowsFrom: 1_000, skippedCells: (1_048_576 - 1_000) * 3 });
    expect(checkWorkbook(book).findings.map((f) => f.rule)).toContain('sheet-truncated');
  });

  it('a filled cell repeated across 16,384 columns keeps the columns within the bound', async () => {
    const body = `<table:table table:name="資料">${row(cell('y', 16_384))}</table:table>`;
    const data = (await readWorkbookBuffer(await odsBytes(body), 'cols.ods', { maxCols: 100 })).sheets[0];
    expect(data.values[0]).toHaveLength(100);
    expect(data.clipped).toMatchObject({ colsFrom: 100, skippedCells: 16_384 - 100 });
  });

  it('10,000 rows each repeated 1,000,000 times, every one filled across 1,024 columns, end within the bound', async () => {
    const body = `<table:table table:name="資料">${row(cell('z', 1_024), 1_000_000).repeat(10_000)}</table:table>`;
    const book = await readWorkbookBuffer(await odsBytes(body), 'grid.ods', { maxRows: 200, maxCols: 50 });
    const data = book.sheets[0];
    expect([data.values.length, data.values[0].length]).toEqual([200, 50]);
    expect(data.clipped?.rowsFrom).toBe(200);
  });
});

describe('files that are not read are told apart and said so', () => {
  it('a password-protected Office file (OLE with EncryptionInfo) is not called an old .xls', async () => {
    const { code, en, zh } = await failure(readWorkbookBuffer(oleBytes(['EncryptionInfo', 'EncryptedPackage']), 'locked.xlsx', {}, { soffice: null }));
    expect(code).toBe('encrypted');
    expect(en).toMatch(/protected with a password.*remove the password/);
    expect(en).not.toMatch(/\.xls/);
    expect(zh).toMatch(/設有開啟密碼/);
    expect(zh).not.toMatch(/舊版/);
  });

  it('an old .xls without LibreOffice is named as such, with what to do', async () => {
    const { code, en, zh } = await failure(readWorkbookBuffer(oleBytes(['Workbook']), 'old.xls', {}, { soffice: null }));
    expect(code).toBe('old-format');
    expect(en).toMatch(/old-format \.xls workbook.*save it as \.xlsx or \.ods, or install LibreOffice/);
    expect(en).not.toMatch(/password/);
    expect(zh).toMatch(/舊版 \.xls 活頁簿/);
  });

  it('an old Word .doc without LibreOffice asks for the .docx or .odt', async () => {
    const { code, en } = await failure(readWorkbookBuffer(oleBytes(['WordDocument']), 'plan.doc', {}, { soffice: null }));
    expect(code).toBe('old-doc');
    expect(en).toMatch(/old-format \.doc document.*save it as \.docx or \.odt/);
  });

  it('a password-protected .ods (its manifest lists encryption data) is said to be protected, not damaged', async () => {
    const zip = await JSZip.loadAsync(await odsBytes(''));
    zip.file(
      'META-INF/manifest.xml',
      '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml" manifest:size="4096"><manifest:encryption-data manifest:checksum-type="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0#sha256-1k" manifest:checksum="AAAA"><manifest:algorithm manifest:algorithm-name="http://www.w3.org/2001/04/xmlenc#aes256-cbc" manifest:initialisation-vector="AAAA"/><manifest:key-derivation manifest:key-derivation-name="PBKDF2" manifest:key-size="32" manifest:iteration-count="100000" manifest:salt="AAAA"/></manifest:encryption-data></manifest:file-entry></manifest:manifest>',
    );
    zip.file('content.xml', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 151) % 256)));
    const { code } = await failure(readWorkbookBuffer(await zip.generateAsync({ type: 'nodebuffer' }), 'locked.ods'));
    expect(code).toBe('encrypted');
  });

  it('a PDF gets "not supported; send the .docx/.odt or .xlsx"', async () => {
    const { code, en, zh } = await failure(readWorkbookBuffer(Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n'), '計畫書.pdf'));
    expect(code).toBe('pdf');
    expect(en).toMatch(/PDF is not supported.*send the \.docx\/\.odt 計畫書 or the \.xlsx\/\.ods workbook/);
    expect(zh).toMatch(/不支援 PDF.*\.docx\/\.odt 計畫書或 \.xlsx\/\.ods 活頁簿/);
  });

  it('an .odt with no table at all is read (its text kept for 基本資料) and reported as having no budget table', async () => {
    const book = await readWorkbookBuffer(await odtBytes('<text:p>申請總經費：3,080 千元</text:p>'), 'letter.odt');
    expect(book.sheets.map((s) => s.name)).toEqual(['內文']);
    expect(checkWorkbook(book).findings.map((f) => f.rule)).toContain('missing-table');
  });

  it('a .docx saved without a document part is not mistaken for a workbook', async () => {
    const zip = await JSZip.loadAsync(await docxBytes(docxBodyXml([{ paragraph: 'x' }])));
    zip.remove('word/document.xml');
    const { code, en } = await failure(readWorkbookBuffer(await zip.generateAsync({ type: 'nodebuffer' }), 'broken.docx'));
    expect(code).toBe('no-sheets');
    expect(en).toMatch(/no worksheets, no document tables/);
  });
});
