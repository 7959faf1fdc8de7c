import { SEVERITY_ORDER, type Finding, type Lang, type Severity } from '../domain/findings';
import { columnLetter } from '../sheet/grid';
import type { TableExcerpt } from '../sheet/excerpt';
import type { FileReport } from './file-report';
import { WORDS, cellReference, expectedText, omittedText, programLine, sortedBySeverity, totals } from './format';
import { OVERVIEW_WORDS, overviewRow, type OverviewRow } from './overview';

/**
 * The batch report as one self-contained HTML file a program office can file or mail: no external requests (a CSP
 * forbids them), styles and the small sorting/filtering script inline, every workbook text escaped.
 */

/** Text safe in HTML content and attribute values; control characters (other than tab and line breaks) dropped. */
export function escapeHtml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const esc = escapeHtml;

const HTML_WORDS = {
  'zh-TW': {
    lang: 'zh-Hant-TW',
    filter: '篩選檔案或計畫別…',
    all: '全部',
    shown: (n: number, of: number) => `顯示 ${n} / ${of} 個檔案`,
    grid: (sheet: string) => `工作表「${sheet}」的經費預算表（標色為有問題的儲存格）`,
    truncated: '（表格過大，只畫出左上部分）',
    noGrid: '找不到經費預算表，無法畫出表格。',
    generated: '產生時間',
    back: '回到總覽',
  },
  en: {
    lang: 'en',
    filter: 'Filter by file or program…',
    all: 'All',
    shown: (n: number, of: number) => `Showing ${n} of ${of} files`,
    grid: (sheet: string) => `The budget table on sheet "${sheet}" (marked cells have findings)`,
    truncated: ' (a large table: only its top-left part is drawn)',
    noGrid: 'No budget table was found, so none is drawn.',
    generated: 'Generated',
    back: 'Back to the overview',
  },
} as const;

const amount = (n: number | null) => (n === null ? '' : new Intl.NumberFormat('en-US', { maximumFractionDigits: 3 }).format(n));
const percent = (n: number | null) => (n === null ? '' : `${n.toFixed(1)}%`);

export function formatHtml(reports: readonly FileReport[], lang: Lang, generatedAt: Date = new Date()): string {
  const w = WORDS[lang];
  const o = OVERVIEW_WORDS[lang];
  const h = HTML_WORDS[lang];
  const rows = reports.map((r) => overviewRow(r, lang));
  const withErrors = reports.filter((r) => r.summary.error > 0).length;
  const head: [keyof typeof o, 'text' | 'number'][] = [
    ['file', 'text'],
    ['program', 'text'],
    ['total', 'number'],
    ['subsidy', 'number'],
    ['share', 'number'],
    ['error', 'number'],
    ['warning', 'number'],
    ['info', 'number'],
    ['verdict', 'text'],
  ];
  const out: string[] = [];
  out.push(
    '<!doctype html>',
    `<html lang="${h.lang}"><head><meta charset="utf-8">`,
    // Nothing may leave the page: no scripts, styles, images or fonts from anywhere but this file.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; form-action 'none'; base-uri 'none'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(w.reportTitle)}</title>`,
    `<style>${CSS}</style></head><body>`,
    `<header><h1>${esc(w.reportTitle)}</h1>`,
    `<p class="summary">${esc(w.total(reports.length, withErrors, totals(reports)))} · ${h.generated} ${esc(generatedAt.toISOString().slice(0, 16).replace('T', ' '))} UTC</p></header>`,
    `<section id="overview"><h2>${esc(w.overview)}</h2>`,
    '<div class="controls">',
    `<input type="search" id="filter" placeholder="${esc(h.filter)}" aria-label="${esc(h.filter)}">`,
    `<select id="verdict" aria-label="${esc(o.verdict)}"><option value="">${esc(h.all)}</option>${(['error', 'warning', 'pass'] as const)
      .map((v) => `<option value="${v}">${esc(o.verdicts[v])}</option>`)
      .join('')}</select>`,
    `<span id="shown" data-template="${esc(h.shown(0, reports.length))}">${esc(h.shown(reports.length, reports.length))}</span>`,
    '</div>',
    '<table class="overview"><thead><tr>',
    ...head.map(([key, type]) => `<th data-type="${type}" tabindex="0" aria-sort="none">${esc(o[key] as string)}</th>`),
    '</tr></thead><tbody>',
    ...rows.map((row, i) => overviewTr(row, i, lang)),
    '</tbody></table></section>',
  );
  reports.forEach((report, i) => out.push(fileSection(report, i, lang)));
  out.push(`<script>${SCRIPT}</script></body></html>`, '');
  return out.join('\n');
}

