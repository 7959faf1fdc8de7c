// The add-in manifest, checked offline: Office refuses a manifest with elements out of schema order, an undefined
// resource id or a non-https URL, and does so with an unhelpful message at sideload time. These tests catch that first.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DOMParser } from '@xmldom/xmldom';
import { checkManifest, NS, pngSize } from './manifest-check';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const manifestXml = readFileSync(join(root, 'manifest.xml'), 'utf8');
const DEV_BASE = 'https://localhost:3000/';
const options = { urlBase: DEV_BASE, localRoot: root, builtPaths: ['taskpane.html'] };

function parse(xml: string): Document {
  return new DOMParser().parseFromString(xml, 'text/xml') as unknown as Document;
}
const doc = parse(manifestXml);
const byName = (localName: string, ns: keyof typeof NS = 'app') =>
  Array.from(doc.getElementsByTagNameNS(NS[ns], localName) as unknown as ArrayLike<Element>);
const childrenOf = (el: Element) =>
  Array.from(el.childNodes as unknown as ArrayLike<Node>).filter((n): n is Element => n.nodeType === 1);

/** Applies a text edit and fails loudly if the edit no longer matches, so a mutation test cannot pass vacuously. */
function mutate(from: string | RegExp, to: string): string {
  const mutated = manifestXml.replace(from, to);
  expect(mutated, `mutation ${String(from)} did not apply`).not.toBe(manifestXml);
  return mutated;
}

