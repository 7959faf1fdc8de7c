// Offline checks of an Office add-in XML manifest: well-formedness, element order as in the TaskPaneApp schemas
// (OfficeAppManifestV1_1.xsd, TaskPaneAppVersionOverridesV1_0.xsd, OfficeAppBasicTypesV1_0.xsd), https URLs,
// resource ids, string lengths and icon pixel sizes. It is not a full XSD validator: it covers the parts of the schema
// this add-in can use, and rejects anything outside them, so a new element has to be added here knowingly.
// The online check stays `npm run validate` (office-addin-manifest validate), which needs Microsoft's service.
import { DOMParser } from '@xmldom/xmldom';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const NS = {
  app: 'http://schemas.microsoft.com/office/appforoffice/1.1',
  ov: 'http://schemas.microsoft.com/office/taskpaneappversionoverrides',
  bt: 'http://schemas.microsoft.com/office/officeappbasictypes/1.0',
  xsi: 'http://www.w3.org/2001/XMLSchema-instance',
} as const;
type Ns = keyof typeof NS;

interface Particle {
  name: string;
  ns: Ns;
  min: number;
  max: number; // Infinity for unbounded
  /** Content model of the child: a type name, or a choice by the child's xsi:type. */
  type?: string | { byXsiType: Record<string, string> };
}

const one = (name: string, ns: Ns, type?: Particle['type']): Particle => ({ name, ns, min: 1, max: 1, type });
const opt = (name: string, ns: Ns, type?: Particle['type']): Particle => ({ name, ns, min: 0, max: 1, type });
const many = (name: string, ns: Ns, min: number, type?: Particle['type']): Particle => ({ name, ns, min, max: Infinity, type });

/**
 * xs:sequence content models transcribed from the schemas. Derived types list the base sequence first, then the
 * extension's, as XSD extension does. A type absent from this table has no element children.
 */
