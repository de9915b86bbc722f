import '@xterm/xterm/css/xterm.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { dropTokenFromAddressBar } from './api/address-bar';
import { bootApi } from './api/boot';
import { App } from './views/App';

dropTokenFromAddressBar();
bootApi();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
