import { createRoot } from 'react-dom/client';
import { Grid } from './Grid';
import { createPreviewHost } from './fake-workbook-view';

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

// The frame loads only now, so its office.js shim finds the host installed above.
const frame = document.getElementById('pane') as HTMLIFrameElement;
frame.src = `pane/taskpane.html${location.search}`;