const SEQUENCES: Record<string, Particle[]> = {
  TaskPaneApp: [
    one('Id', 'app'), opt('AlternateId', 'app'), one('Version', 'app'), one('ProviderName', 'app'),
    one('DefaultLocale', 'app'), one('DisplayName', 'app', 'LocaleAware'), one('Description', 'app', 'LocaleAware'),
    opt('IconUrl', 'app', 'LocaleAware'), opt('HighResolutionIconUrl', 'app', 'LocaleAware'),
    opt('SupportUrl', 'app', 'LocaleAware'), opt('AppDomains', 'app', 'AppDomains'), opt('Hosts', 'app', 'AppHosts'),
    // TaskPaneApp extension of OfficeApp:
    opt('Requirements', 'app', 'AppRequirements'), one('DefaultSettings', 'app', 'TaskPaneAppSettings'),
    one('Permissions', 'app'), opt('Dictionary', 'app', 'Dictionary'),
    opt('VersionOverrides', 'ov', { byXsiType: { VersionOverridesV1_0: 'VersionOverridesV1_0' } }),
  ],
  LocaleAware: [many('Override', 'app', 0)],
  AppDomains: [many('AppDomain', 'app', 1)],
  AppHosts: [many('Host', 'app', 1)],
  AppRequirements: [opt('Sets', 'app', 'AppSets'), opt('Methods', 'app', 'AppMethods')],
  AppSets: [many('Set', 'app', 1)],
  AppMethods: [many('Method', 'app', 1)],
  TaskPaneAppSettings: [one('SourceLocation', 'app', 'LocaleAware')],
  Dictionary: [
    one('TargetDialects', 'app', 'TargetDialects'), one('QueryUri', 'app', 'LocaleAware'),
    one('CitationText', 'app', 'LocaleAware'), one('DictionaryName', 'app', 'LocaleAware'),
    one('DictionaryHomePage', 'app', 'LocaleAware'),
  ],
  TargetDialects: [many('TargetDialect', 'app', 1)],

  VersionOverridesV1_0: [
    opt('Description', 'ov'), opt('Requirements', 'ov', 'BtRequirements'), opt('Hosts', 'ov', 'OvHosts'),
    opt('Resources', 'ov', 'Resources'), opt('WebApplicationInfo', 'ov', 'WebApplicationInfo'),
    opt('EquivalentAddins', 'ov', 'EquivalentAddins'),
  ],
  BtRequirements: [one('Sets', 'bt', 'BtSets')],
  BtSets: [many('Set', 'bt', 1)],
  OvHosts: [many('Host', 'ov', 1, {
    byXsiType: { Workbook: 'OvHost', Document: 'OvHost', Presentation: 'OvHost', Notebook: 'OvHost' },
  })],
  // Host base (AllFormFactors) followed by the Workbook/Document/… extension (DesktopFormFactor).
  OvHost: [opt('AllFormFactors', 'ov', 'AllFormFactors'), opt('DesktopFormFactor', 'ov', 'FormFactor')],
  AllFormFactors: [opt('ExtensionPoint', 'ov', { byXsiType: { CustomFunctions: 'CustomFunctions' } })],
  CustomFunctions: [
    one('Script', 'ov', 'SourceOnly'), one('Page', 'ov', 'SourceOnly'), opt('Metadata', 'ov', 'SourceOnly'),
    opt('Namespace', 'ov'),
  ],
  SourceOnly: [one('SourceLocation', 'ov')],
  FormFactor: [
    opt('GetStarted', 'ov', 'GetStarted'), opt('FunctionFile', 'ov'),
    many('ExtensionPoint', 'ov', 1, { byXsiType: { PrimaryCommandSurface: 'CommandSurface', ContextMenu: 'ContextMenu' } }),
  ],
  GetStarted: [one('Title', 'ov'), one('Description', 'ov'), one('LearnMoreUrl', 'ov')],
  CommandSurface: [many('OfficeTab', 'ov', 0, 'OfficeTab'), many('CustomTab', 'ov', 0, 'CustomTab')],
  ContextMenu: [many('OfficeMenu', 'ov', 1, 'OfficeMenu')],
  OfficeMenu: [many('Control', 'ov', 1, { byXsiType: { Button: 'Button', Menu: 'Menu' } })],
  OfficeTab: [many('Group', 'ov', 1, 'Group')],
  CustomTab: [many('Group', 'ov', 1, 'Group'), one('Label', 'ov')],
  Group: [
    one('Label', 'ov'), one('Icon', 'ov', 'IconList'),
    many('Control', 'ov', 1, { byXsiType: { Button: 'Button', Menu: 'Menu' } }),
  ],
  IconList: [many('Image', 'bt', 1)],
  Button: [
    one('Label', 'ov'), one('Supertip', 'ov', 'Supertip'), one('Icon', 'ov', 'IconList'),
    one('Action', 'ov', { byXsiType: { ShowTaskpane: 'ShowTaskpane', ExecuteFunction: 'ExecuteFunction' } }),
  ],
  Menu: [
    one('Label', 'ov'), one('Supertip', 'ov', 'Supertip'), one('Icon', 'ov', 'IconList'),
    one('Items', 'ov', 'MenuItems'),
  ],
  MenuItems: [many('Item', 'ov', 1, 'MenuItem')],
  MenuItem: [
    one('Label', 'ov'), one('Supertip', 'ov', 'Supertip'), opt('Icon', 'ov', 'IconList'),
    one('Action', 'ov', { byXsiType: { ShowTaskpane: 'ShowTaskpane', ExecuteFunction: 'ExecuteFunction' } }),
  ],
  Supertip: [one('Title', 'ov'), one('Description', 'ov')],
  ShowTaskpane: [opt('TaskpaneId', 'ov'), one('SourceLocation', 'ov'), opt('Title', 'ov')],
  ExecuteFunction: [one('FunctionName', 'ov')],
  Resources: [
    opt('Images', 'bt', 'Images'), opt('Urls', 'bt', 'Urls'), opt('ShortStrings', 'bt', 'Strings'),
    opt('LongStrings', 'bt', 'Strings'),
  ],
  Images: [many('Image', 'bt', 0, 'BtLocaleAware')],
  Urls: [many('Url', 'bt', 0, 'BtLocaleAware')],
  Strings: [many('String', 'bt', 0, 'BtLocaleAware')],
  BtLocaleAware: [many('Override', 'bt', 0)],
  WebApplicationInfo: [
    one('Id', 'ov'), opt('MsaId', 'ov'), one('Resource', 'ov'), one('Scopes', 'ov', 'Scopes'),
  ],
  Scopes: [many('Scope', 'ov', 1)],
  EquivalentAddins: [many('EquivalentAddin', 'ov', 1, 'EquivalentAddin')],
  EquivalentAddin: [opt('ProgId', 'ov'), opt('DisplayName', 'ov'), opt('FileName', 'ov'), one('Type', 'ov')],
};

