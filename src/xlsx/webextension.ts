import JSZip from 'jszip';

/**
 * Adds an Office web-extension (add-in) part holding document settings to an .xlsx, the way Excel saves a workbook in
 * which the add-in called `Office.context.document.settings.saveAsync()`: `xl/webextensions/webextension1.xml` with one
 * `<we:property>` per setting (values JSON-encoded), a task-pane part that refers to it, and their relationships and
 * content types.
 *
 * Used for the examples and the reader's tests ("a workbook the add-in has saved"). The `template` command does not use
 * it: a part that names the add-in makes Excel try to load that add-in, which is the add-in's decision, not the CLI's.
 */
export async function addWebExtensionSettings(
  xlsx: Uint8Array,
  settings: Record<string, unknown>,
  reference: { addinId: string; version?: string; store?: string; storeType?: string },
): Promise<Buffer> {
  const zip = await JSZip.loadAsync(xlsx);
  if (Object.keys(zip.files).some((name) => name.startsWith('xl/webextensions/'))) {
    throw new Error('the workbook already has web-extension parts');
  }
  const properties = Object.entries(settings)
    .map(([name, value]) => `    <we:property name="${xmlAttr(name)}" value="${xmlAttr(JSON.stringify(value))}"/>`)
    .join('\n');
  zip.file(
    'xl/webextensions/webextension1.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<we:webextension xmlns:we="http://schemas.microsoft.com/office/webextensions/webextension/2010/11" id="{3F0C5E0A-1B7B-4C1A-9C55-7A1E2B7D9A01}">
  <we:reference id="${xmlAttr(reference.addinId)}" version="${xmlAttr(reference.version ?? '1.0.0.0')}" store="${xmlAttr(reference.store ?? 'developer')}" storeType="${xmlAttr(reference.storeType ?? 'Registry')}"/>
  <we:alternateReferences/>
  <we:properties>
${properties}
  </we:properties>
  <we:bindings/>
  <we:snapshot xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"/>
</we:webextension>`,
  );
  zip.file(
    'xl/webextensions/taskpanes.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<wetp:taskpanes xmlns:wetp="http://schemas.microsoft.com/office/webextensions/taskpanes/2010/11">
  <wetp:taskpane dockstate="right" visibility="0" width="350" row="4">
    <wetp:webextensionref xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="rId1"/>
  </wetp:taskpane>
</wetp:taskpanes>`,
  );
  zip.file(
    'xl/webextensions/_rels/taskpanes.xml.rels',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.microsoft.com/office/2011/relationships/webextension" Target="webextension1.xml"/></Relationships>`,
  );

  const rels = await zip.file('_rels/.rels')?.async('string');
  if (!rels) throw new Error('the workbook has no _rels/.rels part');
  zip.file(
    '_rels/.rels',
    rels.replace(
      '</Relationships>',
      '<Relationship Id="rIdSubsidyBudgetWe" Type="http://schemas.microsoft.com/office/2011/relationships/webextensiontaskpanes" Target="xl/webextensions/taskpanes.xml"/></Relationships>',
    ),
  );
  const types = await zip.file('[Content_Types].xml')?.async('string');
  if (!types) throw new Error('the workbook has no [Content_Types].xml part');
  zip.file(
    '[Content_Types].xml',
    types.replace(
      '</Types>',
      '<Override PartName="/xl/webextensions/taskpanes.xml" ContentType="application/vnd.ms-office.webextensiontaskpanes+xml"/>' +
        '<Override PartName="/xl/webextensions/webextension1.xml" ContentType="application/vnd.ms-office.webextension+xml"/></Types>',
    ),
  );
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

function xmlAttr(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