function overviewTr(row: OverviewRow, index: number, lang: Lang): string {
  const o = OVERVIEW_WORDS[lang];
  const num = (n: number | null, text: string) => `<td class="num" data-sort="${n ?? ''}">${text}</td>`;
  const program = row.program ? `${row.program.name} (${row.program.id})` : WORDS[lang].programUnknown;
  return [
    `<tr data-verdict="${row.verdict}">`,
    `<td data-sort="${esc(row.file)}"><a href="#file-${index}">${esc(row.file)}</a></td>`,
    `<td data-sort="${esc(row.program?.id ?? '')}">${esc(program)}</td>`,
    num(row.total, amount(row.total)),
    num(row.subsidy, amount(row.subsidy)),
    num(row.share, percent(row.share)),
    num(row.error, String(row.error)),
    num(row.warning, String(row.warning)),
    num(row.info, String(row.info)),
    `<td data-sort="${['error', 'warning', 'pass'].indexOf(row.verdict)}"><span class="verdict ${row.verdict}">${esc(o.verdicts[row.verdict])}</span></td>`,
    '</tr>',
  ].join('');
}

function fileSection(report: FileReport, index: number, lang: Lang): string {
  const w = WORDS[lang];
  const h = HTML_WORDS[lang];
  const out: string[] = [
    `<section class="file" id="file-${index}">`,
    `<h2>${esc(report.file)} <span class="verdict ${overviewRow(report, lang).verdict}">${esc(w.counts(report.summary))}</span></h2>`,
    `<p>${esc(programLine(report, lang))}</p>`,
  ];
  if (report.findings.length === 0) out.push(`<p>${esc(w.noFindings)}</p>`);
  else {
    out.push(
      '<table class="findings"><thead><tr>',
      `<th>${esc(w.severityHeader)}</th><th>${esc(w.cell)}</th><th>${esc(w.message)}</th><th>${esc(w.expected)}</th><th>${esc(w.fix)}</th><th>${esc(w.rule)}</th>`,
      '</tr></thead><tbody>',
    );
    for (const [severity, findings] of sortedBySeverity(report.findings)) {
      for (const f of findings) {
        const rule = f.citation ? `<code>${esc(f.rule)}</code><br><small>「${esc(f.citation.quote)}」 (${esc(f.citation.seed)})</small>` : `<code>${esc(f.rule)}</code>`;
        out.push(
          `<tr class="${severity}"><td><span class="sev ${severity}">${esc(w.severity[severity])}</span></td>`,
          `<td><code>${esc(cellReference(f, lang))}</code></td><td class="msg">${esc(f.message)}</td>`,
          `<td>${f.expected === undefined ? '' : esc(expectedText(f, lang, false))}</td><td>${esc(f.advice ?? '')}</td><td>${rule}</td></tr>`,
        );
      }
    }
    out.push('</tbody></table>');
  }
  if (report.omittedFindings) out.push(`<p class="note">${esc(omittedText(report.omittedFindings, lang))}</p>`);
  if (report.excerpt) out.push(gridHtml(report.excerpt, report.findings, lang));
  else if (report.excerpt === null) out.push(`<p class="note">${esc(h.noGrid)}</p>`);
  out.push(`<p class="back"><a href="#overview">${esc(h.back)}</a></p></section>`);
  return out.join('\n');
}

