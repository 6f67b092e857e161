import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import type { ApiClient } from '../shared/api/api-client.ts';
import { ServicesProvider } from '../shared/api/api-context.tsx';
import { defaultRuntimeConfig, type RuntimeConfig } from '../shared/config/runtime-config.ts';

/** Renders `ui` with the API client and runtime settings every feature reads. */
export function renderWithServices(ui: ReactElement, api: ApiClient, config: Partial<RuntimeConfig> = {}) {
  return render(
    <ServicesProvider api={api} config={{ ...defaultRuntimeConfig, apiUrl: api.baseUrl, ...config }}>
      {ui}
    </ServicesProvider>,
  );
}
