import { describe, expect, it } from 'vitest';
import { loadRuntimeConfig } from './load-runtime-config.ts';
import { defaultRuntimeConfig, parseRuntimeConfig } from './runtime-config.ts';

describe('parseRuntimeConfig', () => {
  it('reads the API and Prometheus URLs without trailing slashes', () => {
    expect(parseRuntimeConfig({ apiUrl: 'https://api.example.com/', prometheusUrl: 'http://prom:9090', refreshSeconds: 10 })).toEqual({
      config: { apiUrl: 'https://api.example.com', prometheusUrl: 'http://prom:9090', refreshSeconds: 10 },
      problems: [],
    });
  });

  it('defaults to the UI origin, no Prometheus and 5 s samples', () => {
    expect(parseRuntimeConfig({}).config).toEqual(defaultRuntimeConfig);
  });

  it('names each bad field, its value and the expected form', () => {
    const { problems } = parseRuntimeConfig({ apiUrl: 'javascript:alert(1)', refreshSeconds: 0 });
    expect(problems).toEqual([
      'config.json refreshSeconds: must be a whole number from 1 to 300, got 0',
      'config.json apiUrl: must be an http(s) URL, got "javascript:alert(1)"',
    ]);
  });
});

describe('loadRuntimeConfig', () => {
  it('uses the defaults without a problem when config.json does not exist (the dev server)', async () => {
    const fetcher = async () => new Response('not found', { status: 404 });
    expect(await loadRuntimeConfig(fetcher)).toEqual({ config: defaultRuntimeConfig, problems: [] });
  });

  it('keeps the defaults and says why when config.json is not JSON', async () => {
    const fetcher = async () => new Response('<html>', { status: 200 });
    const { config, problems } = await loadRuntimeConfig(fetcher);
    expect(config).toEqual(defaultRuntimeConfig);
    expect(problems[0]).toMatch(/^config.json: could not be read/);
  });
});
