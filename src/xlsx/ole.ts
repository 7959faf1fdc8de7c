/**
 * The stream names of an OLE compound document ([MS-CFB]), enough to tell what a D0 CF 11 E0 file is: an old .xls
 * (a `Workbook` or `Book` stream), an old .doc (`WordDocument`), or a password-protected Office file (`EncryptionInfo`
 * with `EncryptedPackage`: Excel and Word wrap an encrypted .xlsx/.docx this way). Only the directory is walked, within
 * fixed bounds, so a crafted file with looping sector chains ends quickly.
 */

export type OleKind = 'encrypted' | 'xls' | 'doc' | 'other';

const MAX_SECTORS_WALKED = 100_000;
const END_OF_CHAIN = 0xfffffffe;

export function isOle(buffer: Buffer): boolean {
  return buffer.length >= 512 && buffer.readUInt32BE(0) === 0xd0cf11e0 && buffer.readUInt32BE(4) === 0xa1b11ae1;
}

export function oleKind(buffer: Buffer): OleKind {
  let names: string[];
  try {
    names = oleStreamNames(buffer);
  } catch {
    return 'other';
  }
  const has = (name: string) => names.some((n) => n.toLowerCase() === name.toLowerCase());
  if (has('EncryptionInfo') || has('EncryptedPackage')) return 'encrypted';
  if (has('Workbook') || has('Book')) return 'xls';
  if (has('WordDocument')) return 'doc';
  return 'other';
}

/** The names in the compound document's directory. Throws on a file too damaged to walk. */
export function oleStreamNames(buffer: Buffer): string[] {
  if (!isOle(buffer)) throw new Error('not an OLE compound document');
  const sectorShift = buffer.readUInt16LE(0x1e);
  if (sectorShift !== 9 && sectorShift !== 12) throw new Error('bad sector size');
  const sectorSize = 1 << sectorShift;
  const fatSectorCount = buffer.readUInt32LE(0x2c);
  const firstDirSector = buffer.readUInt32LE(0x30);
  const sectorOffset = (sector: number) => (sector + 1) * sectorSize;
  // The FAT's own sectors: the first 109 are listed in the header (enough for files up to ~7 MB of 512-byte sectors,
  // and far more than the directory of any real workbook needs).
  const fatSectors: number[] = [];
  for (let i = 0; i < Math.min(109, fatSectorCount); i++) fatSectors.push(buffer.readUInt32LE(0x4c + i * 4));
  const perSector = sectorSize / 4;
  const next = (sector: number): number => {
    const fatIndex = Math.floor(sector / perSector);
    if (fatIndex >= fatSectors.length) return END_OF_CHAIN;
    const at = sectorOffset(fatSectors[fatIndex]) + (sector % perSector) * 4;
    return at + 4 <= buffer.length ? buffer.readUInt32LE(at) : END_OF_CHAIN;
  };
  const names: string[] = [];
  const seen = new Set<number>();
  for (let sector = firstDirSector; sector < END_OF_CHAIN - 5 && seen.size < MAX_SECTORS_WALKED; sector = next(sector)) {
    if (seen.has(sector)) break; // a loop in the chain
    seen.add(sector);
    const start = sectorOffset(sector);
    if (start + sectorSize > buffer.length) break;
    for (let entry = start; entry < start + sectorSize; entry += 128) {
      const length = buffer.readUInt16LE(entry + 0x40);
      const type = buffer[entry + 0x42];
      if (type === 0 || length < 2 || length > 64) continue;
      names.push(buffer.toString('utf16le', entry, entry + length - 2));
    }
  }
  return names;
}
