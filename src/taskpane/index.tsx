// Placeholder entry so the add-in build has something to bundle; the task pane's real entry replaces this file.
import { createRoot } from 'react-dom/client';
import { FluentProvider, Text, webLightTheme } from '@fluentui/react-components';

createRoot(document.getElementById('root')!).render(
  <FluentProvider theme={webLightTheme}>
    <Text>subsidy-budget</Text>
  </FluentProvider>,
);
