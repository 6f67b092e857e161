import type { ModelContract } from '@millwright/contract';
import { useEffect, useRef, useState } from 'react';
import { useServices } from '../../../shared/api/api-context.tsx';
import { ErrorBanner } from '../../../shared/components/ErrorBanner.tsx';
import { inputLabel } from '../../../shared/contract/feature-label.ts';
import { ProgressBar } from '../../../shared/components/ProgressBar.tsx';
import { downloadText } from '../../../shared/download-text.ts';
import { predictBatch } from '../api/predict-batch.ts';
import { acceptedNames } from '../batch-columns.ts';
import { resultsCsv } from '../results-csv.ts';
import { scoreInBatches, type ScoredRow } from '../score-in-batches.ts';
import { validateCsvText } from '../validate-csv-file.ts';
import type { BatchRow } from '../validate-csv.ts';
import { CsvDropZone } from './CsvDropZone.tsx';
import { ResultsTable } from './ResultsTable.tsx';
import { RowErrors } from './RowErrors.tsx';

/** A validated file: its header, where each input is, its rows, and how it was read. */
interface CheckedFile {
  readonly file: string;
  readonly header: readonly string[];
  readonly columns: Readonly<Record<string, number>>;
  readonly rows: readonly BatchRow[];
  readonly notes: readonly string[];
}

type Phase =
  | { name: 'idle' }
  | { name: 'validating'; file: string; done: number; total: number }
  | { name: 'invalid-file'; file: string; problems: readonly string[] }
  | ({ name: 'scoring'; done: number; total: number } & CheckedFile)
  | ({ name: 'done'; scored: readonly (ScoredRow | undefined)[] } & CheckedFile)
  | ({ name: 'failed'; error: string } & CheckedFile);

/** Batch scoring: drop a CSV, see row-level errors and progress, then the results and a download. */
export function BatchPage({ contract, batchRows }: { contract: ModelContract; batchRows: number }) {
  const { api } = useServices();
  const [phase, setPhase] = useState<Phase>({ name: 'idle' });
  const running = useRef<AbortController | undefined>(undefined);
  useEffect(() => () => running.current?.abort(), []);

  async function score(checked: CheckedFile, signal: AbortSignal) {
    const { rows } = checked;
    const valid = rows.flatMap((row, index) => (row.input === undefined ? [] : [{ index, input: row.input }]));
    setPhase({ name: 'scoring', ...checked, done: 0, total: valid.length });
    try {
      const scored = await scoreInBatches(
        valid.map((item) => item.input),
        batchRows,
        (chunk) => predictBatch(api, chunk, signal),
        (done, total) => !signal.aborted && setPhase({ name: 'scoring', ...checked, done, total }),
      );
      const byRow: (ScoredRow | undefined)[] = new Array(rows.length);
      valid.forEach((item, position) => (byRow[item.index] = scored[position]));
      if (!signal.aborted) setPhase({ name: 'done', ...checked, scored: byRow });
    } catch (error) {
      if (!signal.aborted) setPhase({ name: 'failed', ...checked, error: (error as Error).message });
    }
  }

  async function start(file: File) {
    running.current?.abort();
    const controller = new AbortController();
    running.current = controller;
    const name = file.name;
    setPhase({ name: 'validating', file: name, done: 0, total: 0 });
    try {
      const text = await file.text();
      const outcome = await validateCsvText(contract, text, (done, total) => !controller.signal.aborted && setPhase({ name: 'validating', file: name, done, total }), controller.signal);
      if (controller.signal.aborted) return;
      if (outcome.kind === 'invalid-file') setPhase({ name: 'invalid-file', file: name, problems: outcome.problems });
      else if (outcome.kind === 'done') await score({ file: name, header: outcome.header, columns: outcome.columns, rows: outcome.rows, notes: outcome.notes }, controller.signal);
    } catch (error) {
      if (!controller.signal.aborted) setPhase({ name: 'invalid-file', file: name, problems: [`the file could not be read: ${(error as Error).message}`] });
    }
  }

  function cancel() {
    running.current?.abort();
    setPhase({ name: 'idle' });
  }

  const busy = phase.name === 'validating' || phase.name === 'scoring';
  return (
    <section aria-labelledby="batch-heading">
      <h2 id="batch-heading">Batch scoring</h2>
      <BatchColumnsHint contract={contract} batchRows={batchRows} />
      <CsvDropZone onFile={(file) => void start(file)} disabled={busy} />
      <div aria-live="polite">
        {phase.name === 'validating' && <ProgressBar label={`Checking ${phase.file}`} value={phase.done} max={phase.total} />}
        {phase.name === 'scoring' && <ProgressBar label={`Scoring ${phase.file}`} value={phase.done} max={phase.total} />}
        {phase.name === 'done' && <p role="status">Finished {phase.file}.</p>}
      </div>
      {(phase.name === 'scoring' || phase.name === 'done' || phase.name === 'failed') &&
        phase.notes.map((note) => (
          <p key={note} role="status" className="muted">
            {note}
          </p>
        ))}
      {busy && (
        <button type="button" onClick={cancel}>
          Cancel
        </button>
      )}
      {phase.name === 'invalid-file' && (
        <div role="alert" className="banner banner-error">
          <div>
            <strong>{phase.file} cannot be scored</strong>
            <ul>
              {phase.problems.map((problem) => (
                <li key={problem}>{problem}</li>
              ))}
            </ul>
          </div>
        </div>
      )}
      {phase.name === 'failed' && (
        <ErrorBanner title="Scoring stopped" message={phase.error} onRetry={() => void score(phase, (running.current = new AbortController()).signal)} />
      )}
      {(phase.name === 'scoring' || phase.name === 'done' || phase.name === 'failed') && <RowErrors rows={phase.rows} />}
      {phase.name === 'done' && (
        <>
          <button type="button" className="primary" onClick={() => downloadText(phase.file.replace(/\.csv$/i, '') + '-predictions.csv', resultsCsv(phase.header, phase.rows, phase.scored))}>
            Download results as CSV
          </button>
          <ResultsTable contract={contract} header={phase.header} columns={phase.columns} rows={phase.rows} scored={phase.scored} />
        </>
      )}
    </section>
  );
}

/** Which columns a file needs: each input's name, or the published AI4I 2020 header. */
function BatchColumnsHint({ contract, batchRows }: { contract: ModelContract; batchRows: number }) {
  return (
    <details className="columns-hint">
      <summary>Columns the file needs (one per input; other columns are kept in the results)</summary>
      <ul>
        {contract.inputs.map((input) => (
          <li key={input.name}>
            {acceptedNames(input.name).map((name, index) => (
              <span key={name}>
                {index > 0 && ' or '}
                <code>{name}</code>
              </span>
            ))}
            : {inputLabel(input)}
          </li>
        ))}
      </ul>
      <p className="muted">Comma-separated, or semicolon-separated with decimal commas as spreadsheets export it. Rows are sent in batches of {batchRows}.</p>
    </details>
  );
}
