import type { WorkbookSnapshot } from '../sheet/grid';
import { ConversionError, convertWithLibreOffice, findSoffice } from './convert';
import { docxMainPart, readDocxArchive } from './docx';
import { DEFAULT_READ_LIMITS, MAX_SMALL_PART_BYTES, messageOf, ReadBoundError, readFileBytes, UnreadableFileError, type ReadLimits } from './file';
import { isFlatOdf, odfKind, readFlatOdf, readOdfArchive } from './odf';
import { isOle, oleKind } from './ole';
import { readXlsxArchive } from './xlsx-book';
import { ZipArchive, ZipError } from './zip';

export { DEFAULT_READ_LIMITS, UnreadableFileError, type ReadLimits, type UnreadableReason } from './file';
export { parseWebExtensionProperties, readWebExtensionSettings } from './settings';

/**
 * Reads a workbook or 計畫書 file into a snapshot: every worksheet's used range (within the read bounds), merges, and
 * the add-in's stored settings; a text document's tables as candidate grids. The format is told by content, not by
 * the file name (see `readWorkbookBuffer`). Only a regular file is read (a FIFO or a device such as /dev/zero is
 * refused without blocking), and only up to `maxFileBytes`.
 */
export async function readWorkbookFile(path: string, limits: Partial<ReadLimits> = {}): Promise<WorkbookSnapshot> {
  const bounds = { ...DEFAULT_READ_LIMITS, ...limits };
  return readWorkbookBuffer(readFileBytes(path, bounds.maxFileBytes), path, bounds);
}

/** Options of the reader beyond its bounds. */
export interface ReadOptions {
  /** The LibreOffice program for .xls/.doc; null: none (the file is refused with what to do). Default: found on PATH. */
  soffice?: string | null;
}

/**
 * Reads a workbook or document held in memory; `name` only labels errors. By content:
 * - a zip with `xl/workbook.xml` → .xlsx / .xlsm (the macros are never read, let alone run);
 * - a zip whose `mimetype` is OpenDocument → .ods (sheets) or .odt (its tables);
 * - a zip with `word/document.xml` → .docx (its tables);
 * - XML whose root is `office:document` → flat .fods / .fodt;
 * - an OLE compound document → password-protected (refused, saying so), old .xls / .doc (converted by LibreOffice
 *   when installed, else refused saying what to do);
 * - %PDF → refused: "send the .docx/.odt or .xlsx".
 */
export async function readWorkbookBuffer(
  data: Buffer | Uint8Array,
  name = 'workbook',
  limits: Partial<ReadLimits> = {},
  options: ReadOptions = {},
): Promise<WorkbookSnapshot> {
  const bounds = { ...DEFAULT_READ_LIMITS, ...limits };
  const buffer = Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  if (buffer.length === 0) throw new UnreadableFileError(name, 'empty');
  try {
    if (buffer.length >= 4 && buffer.readUInt32LE(0) === 0x04034b50) return await readArchive(new ZipArchive(buffer), name, bounds);
    if (buffer.length >= 4 && buffer.readUInt32BE(0) === 0xd0cf11e0) {
      if (!isOle(buffer)) throw new UnreadableFileError(name, 'damaged', 'an OLE compound document (.xls/.doc) cut short');
      return await readOle(buffer, name, bounds, options);
    }
    if (buffer.subarray(0, 5).toString('latin1') === '%PDF-') throw new UnreadableFileError(name, 'pdf');
    const head = buffer.subarray(0, 4096).toString('utf8').replace(/^\uFEFF/, '');
    if (isFlatOdf(head)) return readFlatOdf(buffer.toString('utf8'), bounds);
    throw new UnreadableFileError(name, 'not-zip');
  } catch (error) {
    if (error instanceof UnreadableFileError) throw error;
    if (error instanceof ReadBoundError) throw new UnreadableFileError(name, 'too-complex', error.message, { cause: error });
    if (error instanceof ZipError) {
      const code = error.kind === 'bomb' ? 'bomb' : error.kind === 'encrypted' ? 'encrypted' : 'damaged';
      throw new UnreadableFileError(name, code, error.message, { cause: error });
    }
    throw new UnreadableFileError(name, 'damaged', messageOf(error), { cause: error });
  }
}

async function readArchive(zip: ZipArchive, name: string, bounds: ReadLimits): Promise<WorkbookSnapshot> {
  const odf = odfKind(zip);
  // A password-protected ODF file is a normal zip whose parts are encrypted; its manifest says so. Without this check
  // the encrypted content.xml would be scanned as text and the file would read as an empty workbook.
  if (odf !== null && /<manifest:encryption-data[\s>]/.test(zip.text('META-INF/manifest.xml', MAX_SMALL_PART_BYTES) ?? '')) {
    throw new UnreadableFileError(name, 'encrypted', 'OpenDocument with a password');
  }
  if (odf === 'ods' || odf === 'odt') return readOdfArchive(zip, bounds);
  const document = docxMainPart(zip);
  if (document) return readDocxArchive(zip, document, bounds);
  const book = await readXlsxArchive(zip, name, bounds);
  const macros = zip.names().some((n) => /^xl\/vbaProject\.bin$/i.test(n));
  return { ...book, format: macros ? 'xlsm' : 'xlsx' };
}

async function readOle(buffer: Buffer, name: string, bounds: ReadLimits, options: ReadOptions): Promise<WorkbookSnapshot> {
  const kind = oleKind(buffer);
  if (kind === 'encrypted') throw new UnreadableFileError(name, 'encrypted');
  if (kind === 'other') throw new UnreadableFileError(name, 'not-zip', 'an OLE file that is neither .xls nor .doc');
  const soffice = options.soffice === undefined ? findSoffice() : options.soffice;
  if (!soffice) throw new UnreadableFileError(name, kind === 'xls' ? 'old-format' : 'old-doc');
  let converted: Buffer;
  try {
    converted = await convertWithLibreOffice(buffer, kind, { soffice });
  } catch (error) {
    if (error instanceof ConversionError && error.kind === 'timeout') throw new UnreadableFileError(name, 'timeout', error.message, { cause: error });
    throw new UnreadableFileError(name, 'conversion-failed', messageOf(error), { cause: error });
  }
  const snapshot = await readArchive(new ZipArchive(converted), name, bounds);
  return { ...snapshot, format: `${kind} (converted by LibreOffice)` };
}
