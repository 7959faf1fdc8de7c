/**
 * A streaming scanner for the plain XML of .xlsx parts: it reports start tags, end tags and (only while the handler
 * asks for it) text, one chunk at a time, and keeps nothing but an unfinished tag between chunks. Text the handler does
 * not want (the whitespace of a zip bomb, cells outside the read bounds) is never collected. No DTDs or entities beyond
 * XML's five and numeric references: .xlsx parts have none, and refusing them removes the billion-laughs attack.
 */

export interface XmlHandler {
  /** A start tag; `name` without its namespace prefix; `attrs` is the raw attribute text (parse with `attributes`). */
  open(name: string, attrs: string, selfClosing: boolean): void;
  close(name: string): void;
  /** Raw text (entities still encoded unless `cdata`), possibly in several pieces. */
  text(text: string, cdata: boolean): void;
  /** Whether text is wanted right now (inside a value, formula or string). */
  wantsText(): boolean;
}

/** An unfinished tag longer than this is not XML a spreadsheet writes. */
const MAX_PENDING = 1024 * 1024;

export class XmlScanner {
  private rest = '';
  private skipMarker: string | null = null;

  constructor(private readonly handler: XmlHandler) {}

  /** Skips everything up to the next occurrence of `marker` (e.g. "</sheetData>") without looking at it. */
  skipUntil(marker: string): void {
    this.skipMarker = marker;
  }

  feed(chunk: string): void {
    const s = this.rest + chunk;
    let i = 0;
    this.rest = '';
    for (;;) {
      if (this.skipMarker !== null) {
        const at = s.indexOf(this.skipMarker, i);
        if (at < 0) {
          // Keep just enough to find a marker split across chunks.
          this.rest = s.slice(Math.max(i, s.length - this.skipMarker.length + 1));
          return;
        }
        this.skipMarker = null;
        i = at;
      }
      const lt = s.indexOf('<', i);
      if (lt < 0) {
        if (i < s.length && this.handler.wantsText()) this.handler.text(s.slice(i), false);
        i = s.length;
        break;
      }
      if (lt > i && this.handler.wantsText()) this.handler.text(s.slice(i, lt), false);
      i = lt;
      const next = s.charCodeAt(lt + 1);
      if (Number.isNaN(next)) break;
      if (next === 33 /* ! */) {
        if (s.length - lt < 9) break; // could still become <!-- or <![CDATA[
        if (s.startsWith('<!--', lt)) {
          const end = s.indexOf('-->', lt + 4);
          if (end < 0) break;
          i = end + 3;
        } else if (s.startsWith('<![CDATA[', lt)) {
          const end = s.indexOf(']]>', lt + 9);
          if (end < 0) break;
          if (this.handler.wantsText()) this.handler.text(s.slice(lt + 9, end), true);
          i = end + 3;
        } else {
          throw new Error('the XML declares a document type, which spreadsheet parts never do');
        }
        continue;
      }
      if (next === 63 /* ? */) {
        const end = s.indexOf('?>', lt + 2);
        if (end < 0) break;
        i = end + 2;
        continue;
      }
      const gt = tagEnd(s, lt + 1);
      if (gt < 0) break;
      if (next === 47 /* / */) {
        this.handler.close(localName(s.slice(lt + 2, gt).trim()));
      } else {
        const selfClosing = s.charCodeAt(gt - 1) === 47;
        const body = s.slice(lt + 1, selfClosing ? gt - 1 : gt);
        const space = body.search(/[\s]/);
        const name = localName(space < 0 ? body : body.slice(0, space));
        this.handler.open(name, space < 0 ? '' : body.slice(space), selfClosing);
        if (selfClosing) this.handler.close(name);
      }
      i = gt + 1;
    }
    this.rest = s.slice(i);
    if (this.rest.length > MAX_PENDING) throw new Error('an XML tag runs on for more than 1 MB');
  }
}

/** The index of the ">" closing the tag that starts before `from`, skipping quoted attribute values; -1 if not yet. */
function tagEnd(s: string, from: number): number {
  let quote = 0;
  for (let j = from; j < s.length; j++) {
    const c = s.charCodeAt(j);
    if (quote !== 0) {
      if (c === quote) quote = 0;
    } else if (c === 34 || c === 39) quote = c;
    else if (c === 62) return j;
  }
  return -1;
}

function localName(qualified: string): string {
  const colon = qualified.indexOf(':');
  return colon < 0 ? qualified : qualified.slice(colon + 1);
}

/** The attributes of a start tag, values decoded; namespace prefixes kept (r:id). */
export function attributes(source: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  for (const m of source.matchAll(/([\w.:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) attrs[m[1]] = decodeXmlEntities(m[2] ?? m[3] ?? '');
  return attrs;
}

/** One attribute without building the whole map (the hot path: a cell's r, s and t). */
export function attribute(source: string, name: string): string | undefined {
  const at = source.indexOf(` ${name}=`) >= 0 ? source.indexOf(` ${name}=`) : source.search(new RegExp(`\\s${name}\\s*=`));
  if (at < 0) return undefined;
  const m = /=\s*(?:"([^"]*)"|'([^']*)')/.exec(source.slice(at + 1 + name.length));
  return m ? decodeXmlEntities(m[1] ?? m[2] ?? '') : undefined;
}

export function decodeXmlEntities(text: string): string {
  if (text.indexOf('&') < 0) return text;
  return text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (whole, entity: string) => {
    const e = entity.toLowerCase();
    if (e === 'amp') return '&';
    if (e === 'lt') return '<';
    if (e === 'gt') return '>';
    if (e === 'quot') return '"';
    if (e === 'apos') return "'";
    const code = e.startsWith('#x') ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}
