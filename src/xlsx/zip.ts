import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createInflateRaw, inflateRawSync } from 'node:zlib';

/**
 * A bounded reader of the zip archive an .xlsx is. Only the central directory is trusted for where parts are; every
 * part is inflated with a cap on its output, so a zip bomb (a few MB that expand to gigabytes) is stopped as soon as it
 * passes the cap or its own declared size, instead of exhausting memory. Large parts (worksheets, shared strings) are
 * streamed in chunks, so the reader can stop early and never holds their whole text.
 */

export class ZipError extends Error {
  override name = 'ZipError';
  constructor(
    message: string,
    /** 'bomb' when a part expands beyond a bound; 'damaged' for anything malformed; 'encrypted' for protected parts. */
    readonly kind: 'damaged' | 'bomb' | 'encrypted',
  ) {
    super(message);
  }
}

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  /** The size the archive declares; a part that inflates to more is refused. */
  size: number;
  dataOffset: number;
}

/** Thrown by a chunk consumer to stop streaming a part early (not an error). */
export class StopReading extends Error {
  override name = 'StopReading';
}

const MAX_ENTRIES = 20_000;

export class ZipArchive {
  private readonly entries = new Map<string, ZipEntry>();

  constructor(private readonly data: Buffer) {
    const eocd = findEndOfCentralDirectory(data);
    let count = data.readUInt16LE(eocd + 10);
    let cdSize = data.readUInt32LE(eocd + 12);
    let cdOffset = data.readUInt32LE(eocd + 16);
    // Zip64: the real figures live in the zip64 end record, found through its locator just before the end record.
    if ((count === 0xffff || cdOffset === 0xffffffff || cdSize === 0xffffffff) && eocd >= 20 && data.readUInt32LE(eocd - 20) === 0x07064b50) {
      const at = Number(data.readBigUInt64LE(eocd - 12));
      if (at + 56 > data.length || data.readUInt32LE(at) !== 0x06064b50) throw new ZipError('bad zip64 end record', 'damaged');
      count = Number(data.readBigUInt64LE(at + 32));
      cdSize = Number(data.readBigUInt64LE(at + 40));
      cdOffset = Number(data.readBigUInt64LE(at + 48));
    }
    if (count > MAX_ENTRIES) throw new ZipError(`the archive lists ${count} parts`, 'bomb');
    if (cdOffset + cdSize > data.length) throw new ZipError('the central directory lies outside the file', 'damaged');

    let p = cdOffset;
    for (let i = 0; i < count; i++) {
      if (p + 46 > data.length || data.readUInt32LE(p) !== 0x02014b50) throw new ZipError('bad central directory entry', 'damaged');
      const flags = data.readUInt16LE(p + 8);
      const method = data.readUInt16LE(p + 10);
      let compressedSize = data.readUInt32LE(p + 20);
      let size = data.readUInt32LE(p + 24);
      const nameLength = data.readUInt16LE(p + 28);
      const extraLength = data.readUInt16LE(p + 30);
      const commentLength = data.readUInt16LE(p + 32);
      let localOffset = data.readUInt32LE(p + 42);
      const name = data.toString(flags & 0x800 ? 'utf8' : 'latin1', p + 46, p + 46 + nameLength);
      // Zip64 extra field: 64-bit values for exactly those fields that are 0xFFFFFFFF, in this order.
      let e = p + 46 + nameLength;
      const extraEnd = e + extraLength;
      while (e + 4 <= extraEnd) {
        const id = data.readUInt16LE(e);
        const length = data.readUInt16LE(e + 2);
        if (id === 0x0001) {
          let q = e + 4;
          if (size === 0xffffffff && q + 8 <= e + 4 + length) (size = Number(data.readBigUInt64LE(q))), (q += 8);
          if (compressedSize === 0xffffffff && q + 8 <= e + 4 + length) (compressedSize = Number(data.readBigUInt64LE(q))), (q += 8);
          if (localOffset === 0xffffffff && q + 8 <= e + 4 + length) localOffset = Number(data.readBigUInt64LE(q));
        }
        e += 4 + length;
      }
      p = extraEnd + commentLength;
      if (flags & 0x1) throw new ZipError(`part ${name} is encrypted`, 'encrypted');
      if (localOffset + 30 > data.length || data.readUInt32LE(localOffset) !== 0x04034b50) {
        throw new ZipError(`part ${name} has no local header`, 'damaged');
      }
      const dataOffset = localOffset + 30 + data.readUInt16LE(localOffset + 26) + data.readUInt16LE(localOffset + 28);
      if (dataOffset + compressedSize > data.length) throw new ZipError(`part ${name} is cut short`, 'damaged');
      this.entries.set(name.replace(/^\//, ''), { name, method, compressedSize, size, dataOffset });
    }
  }

  names(): string[] {
    return [...this.entries.keys()];
  }

  entry(name: string): ZipEntry | undefined {
    return this.entries.get(name.replace(/^\//, ''));
  }

  /** The whole part as text, refusing one that declares or inflates to more than `maxBytes`. */
  text(name: string, maxBytes: number): string | null {
    const entry = this.entry(name);
    if (!entry) return null;
    if (entry.size > maxBytes) throw new ZipError(`part ${name} declares ${megabytes(entry.size)}, over the ${megabytes(maxBytes)} bound`, 'bomb');
    const raw = this.data.subarray(entry.dataOffset, entry.dataOffset + entry.compressedSize);
    if (entry.method === 0) return raw.toString('utf8');
    if (entry.method !== 8) throw new ZipError(`part ${name} uses compression method ${entry.method}`, 'damaged');
    let out: Buffer;
    try {
      // One byte over the declared size is enough to know the declaration was false.
      out = inflateRawSync(raw, { maxOutputLength: Math.max(1, entry.size + 1) });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
        throw new ZipError(`part ${name} expands beyond its declared ${megabytes(entry.size)}`, 'bomb');
      }
      throw new ZipError(`part ${name} cannot be inflated (${(error as Error).message})`, 'damaged');
    }
    if (out.length > entry.size) throw new ZipError(`part ${name} expands beyond its declared ${megabytes(entry.size)}`, 'bomb');
    return out.toString('utf8');
  }

  /**
   * Streams a part as text chunks to `onChunk`, stopping with a 'bomb' error once more than `maxBytes` (or more than
   * the part declares) came out. `onChunk` may throw StopReading to end early; that is a normal end.
   */
  async stream(name: string, maxBytes: number, onChunk: (text: string) => void): Promise<void> {
    const entry = this.entry(name);
    if (!entry) return;
    if (entry.size <= SMALL_PART && entry.size <= maxBytes) {
      // A small part is inflated at once (its declared size bounds it): a stream per part costs more than it saves.
      try {
        onChunk(this.text(name, maxBytes) ?? '');
      } catch (error) {
        if (!(error instanceof StopReading)) throw error;
      }
      return;
    }
    const raw = this.data.subarray(entry.dataOffset, entry.dataOffset + entry.compressedSize);
    const bound = Math.min(maxBytes, entry.size);
    const decoder = new TextDecoder('utf-8');
    let seen = 0;
    // The consumer's own error (a bound, StopReading), kept because the stream machinery may report an abort instead.
    let stoppedBy: unknown = null;
    const take = (chunk: Buffer) => {
      try {
        consume(chunk);
      } catch (error) {
        stoppedBy ??= error;
        throw error;
      }
    };
    const consume = (chunk: Buffer) => {
      seen += chunk.length;
      if (seen > bound) {
        throw new ZipError(
          seen > entry.size
            ? `part ${name} expands beyond its declared ${megabytes(entry.size)}`
            : `part ${name} expands beyond the ${megabytes(maxBytes)} bound`,
          'bomb',
        );
      }
      onChunk(decoder.decode(chunk, { stream: true }));
    };
    try {
      if (entry.method === 0) {
        for (let at = 0; at < raw.length; at += CHUNK) take(raw.subarray(at, at + CHUNK));
      } else if (entry.method === 8) {
        await pipeline(Readable.from(slices(raw)), createInflateRaw({ chunkSize: CHUNK }), async (source: AsyncIterable<Buffer>) => {
          for await (const chunk of source) take(chunk);
        });
      } else {
        throw new ZipError(`part ${name} uses compression method ${entry.method}`, 'damaged');
      }
      onChunk(decoder.decode());
    } catch (thrown) {
      const error = stoppedBy ?? thrown;
      if (error instanceof StopReading) return;
      if (error instanceof ZipError) throw error;
      throw new ZipError(`part ${name} cannot be inflated (${(error as Error).message})`, 'damaged');
    }
  }
}

const CHUNK = 256 * 1024;
/** Parts up to this size are inflated in one go. */
const SMALL_PART = 4 * 1024 * 1024;

function* slices(data: Buffer): Generator<Buffer> {
  for (let at = 0; at < data.length; at += CHUNK) yield data.subarray(at, at + CHUNK);
}

function findEndOfCentralDirectory(data: Buffer): number {
  // The end record is 22 bytes plus a comment of up to 65,535 bytes, at the very end of the file.
  const stop = Math.max(0, data.length - 22 - 0xffff);
  for (let p = data.length - 22; p >= stop; p--) {
    if (data.readUInt32LE(p) === 0x06054b50) return p;
  }
  throw new ZipError('no zip central directory (the file is cut short or not a zip archive)', 'damaged');
}

export function megabytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(bytes >= 10 * 1024 * 1024 ? 0 : 1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}
