import { readSource } from '../data/read-source.ts';
import { once, type StepContext, type StepSummary } from './step-context.ts';

/** `ingest`: reads labeled rows from the source into the run (`rows.json`). */
export function ingest(context: StepContext): Promise<StepSummary> {
  return once(context, 'ingest', async () => {
    const { options } = context;
    const { rows, cursor } = await readSource(options.source, { rows: options.rows, seed: options.seed, env: context.env });
    context.store.writeJson('rows.json', rows);
    context.log(`ingest: ${rows.length} rows from ${options.source}`);
    return { step: 'ingest', source: options.source, rows: rows.length, ...(cursor && { cursor }) };
  });
}
