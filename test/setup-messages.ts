import { loadMessages } from '../src/taskpane/i18n';

await loadMessages('en');
