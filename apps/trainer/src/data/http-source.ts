import type { LabeledRow } from './labeled-row.ts';
import { DataError } from './csv-source.ts';

/** One page of the HTTP data source: rows and the cursor of the next page (absent at the end). */
interface Page {
  readonly rows: readonly { input: Record<string, unknown>; label: unknown; failureMode?: unknown; id?: string }[];
  readonly nextCursor?: string | null;
}

/**
 * Reads labeled rows from an HTTP data source incrementally, as the seeds' data API does: GET
 * `<url>?cursor=<c>&limit=<n>` until no `nextCursor` is returned, or `maxRows` are read. The last
 * cursor is returned so the next ingest continues where this one stopped.
 */
export async function httpRows(
  url: string,
  options: { cursor?: string; pageSize?: number; maxRows?: number; fetch?: typeof fetch; timeoutMs?: number },
): Promise<{ rows: LabeledRow[]; cursor: string | undefined }> {
  const fetchPage = options.fetch ?? fetch;
  const rows: LabeledRow[] = [];
  let cursor = options.cursor;
  const limit = options.pageSize ?? 1000;
  for (let pages = 0; pages < 100_000; pages++) {
    const pageUrl = new URL(url);
    if (cursor) pageUrl.searchParams.set('cursor', cursor);
    pageUrl.searchParams.set('limit', String(limit));
    let response: Response;
    try {
      response = await fetchPage(pageUrl, { signal: AbortSignal.timeout(options.timeoutMs ?? 30_000) });
    } catch (error) {
      throw new DataError(`${pageUrl.origin}${pageUrl.pathname}: unreachable: ${(error as Error).message}`);
    }
    if (!response.ok) throw new DataError(`${pageUrl.origin}${pageUrl.pathname}: HTTP ${response.status} at cursor ${cursor ?? '(start)'}`);
    const page = (await response.json()) as Page;
    if (!page || !Array.isArray(page.rows)) throw new DataError(`${pageUrl.origin}${pageUrl.pathname}: expected {"rows": [...], "nextCursor": ...}`);
    page.rows.forEach((row, index) =>
      rows.push({ input: row.input, label: row.label, failureMode: row.failureMode, origin: row.id ?? `page ${pages + 1} row ${index + 1}` }),
    );
    if (!page.nextCursor || (options.maxRows !== undefined && rows.length >= options.maxRows)) {
      return { rows: options.maxRows !== undefined ? rows.slice(0, options.maxRows) : rows, cursor: page.nextCursor ?? cursor };
    }
    cursor = page.nextCursor;
  }
  throw new DataError(`${url}: too many pages; is the cursor advancing?`);
}
