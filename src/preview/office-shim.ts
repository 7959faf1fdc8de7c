/**
 * The preview's stand-in for office.js inside the task-pane frame: asks the preview page (the parent) to install its
 * fake Excel host here, so the pane and the grid share one in-memory workbook. Loaded where taskpane.html loads
 * office.js, before the pane's own scripts.
 */
interface PreviewParent {
  subsidyPreview?: { install(target: Window): void };
}

const preview = (window.parent as unknown as PreviewParent | null)?.subsidyPreview;
if (preview) {
  preview.install(window);
} else {
  document.addEventListener('DOMContentLoaded', () => {
    document.body.textContent = '請由預覽頁開啟此窗格（npm run preview）。 Open the pane through the preview page (npm run preview).';
  });
}
