import { MAX_SMALL_PART_BYTES } from './file';
import { attributes } from './xml-scan';
import { ZipArchive } from './zip';

/** The add-in's document settings as an .xlsx file stores them (web-extension parts). */

export function readSettingsFrom(zip: ZipArchive): Record<string, string> {
  const settings: Record<string, string> = {};
  try {
    const parts = zip
      .names()
      .filter((name) => /^xl\/webextensions\/webextension[^/]*\.xml$/i.test(name))
      .sort();
    for (const part of parts) Object.assign(settings, parseWebExtensionProperties(zip.text(part, MAX_SMALL_PART_BYTES) ?? ''));
  } catch {
    // Settings are a convenience (the program id); a file whose part cannot be read is still checked.
  }
  return settings;
}

/**
 * Office stores an add-in's document settings in the file's web-extension part as
 * `<we:property name="key" value="json"/>`. Best effort: a workbook without them, or with a part we cannot read, simply
 * has no settings.
 */
export async function readWebExtensionSettings(buffer: Buffer): Promise<Record<string, string>> {
  try {
    return readSettingsFrom(new ZipArchive(buffer));
  } catch {
    return {};
  }
}

/** The `<we:property>` pairs of one web-extension part. A JSON string value is unwrapped; other JSON stays as text. */
export function parseWebExtensionProperties(xml: string): Record<string, string> {
  const settings: Record<string, string> = {};
  for (const match of xml.matchAll(/<(?:[\w.-]+:)?property\b([^>]*?)\/?>/g)) {
    const attrs = attributes(match[1]);
    if (attrs.name === undefined || attrs.value === undefined) continue;
    settings[attrs.name] = unwrapJsonString(attrs.value);
  }
  return settings;
}

function unwrapJsonString(value: string): string {
  try {
    const parsed: unknown = JSON.parse(value);
    return typeof parsed === 'string' ? parsed : value;
  } catch {
    return value;
  }
}
