import '@xterm/xterm/css/xterm.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { dropTokenFromAddressBar } from './api/address-bar';
import { bootApi } from './api/boot';
import { consoleStore } from './store/store';
import { keepScreenInHash } from './store/screen-link';
import { keepThemePreference } from './store/theme-preference';
import { App } from './views/App';

dropTokenFromAddressBar();
keepThemePreference(consoleStore);
keepScreenInHash(consoleStore);
bootApi();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