const elementChildren = (el: Element): Element[] =>
  Array.from(el.childNodes as unknown as ArrayLike<Node>).filter((n): n is Element => n.nodeType === 1);

/** Where an element sits, for messages: OfficeApp/VersionOverrides/Hosts/Host[Workbook]/… */
function pathOf(el: Element): string {
  const parts: string[] = [];
  for (let node: Node | null = el; node && node.nodeType === 1; node = node.parentNode) {
    const e = node as Element;
    const xsiType = e.getAttributeNS(NS.xsi, 'type');
    parts.unshift(e.localName + (xsiType ? `[${xsiType}]` : ''));
  }
  return parts.join('/');
}

function nsLabel(uri: string | null): string {
  const key = (Object.keys(NS) as Ns[]).find((k) => NS[k] === uri);
  return key ?? String(uri);
}

function checkContent(el: Element, typeName: string | undefined, problems: string[]): void {
  const children = elementChildren(el);
  const sequence = typeName ? SEQUENCES[typeName] : undefined;
  if (!sequence) {
    if (children.length > 0) problems.push(`${pathOf(el)}: must not contain <${children[0].localName}>`);
    return;
  }
  const counts = new Array<number>(sequence.length).fill(0);
  let position = 0;
  for (const child of children) {
    const matches = (p: Particle) => p.name === child.localName && NS[p.ns] === child.namespaceURI;
    let index = position;
    while (index < sequence.length && !matches(sequence[index])) index++;
    if (index === sequence.length) {
      const earlier = sequence.findIndex(matches);
      if (earlier >= 0) {
        problems.push(`${pathOf(child)}: out of schema order, must come before <${sequence[position].name}> (order: ${sequence.map((p) => p.name).join(', ')})`);
      } else {
        problems.push(`${pathOf(child)}: not allowed in ${el.localName} (element in namespace ${nsLabel(child.namespaceURI)})`);
      }
      continue;
    }
    position = index;
    counts[index]++;
    const particle = sequence[index];
    if (counts[index] > particle.max) problems.push(`${pathOf(child)}: appears more than ${particle.max} time(s)`);
    let childType: string | undefined;
    if (typeof particle.type === 'object') {
      const xsiType = child.getAttributeNS(NS.xsi, 'type');
      childType = xsiType ? particle.type.byXsiType[xsiType] : undefined;
      if (!childType) {
        problems.push(`${pathOf(child)}: xsi:type must be one of ${Object.keys(particle.type.byXsiType).join(', ')}`);
        continue;
      }
    } else {
      childType = particle.type;
    }
    checkContent(child, childType, problems);
  }
  sequence.forEach((particle, i) => {
    if (counts[i] < particle.min) problems.push(`${pathOf(el)}: missing required <${particle.name}>`);
  });
}

export interface IconSpec { file: string; width: number; height: number }

