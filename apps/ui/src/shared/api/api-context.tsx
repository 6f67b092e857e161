import { createContext, useContext, type ReactNode } from 'react';
import type { RuntimeConfig } from '../config/runtime-config.ts';
import type { ApiClient } from './api-client.ts';

interface Services {
  readonly api: ApiClient;
  readonly config: RuntimeConfig;
}

const ServicesContext = createContext<Services | undefined>(undefined);

/** Provides the API client and the runtime settings to every feature. */
export function ServicesProvider({ api, config, children }: Services & { children: ReactNode }) {
  return <ServicesContext.Provider value={{ api, config }}>{children}</ServicesContext.Provider>;
}

/** The API client and runtime settings; throws outside {@link ServicesProvider}. */
export function useServices(): Services {
  const services = useContext(ServicesContext);
  if (services === undefined) throw new Error('useServices: render inside <ServicesProvider>');
  return services;
}
