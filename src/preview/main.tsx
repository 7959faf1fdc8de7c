import { createRoot } from 'react-dom/client';
import { Grid } from './Grid';
import { createPreviewHost } from './fake-workbook-view';
import type { OpenedFile } from './open-file';

/**
 * The preview page: an in-memory workbook (the fake Excel host) drawn as a grid on the left, and the production task
 * pane in a frame on the right, whose office.js is replaced by `office-shim.js` asking this page for the host.
 */
const displayLanguage = new URLSearchParams(location.search).get('displayLanguage') ?? 'zh-TW';
const preview = createPreviewHost(displayLanguage);

Object.assign(window, {
  subsidyPreview: {
    install: preview.install,
    host: preview.view.host,
    view: preview.view,
  },
});

createRoot(document.getElementById('grid')!).render(<Grid workbook={preview.view} />);

// A file picked or dropped is read by the preview's own server on 127.0.0.1 (the CLI's bounded reader), seeded into
// the in-memory workbook, and the pane is reloaded so it checks the file as Excel would have it open.
const status = document.getElementById('open-status')!;
async function openFile(file: File): Promise<void> {
  status.className = '';
  status.textContent = `讀取中 · Reading ${file.name}…`;
  try {
    const response = await fetch('read', { method: 'POST', body: file, headers: { 'x-file-name': encodeURIComponent(file.name), 'x-lang': displayLanguage } });
    if (response.status === 413) throw new Error(`${file.name}: 檔案過大 · too large`);
    const opened = (await response.json()) as OpenedFile;
    if (!opened.ok) throw new Error(opened.message);
    preview.view.load(opened);
    status.textContent = `${file.name}（${opened.format}）`;
    frame.contentWindow?.location.reload();
  } catch (error) {
    status.className = 'error';
    status.textContent = error instanceof Error ? error.message : String(error);
  }
}
const picker = document.getElementById('open-file') as HTMLInputElement;
picker.addEventListener('change', () => {
  const file = picker.files?.[0];
  if (file) void openFile(file);
  picker.value = '';
});
const workbookArea = document.querySelector('.workbook')!;
workbookArea.addEventListener('dragover', (event) => {
  event.preventDefault();
  workbookArea.classList.add('dropping');
});
workbookArea.addEventListener('dragleave', () => workbookArea.classList.remove('dropping'));
workbookArea.addEventListener('drop', (event) => {
  event.preventDefault();
  workbookArea.classList.remove('dropping');
  const file = (event as DragEvent).dataTransfer?.files[0];
  if (file) void openFile(file);
});

// The frame loads only now, so its office.js shim finds the host installed above.
const frame = document.getElementById('pane') as HTMLIFrameElement;
frame.src = `pane/taskpane.html${location.search}`;