describe('manifest.xml', () => {
  it('passes every offline check', () => {
    expect(checkManifest(manifestXml, options)).toEqual([]);
  });

  it('is a task pane add-in for Excel workbooks with read/write access and ExcelApi 1.7', () => {
    expect(doc.documentElement.getAttributeNS(NS.xsi, 'type')).toBe('TaskPaneApp');
    expect(byName('Host').filter((h) => (h.parentNode as Element | null)?.namespaceURI === NS.app).map((h) => h.getAttribute('Name'))).toEqual(['Workbook']);
    expect(byName('Permissions')[0].textContent).toBe('ReadWriteDocument');
    const sets = byName('Set').map((s) => `${s.getAttribute('Name')} ${s.getAttribute('MinVersion')}`);
    expect(sets).toEqual(['ExcelApi 1.7']);
    expect(byName('SourceLocation')[0].getAttribute('DefaultValue')).toBe(`${DEV_BASE}taskpane.html`);
  });

  it('has the optional top-level elements this add-in relies on, in schema order', () => {
    const names = childrenOf(doc.documentElement).map((e) => e.localName);
    expect(names).toEqual([
      'Id', 'Version', 'ProviderName', 'DefaultLocale', 'DisplayName', 'Description', 'IconUrl',
      'HighResolutionIconUrl', 'SupportUrl', 'AppDomains', 'Hosts', 'Requirements', 'DefaultSettings',
      'Permissions', 'VersionOverrides',
    ]);
  });

  it('puts a button on the Home tab that opens the task pane', () => {
    const tab = byName('OfficeTab', 'ov')[0];
    expect(tab.getAttribute('id')).toBe('TabHome');
    const action = byName('Action', 'ov')[0];
    expect(action.getAttributeNS(NS.xsi, 'type')).toBe('ShowTaskpane');
    const urlId = childrenOf(action).find((e) => e.localName === 'SourceLocation')!.getAttribute('resid');
    const url = byName('Url', 'bt').find((u) => u.getAttribute('id') === urlId)!;
    expect(url.getAttribute('DefaultValue')).toBe(`${DEV_BASE}taskpane.html`);
  });

  it('names itself in en-US by default with zh-TW overrides for every user-visible string', () => {
    expect(byName('DefaultLocale')[0].textContent).toBe('en-US');
    for (const el of [byName('DisplayName')[0], byName('Description')[0]]) {
      const zh = childrenOf(el).find((o) => o.getAttribute('Locale') === 'zh-TW');
      expect(zh?.getAttribute('Value'), el.localName).toMatch(/[\u4e00-\u9fff]/);
    }
    const strings = byName('String', 'bt');
    expect(strings.length).toBeGreaterThan(0);
    for (const s of strings) {
      const zh = childrenOf(s).find((o) => o.getAttribute('Locale') === 'zh-TW');
      expect(zh?.getAttribute('Value'), s.getAttribute('id')!).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('references icons that exist in assets/ as real PNGs of the declared sizes', () => {
    for (const size of [16, 32, 64, 80, 128]) {
      expect(pngSize(readFileSync(join(root, 'assets', `icon-${size}.png`)))).toEqual({ width: size, height: size });
    }
  });
});

describe('the offline manifest check rejects broken manifests', () => {
  const cases: Array<[string, () => string, RegExp]> = [
    ['an unclosed element', () => mutate('</DisplayName>', ''), /not well-formed XML/],
    ['elements out of schema order', () => mutate(
      /(<Version>[^<]*<\/Version>)(\s*)(<ProviderName>[^<]*<\/ProviderName>)/, '$3$2$1',
    ), /Version: out of schema order, must come before <ProviderName>/],
    ['Permissions before DefaultSettings', () => mutate(
      /(<DefaultSettings>[\s\S]*?<\/DefaultSettings>)(\s*)(<Permissions>[^<]*<\/Permissions>)/, '$3$2$1',
    ), /DefaultSettings: out of schema order/],
    ['Supertip after Icon inside the button', () => mutate(
      /(<Supertip>[\s\S]*?<\/Supertip>)(\s*)(<Icon>[\s\S]*?<\/Icon>)/, '$3$2$1',
    ), /Supertip: out of schema order/],
    ['a missing required element', () => mutate(/<DefaultSettings>[\s\S]*?<\/DefaultSettings>/, ''), /missing required <DefaultSettings>/],
    ['an element the schema does not allow there', () => mutate('<Permissions>', '<Colour>red</Colour><Permissions>'), /Colour: not allowed in OfficeApp/],
    ['an undefined resource id', () => mutate('resid="SB.OpenPane.Tooltip"', 'resid="SB.OpenPane.Tooltipp"'), /resid "SB.OpenPane.Tooltipp" is not defined/],
    ['a resource id of the wrong kind', () => mutate('<Label resid="SB.Group.Label"/>', '<Label resid="SB.OpenPane.Tooltip"/>'), /is in LongStrings but must be in ShortStrings/],
    ['a plain http URL', () => mutate('<IconUrl DefaultValue="https://', '<IconUrl DefaultValue="http://'), /IconUrl\/@DefaultValue: "http:\/\/localhost:3000\/assets\/icon-32.png" is not an https URL/],
    ['an http AppDomain', () => mutate('<AppDomain>https://', '<AppDomain>http://'), /AppDomain: "http:\/\/localhost:3000" is not an https URL/],
    ['a malformed GUID', () => mutate(/<Id>[^<]*<\/Id>/, '<Id>6cab35cb-8e86-4609-ab82-8fe4af9db50</Id>'), /Id: .* not a valid, non-nil GUID/],
    ['an icon of the wrong pixel size', () => mutate('<bt:Image size="32" resid="SB.Icon.32"/>\n                  <bt:Image size="64"', '<bt:Image size="32" resid="SB.Icon.16"/>\n                  <bt:Image size="64"'), /icon-16.png is 16×16 px, expected 32×32|used as 16 and 32 px/],
    ['a ribbon icon list without its 16 px image', () => mutate('<bt:Image size="16" resid="SB.Icon.16"/>', ''), /Group\/Icon: missing the mandatory 16 px image/],
    ['a missing icon file', () => mutate('assets/icon-80.png', 'assets/icon-81.png'), /icon file .*icon-81.png does not exist/],
    ['a display name over 125 characters', () => mutate('DefaultValue="Subsidy Budget Checker"', `DefaultValue="${'x'.repeat(126)}"`), /DisplayName: .* must be 1 to 125 characters/],
    ['an unknown control type', () => mutate('xsi:type="Button"', 'xsi:type="Buton"'), /Control\[Buton\]: xsi:type must be one of Button, Menu/],
  ];
  it.each(cases)('%s', (_label, makeBroken, expected) => {
    const problems = checkManifest(makeBroken(), options);
    expect(problems.some((p) => expected.test(p)), problems.join('\n')).toBe(true);
  });
});