/** The table drawn as a small sheet: column letters, row numbers, each finding's cell coloured by its worst severity. */
function gridHtml(excerpt: TableExcerpt, findings: readonly Finding[], lang: Lang): string {
  const h = HTML_WORDS[lang];
  const marked = new Map<string, { severity: Severity; messages: string[] }>();
  for (const f of findings) {
    if (f.sheet !== excerpt.sheet || !f.cell) continue;
    const key = f.cell.replace(/\$/g, '').toUpperCase();
    const mark = marked.get(key);
    if (!mark) marked.set(key, { severity: f.severity, messages: [f.message] });
    else {
      mark.messages.push(f.message);
      if (SEVERITY_ORDER.indexOf(f.severity) < SEVERITY_ORDER.indexOf(mark.severity)) mark.severity = f.severity;
    }
  }
  const width = Math.max(0, ...excerpt.cells.map((r) => r.length));
  const out: string[] = [
    `<figure class="grid"><figcaption>${esc(h.grid(excerpt.sheet))}${excerpt.truncated ? esc(h.truncated) : ''}</figcaption>`,
    '<table class="sheet"><thead><tr><th></th>',
  ];
  for (let c = 0; c < width; c++) out.push(`<th>${columnLetter(excerpt.left + c)}</th>`);
  out.push('</tr></thead><tbody>');
  excerpt.cells.forEach((row, r) => {
    out.push(`<tr><th>${excerpt.top + r + 1}</th>`);
    for (let c = 0; c < width; c++) {
      const address = `${columnLetter(excerpt.left + c)}${excerpt.top + r + 1}`;
      const text = row[c] ?? '';
      const mark = marked.get(address);
      const numeric = /^-?[\d,.]+%?$/.test(text);
      const cls = [numeric ? 'num' : '', mark ? `mark ${mark.severity}` : ''].filter(Boolean).join(' ');
      const title = mark ? ` title="${esc(`${address}: ${mark.messages.join(' / ')}`)}"` : '';
      out.push(`<td${cls ? ` class="${cls}"` : ''}${title} data-cell="${address}">${esc(text)}</td>`);
    }
    out.push('</tr>');
  });
  out.push('</tbody></table></figure>');
  return out.join('');
}

