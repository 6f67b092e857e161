import { defaultRuntimeConfig, parseRuntimeConfig, type RuntimeConfig } from './runtime-config.ts';

/**
 * Fetches `config.json` next to index.html. A missing file means the defaults (the dev server);
 * an unreadable one keeps the defaults and reports why, so the page still renders.
 */
export async function loadRuntimeConfig(fetcher: typeof fetch = fetch): Promise<{ config: RuntimeConfig; problems: string[] }> {
  try {
    const response = await fetcher('config.json', { cache: 'no-store' });
    if (response.status === 404) return { config: defaultRuntimeConfig, problems: [] };
    if (!response.ok) return { config: defaultRuntimeConfig, problems: [`config.json: the server answered ${response.status}`] };
    return parseRuntimeConfig(await response.json());
  } catch (error) {
    return { config: defaultRuntimeConfig, problems: [`config.json: could not be read (${(error as Error).message})`] };
  }
}
