/** The browser entry: read the runtime config, then render. The only module that touches `document`'s root. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import './app/app.css';
import { createApiClient } from './shared/api/api-client.ts';
import { ServicesProvider } from './shared/api/api-context.tsx';
import { loadRuntimeConfig } from './shared/config/load-runtime-config.ts';

const { config, problems } = await loadRuntimeConfig();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ServicesProvider api={createApiClient({ baseUrl: config.apiUrl })} config={config}>
      <App configProblems={problems} />
    </ServicesProvider>
  </StrictMode>,
);