const CSS = `
:root{--err:#c50f1f;--err-bg:#fde7e9;--warn:#8a5300;--warn-bg:#fff4ce;--info:#0f6cbd;--info-bg:#ebf3fc;--line:#d1d1d1}
*{box-sizing:border-box}
body{font-family:"Noto Sans CJK TC","Noto Sans TC","Microsoft JhengHei","PingFang TC",system-ui,sans-serif;margin:1.5rem;color:#242424;line-height:1.45;font-size:14px}
h1{font-size:1.5rem;margin:0 0 .25rem}h2{font-size:1.15rem;margin:1.75rem 0 .5rem}
.summary{color:#616161;margin:0}
.controls{display:flex;gap:.5rem;align-items:center;margin:.5rem 0}
.controls input{flex:0 1 22rem;padding:.3rem .5rem;font:inherit}.controls select{padding:.3rem;font:inherit}
#shown{color:#616161}
table{border-collapse:collapse}
.overview,.findings{width:100%}
.overview th,.overview td,.findings th,.findings td{border-bottom:1px solid var(--line);padding:.3rem .5rem;text-align:left;vertical-align:top}
.findings th{white-space:nowrap}.overview td:first-child{word-break:break-all}
.overview th{cursor:pointer;user-select:none;white-space:nowrap;background:#f5f5f5;position:sticky;top:0}
.overview th[aria-sort=ascending]::after{content:" ▲"}.overview th[aria-sort=descending]::after{content:" ▼"}
td.num{text-align:right;font-variant-numeric:tabular-nums}
.verdict{display:inline-block;padding:0 .45rem;border-radius:.6rem;font-size:.85em;white-space:nowrap}
.verdict.error{background:var(--err-bg);color:var(--err)}.verdict.warning{background:var(--warn-bg);color:var(--warn)}.verdict.pass{background:#e0f2e4;color:#0e700e}
.sev{font-weight:600}.sev.error{color:var(--err)}.sev.warning{color:var(--warn)}.sev.info{color:var(--info)}
.findings .msg{white-space:pre-wrap}
.file{border-top:2px solid #242424;margin-top:2rem}
figure.grid{margin:.75rem 0}figcaption{color:#616161;font-size:.9em;margin-bottom:.25rem}
table.sheet{font-size:12px}
table.sheet th{background:#f0f0f0;color:#616161;font-weight:400;border:1px solid var(--line);padding:1px 6px;text-align:center}
table.sheet td{border:1px solid var(--line);padding:1px 6px;min-width:3.5rem;max-width:16rem;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
table.sheet td.mark.error{background:var(--err-bg);outline:2px solid var(--err);outline-offset:-2px}
table.sheet td.mark.warning{background:var(--warn-bg);outline:2px solid #c19c00;outline-offset:-2px}
table.sheet td.mark.info{background:var(--info-bg);outline:1px solid var(--info);outline-offset:-1px}
.note{color:#616161}
@media print{
 body{margin:0;font-size:10pt}.controls,.back{display:none}
 .overview th{position:static}
 .file{break-before:page;border-top:none}
 tr,figure{break-inside:avoid}
 a{color:inherit;text-decoration:none}
 .verdict,.mark,.overview th,table.sheet th{-webkit-print-color-adjust:exact;print-color-adjust:exact}
}`;

/** Sorting by a header (click or Enter; again to reverse) and filtering by text and verdict. Reads only the DOM. */
const SCRIPT = `(function(){
var table=document.querySelector('table.overview'),body=table.tBodies[0],heads=table.tHead.rows[0].cells;
var rows=Array.prototype.slice.call(body.rows);
function key(row,i,type){var v=row.cells[i].getAttribute('data-sort');if(type==='number'){return v===''?null:Number(v);}return v;}
function sortBy(i){var th=heads[i],type=th.getAttribute('data-type'),dir=th.getAttribute('aria-sort')==='ascending'?-1:1;
 for(var j=0;j<heads.length;j++)heads[j].setAttribute('aria-sort','none');
 th.setAttribute('aria-sort',dir===1?'ascending':'descending');
 rows.sort(function(a,b){var x=key(a,i,type),y=key(b,i,type);
  if(x===y)return 0;if(x===null)return 1;if(y===null)return -1;
  return (type==='number'?x-y:String(x).localeCompare(String(y),undefined,{numeric:true}))*dir;});
 rows.forEach(function(r){body.appendChild(r);});}
Array.prototype.forEach.call(heads,function(th,i){th.addEventListener('click',function(){sortBy(i);});
 th.addEventListener('keydown',function(e){if(e.key==='Enter'||e.key===' '){e.preventDefault();sortBy(i);}});});
var filter=document.getElementById('filter'),verdict=document.getElementById('verdict'),shown=document.getElementById('shown');
var template=shown.getAttribute('data-template');
function apply(){var q=filter.value.trim().toLowerCase(),v=verdict.value,n=0;
 rows.forEach(function(r){var ok=(!v||r.getAttribute('data-verdict')===v)&&(!q||(r.cells[0].textContent+' '+r.cells[1].textContent).toLowerCase().indexOf(q)>=0);
  r.hidden=!ok;if(ok)n++;});
 shown.textContent=template.replace(/\\d+/,String(n));}
filter.addEventListener('input',apply);verdict.addEventListener('change',apply);
})();`;
