import { readFileSync } from 'node:fs';
import type { DriftScenario } from '@millwright/factory';
import { DataError, csvRows } from './csv-source.ts';
import { httpRows } from './http-source.ts';
import type { LabeledRow } from './labeled-row.ts';
import { postgresRows } from './postgres-source.ts';
import { simulatorRows } from './simulator-source.ts';

/** Reads labeled rows from the configured source; `cursor` continues an incremental read. */
export async function readSource(
  source: string,
  options: { rows: number; seed: number; scenario?: DriftScenario; cursor?: string; env: Readonly<Record<string, string | undefined>> },
): Promise<{ rows: LabeledRow[]; cursor?: string }> {
  if (source === 'sim') return { rows: simulatorRows({ rows: options.rows, seed: options.seed, ...(options.scenario && { scenario: options.scenario }) }) };
  if (source.startsWith('csv:')) {
    const file = source.slice(4);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      throw new DataError(`${file}: cannot be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
    return { rows: csvRows(text, file).slice(0, options.rows) };
  }
  if (source.startsWith('http://') || source.startsWith('https://')) {
    const page = await httpRows(source, { maxRows: options.rows, ...(options.cursor && { cursor: options.cursor }) });
    return { rows: page.rows, ...(page.cursor && { cursor: page.cursor }) };
  }
  if (source === 'postgres') {
    const url = options.env['DATABASE_URL'];
    if (!url) throw new DataError('source postgres needs DATABASE_URL (postgresql://user:password@host:5432/telemetry)');
    return postgresRows(url, { maxRows: options.rows, ...(options.cursor && { cursor: options.cursor }) });
  }
  throw new DataError(`unknown data source "${source}"; use sim, csv:<file>, http(s)://<data API> or postgres`);
}