/** Reads width and height from a PNG's IHDR chunk; undefined when the bytes are not a PNG. */
export function pngSize(bytes: Buffer): { width: number; height: number } | undefined {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (bytes.length < 24 || !bytes.subarray(0, 8).equals(signature) || bytes.toString('latin1', 12, 16) !== 'IHDR') {
    return undefined;
  }
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

// The schema's UUID pattern (OfficeAppManifestV1_1.xsd), anchored.
const UUID_PATTERN =
  /^(?:(?:urn:uuid:)?[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|\{[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\})$/;
const VERSION_PATTERN = /^[0-9]{1,5}(?:\.[0-9]{1,5}){0,3}$/;
const SHORT_MAX = 125;
const LONG_MAX = 250;
const RESID_MAX = 32;

/** Which resource collection a `resid` must point into, by the referring element's name. */
const RESOURCE_KIND_BY_REFERRER: Record<string, 'Images' | 'Urls' | 'ShortStrings' | 'LongStrings'> = {
  Image: 'Images',
  SourceLocation: 'Urls',
  LearnMoreUrl: 'Urls',
  FunctionFile: 'Urls',
  Label: 'ShortStrings',
  Title: 'ShortStrings',
  Namespace: 'ShortStrings',
  Description: 'LongStrings',
};

export interface ManifestCheckOptions {
  /** Origin+path prefix that maps to the local folder `localRoot` (for icon files). */
  urlBase: string;
  /** Folder the URLs under urlBase are served from (the repository root for the dev manifest, dist/ for a build). */
  localRoot: string;
  /** Paths under urlBase that a build produces and so need not exist in localRoot (e.g. taskpane.html). */
  builtPaths?: string[];
}

/** Returns every problem found, as readable messages; an empty list means the manifest passed. */
export function checkManifest(xml: string, options: ManifestCheckOptions): string[] {
  const problems: string[] = [];
  let doc: Document;
  try {
    doc = new DOMParser({
      onError: (level: string, message: string) => {
        if (level !== 'warning') throw new Error(message);
      },
    }).parseFromString(xml, 'text/xml') as unknown as Document;
  } catch (error) {
    return [`not well-formed XML: ${(error as Error).message.split('\n')[0]}`];
  }
  const root = doc.documentElement;
  if (!root || root.localName !== 'OfficeApp' || root.namespaceURI !== NS.app) {
    return [`root element must be <OfficeApp xmlns="${NS.app}">`];
  }
  if (root.getAttributeNS(NS.xsi, 'type') !== 'TaskPaneApp') problems.push('OfficeApp: xsi:type must be TaskPaneApp');
  checkContent(root, 'TaskPaneApp', problems);

  const all = Array.from(root.getElementsByTagNameNS('*', '*') as unknown as ArrayLike<Element>);
  const first = (localName: string, ns: Ns = 'app') => all.find((e) => e.localName === localName && e.namespaceURI === NS[ns]);

  const id = first('Id')?.textContent?.trim() ?? '';
  if (!UUID_PATTERN.test(id) || /^[0{}-]+$/.test(id.replace(/^urn:uuid:/, ''))) {
    problems.push(`Id: "${id}" is not a valid, non-nil GUID`);
  }
  const version = first('Version')?.textContent?.trim() ?? '';
  if (!VERSION_PATTERN.test(version)) problems.push(`Version: "${version}" must be 1 to 4 dot-separated numbers`);

  // URLs: any attribute or text that looks like a URL must be https; URL-typed settings must parse.
  for (const el of all) {
    for (const attr of Array.from(el.attributes as unknown as ArrayLike<Attr>)) {
      if (attr.name === 'xmlns' || attr.prefix === 'xmlns') continue; // namespace names are not fetched
      if (/^[a-z][a-z0-9+.-]*:\/\//i.test(attr.value) && !attr.value.startsWith('https://')) {
        problems.push(`${pathOf(el)}/@${attr.name}: "${attr.value}" is not an https URL`);
      }
    }
    const ownText = Array.from(el.childNodes as unknown as ArrayLike<Node>)
      .filter((n) => n.nodeType === 3).map((n) => n.nodeValue ?? '').join('').trim();
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(ownText) && !ownText.startsWith('https://')) {
      problems.push(`${pathOf(el)}: "${ownText}" is not an https URL`);
    }
  }

  // Locale-aware settings: limits from ShortString / LongString.
  const limitOf: Record<string, number> = { DisplayName: SHORT_MAX, Description: LONG_MAX };
  for (const [name, max] of Object.entries(limitOf)) {
    const el = first(name);
    if (!el) continue;
    const values = [el.getAttribute('DefaultValue') ?? '', ...elementChildren(el).map((o) => o.getAttribute('Value') ?? '')];
    for (const value of values) {
      if (value.length === 0 || value.length > max) problems.push(`${name}: "${value}" must be 1 to ${max} characters`);
    }
  }

  // Resources: ids unique and short, every resid defined in the right collection, nothing unused.
  const defined = new Map<string, { kind: string; el: Element }>();
  for (const kind of ['Images', 'Urls', 'ShortStrings', 'LongStrings'] as const) {
    const collection = first(kind, 'bt');
    if (!collection) continue;
    for (const item of elementChildren(collection)) {
      const resId = item.getAttribute('id') ?? '';
      if (resId.length === 0 || resId.length > RESID_MAX) problems.push(`${kind}: id "${resId}" must be 1 to ${RESID_MAX} characters`);
      if (defined.has(resId)) problems.push(`${kind}: id "${resId}" is defined twice`);
      defined.set(resId, { kind, el: item });
      if (!item.hasAttribute('DefaultValue')) problems.push(`${kind}: "${resId}" has no DefaultValue`);
      if (kind === 'ShortStrings' || kind === 'LongStrings') {
        const max = kind === 'ShortStrings' ? SHORT_MAX : LONG_MAX;
        const values = [item.getAttribute('DefaultValue') ?? '', ...elementChildren(item).map((o) => o.getAttribute('Value') ?? '')];
        for (const value of values) {
          if (value.length === 0 || value.length > max) problems.push(`${kind}: "${resId}" value "${value}" must be 1 to ${max} characters`);
        }
      }
    }
  }
  const used = new Set<string>();
  for (const el of all) {
    if (!el.hasAttribute('resid')) continue;
    const resId = el.getAttribute('resid') ?? '';
    used.add(resId);
    const definition = defined.get(resId);
    const expectedKind = RESOURCE_KIND_BY_REFERRER[el.localName];
    if (!definition) {
      problems.push(`${pathOf(el)}: resid "${resId}" is not defined in Resources`);
    } else if (expectedKind && definition.kind !== expectedKind) {
      problems.push(`${pathOf(el)}: resid "${resId}" is in ${definition.kind} but must be in ${expectedKind}`);
    }
  }
  for (const resId of defined.keys()) {
    if (!used.has(resId)) problems.push(`Resources: "${resId}" is defined but never used`);
  }

  // Ribbon icon lists: the basic-types schema documents 16, 32 and 80 px as mandatory.
  for (const icon of all.filter((e) => e.localName === 'Icon' && e.namespaceURI === NS.ov)) {
    const sizes = new Set(elementChildren(icon).map((image) => Number(image.getAttribute('size'))));
    for (const size of [16, 32, 80]) {
      if (!sizes.has(size)) problems.push(`${pathOf(icon)}: missing the mandatory ${size} px image`);
    }
  }

  // Icons: which pixel size each referenced image URL must have.
  const expectedSizes = new Map<string, Set<number>>();
  const expect = (url: string | null | undefined, size: number) => {
    if (!url) return;
    if (!expectedSizes.has(url)) expectedSizes.set(url, new Set());
    expectedSizes.get(url)!.add(size);
  };
  expect(first('IconUrl')?.getAttribute('DefaultValue'), 32);
  expect(first('HighResolutionIconUrl')?.getAttribute('DefaultValue'), 64);
  for (const ref of all.filter((e) => e.localName === 'Image' && e.namespaceURI === NS.bt && e.hasAttribute('resid'))) {
    const definition = defined.get(ref.getAttribute('resid') ?? '');
    if (definition?.kind === 'Images') expect(definition.el.getAttribute('DefaultValue'), Number(ref.getAttribute('size')));
  }
  for (const [url, sizes] of expectedSizes) {
    if (sizes.size > 1) {
      problems.push(`${url}: used as ${[...sizes].join(' and ')} px; one file can only have one size`);
      continue;
    }
    const [size] = sizes;
    const file = localFileFor(url, options);
    if (!file) { problems.push(`${url}: not under ${options.urlBase}, cannot check the icon`); continue; }
    if (!existsSync(file)) { problems.push(`${url}: icon file ${file} does not exist`); continue; }
    const actual = pngSize(readFileSync(file));
    if (!actual) problems.push(`${url}: ${file} is not a PNG`);
    else if (actual.width !== size || actual.height !== size) {
      problems.push(`${url}: ${file} is ${actual.width}×${actual.height} px, expected ${size}×${size}`);
    }
  }

  // Every other URL under urlBase must be a file we ship or the build produces.
  const urls = new Set<string>();
  for (const el of all) {
    for (const attrName of ['DefaultValue', 'Value']) {
      const value = el.getAttribute(attrName);
      if (value?.startsWith(options.urlBase)) urls.add(value);
    }
  }
  for (const url of urls) {
    const relative = url.slice(options.urlBase.length).split(/[?#]/)[0];
    if (options.builtPaths?.includes(relative)) continue;
    const file = localFileFor(url, options);
    if (file && !existsSync(file)) problems.push(`${url}: no file ${file}`);
  }
  return problems;
}

function localFileFor(url: string, options: ManifestCheckOptions): string | undefined {
  if (!url.startsWith(options.urlBase)) return undefined;
  const relative = decodeURIComponent(url.slice(options.urlBase.length).split(/[?#]/)[0]);
  if (relative.split('/').includes('..')) return undefined;
  return join(options.localRoot, relative);
}
