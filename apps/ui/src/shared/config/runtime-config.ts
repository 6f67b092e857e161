/**
 * The UI's runtime settings, read from `/config.json` at start so one build serves every cluster
 * (the image's entrypoint writes the file from `API_URL` and `PROMETHEUS_URL`). Parsed once, here,
 * with errors that name the field, the value and the expected form.
 */

/** The parsed settings. */
export interface RuntimeConfig {
  /** Base URL of the inference API, without a trailing slash; '' means the UI's own origin. */
  readonly apiUrl: string;
  /** Prometheus' base URL for the monitoring charts; undefined scrapes the API's /metrics instead. */
  readonly prometheusUrl: string | undefined;
  /** Seconds between monitoring samples. @default 5 */
  readonly refreshSeconds: number;
}

/** The settings when `/config.json` is absent (the dev server): the API on the UI's origin. */
export const defaultRuntimeConfig: RuntimeConfig = { apiUrl: '', prometheusUrl: undefined, refreshSeconds: 5 };

function url(field: string, value: unknown, problems: string[]): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string' || !/^https?:\/\/[^\s"'<>\\]+$/.test(value)) {
    problems.push(`config.json ${field}: must be an http(s) URL, got ${JSON.stringify(value)}`);
    return undefined;
  }
  return value.replace(/\/+$/, '');
}

/** Parses the JSON of `/config.json`; unknown fields are ignored, bad ones reported. */
export function parseRuntimeConfig(json: unknown): { config: RuntimeConfig; problems: string[] } {
  const problems: string[] = [];
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return { config: defaultRuntimeConfig, problems: ['config.json: must be a JSON object like {"apiUrl": "https://api.example.com"}'] };
  }
  const raw = json as Record<string, unknown>;
  const refresh = raw['refreshSeconds'];
  let refreshSeconds = defaultRuntimeConfig.refreshSeconds;
  if (refresh !== undefined) {
    if (typeof refresh === 'number' && Number.isInteger(refresh) && refresh >= 1 && refresh <= 300) refreshSeconds = refresh;
    else problems.push(`config.json refreshSeconds: must be a whole number from 1 to 300, got ${JSON.stringify(refresh)}`);
  }
  return {
    config: { apiUrl: url('apiUrl', raw['apiUrl'], problems) ?? '', prometheusUrl: url('prometheusUrl', raw['prometheusUrl'], problems), refreshSeconds },
    problems,
  };
}
