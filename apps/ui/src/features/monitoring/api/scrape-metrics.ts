import type { ApiClient } from '../../../shared/api/api-client.ts';
import { parsePrometheusText, type Sample } from '../prometheus-text.ts';

/** One scrape of the API's `/metrics`. */
export async function scrapeMetrics(api: ApiClient, signal?: AbortSignal): Promise<Sample[]> {
  return parsePrometheusText(await api.getText('/metrics', { signal }));
}
