// Draws the add-in icons (a small budget table on a Fluent-blue tile) into assets/icon-<size>.png.
// Run with `npx tsx scripts/make-icons.ts`. The output is deterministic, so re-running it leaves git clean.
// No image library: shapes are rasterised with 8×8 supersampling and written as RGBA PNGs with node:zlib.
import { writeFileSync, mkdirSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ICON_SIZES = [16, 32, 64, 80, 128] as const;

type Rgba = readonly [number, number, number, number];
/** A shape in unit coordinates (0..1 across the icon); `contains` is tested per subsample. */
interface Shape {
  contains(x: number, y: number): boolean;
  color: Rgba;
}

const BRAND_BLUE: Rgba = [0x0f, 0x6c, 0xbd, 255]; // Fluent 2 brand background
const BRAND_BLUE_DARK: Rgba = [0x11, 0x5e, 0xa3, 255];
const HEADER_TINT: Rgba = [0xb4, 0xd6, 0xfa, 255];
const TOTAL_TINT: Rgba = [0xeb, 0xf3, 0xfc, 255];
const WHITE: Rgba = [255, 255, 255, 255];

function roundedRect(x0: number, y0: number, x1: number, y1: number, r: number, color: Rgba): Shape {
  return {
    color,
    contains(x, y) {
      if (x < x0 || x > x1 || y < y0 || y > y1) return false;
      const cx = Math.min(Math.max(x, x0 + r), x1 - r);
      const cy = Math.min(Math.max(y, y0 + r), y1 - r);
      return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
    },
  };
}

function rect(x0: number, y0: number, x1: number, y1: number, color: Rgba): Shape {
  return roundedRect(x0, y0, x1, y1, 0, color);
}

/** Grid lines get thicker in unit terms on small icons so that they stay at least about one pixel wide. */
function iconShapes(size: number): Shape[] {
  const line = Math.max(0.03, 1 / size);
  const [left, right, top, bottom] = [0.17, 0.83, 0.2, 0.8];
  const headerBottom = 0.35;
  const totalTop = 0.65;
  const labelColumnRight = 0.42;
  const shapes: Shape[] = [
    // Tile: slightly darker lower half gives the Fluent "depth" without a gradient routine.
    roundedRect(0, 0, 1, 1, 0.2, BRAND_BLUE_DARK),
    roundedRect(0, 0, 1, 0.62, 0.2, BRAND_BLUE),
    rect(0, 0.2, 1, 0.62, BRAND_BLUE),
    // Sheet with a header band and a tinted 合計 (total) row.
    roundedRect(left, top, right, bottom, 0.04, WHITE),
    rect(left, top, right, headerBottom, HEADER_TINT),
    rect(left, totalTop, right, bottom - 0.001, TOTAL_TINT),
    roundedRect(left, top, right, top + 0.06, 0.04, HEADER_TINT),
    // Grid: the label column, one data-row divider, and a double rule above the total as in ledgers.
    rect(labelColumnRight - line / 2, top, labelColumnRight + line / 2, bottom, BRAND_BLUE),
    rect(left, headerBottom - line / 2, right, headerBottom + line / 2, BRAND_BLUE),
    rect(left, 0.5 - line / 2, right, 0.5 + line / 2, BRAND_BLUE),
    rect(left, totalTop - line / 2, right, totalTop + line / 2, BRAND_BLUE),
  ];
  if (size >= 32) {
    shapes.push(rect(left, totalTop + line, right, totalTop + 2 * line, BRAND_BLUE));
  }
  return shapes;
}

/** Renders straight-alpha RGBA pixels with 8×8 supersampling per pixel. */
export function renderIcon(size: number): Uint8Array {
  const shapes = iconShapes(size);
  const samples = 8;
  const pixels = new Uint8Array(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const x = (px + (sx + 0.5) / samples) / size;
          const y = (py + (sy + 0.5) / samples) / size;
          let color: Rgba | undefined;
          for (const shape of shapes) if (shape.contains(x, y)) color = shape.color;
          if (color) {
            // Accumulate premultiplied so edge pixels don't darken.
            r += color[0] * color[3]; g += color[1] * color[3]; b += color[2] * color[3]; a += color[3];
          }
        }
      }
      const o = (py * size + px) * 4;
      if (a > 0) {
        pixels[o] = Math.round(r / a);
        pixels[o + 1] = Math.round(g / a);
        pixels[o + 2] = Math.round(b / a);
        pixels[o + 3] = Math.round(a / (samples * samples));
      }
    }
  }
  return pixels;
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const typeAndData = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  typeAndData.copy(out, 4);
  out.writeUInt32BE(crc32(typeAndData), 8 + data.length);
  return out;
}

export function encodePng(size: number, rgba: Uint8Array): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type RGBA
  // Each scanline starts with filter type 0 (none).
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    Buffer.from(rgba.buffer, rgba.byteOffset + y * size * 4, size * 4).copy(raw, y * (size * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', new Uint8Array()),
  ]);
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const assetsDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'assets');
  mkdirSync(assetsDir, { recursive: true });
  for (const size of ICON_SIZES) {
    const file = join(assetsDir, `icon-${size}.png`);
    writeFileSync(file, encodePng(size, renderIcon(size)));
    console.log(`wrote ${file}`);
  }
}
