import type { BatchRow } from '../validate-csv.ts';

/** Rows shown in the error table; the download has every one. */
const shownErrors = 100;

/** The rows that failed validation, by file line. */
export function RowErrors({ rows }: { rows: readonly BatchRow[] }) {
  const failed = rows.filter((row) => row.errors.length > 0);
  if (failed.length === 0) return null;
  return (
    <section aria-labelledby="row-errors-heading" className="card">
      <h3 id="row-errors-heading">
        {failed.length.toLocaleString('en-US')} row{failed.length === 1 ? '' : 's'} with errors (not scored)
      </h3>
      <div className="table-scroll">
        <table>
          <caption className="visually-hidden">Rows that failed validation</caption>
          <thead>
            <tr>
              <th scope="col">Line</th>
              <th scope="col">Problem</th>
            </tr>
          </thead>
          <tbody>
            {failed.slice(0, shownErrors).map((row) => (
              <tr key={row.line}>
                <td>{row.line}</td>
                <td>{row.errors.map((error) => `${error.field}: ${error.reason}`).join('; ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {failed.length > shownErrors && <p className="muted">Showing the first {shownErrors}; the downloaded results list every row's errors.</p>}
    </section>
  );
}
