import type { ScoredRow } from '../score-in-batches.ts';
import type { BatchRow } from '../validate-csv.ts';

const shownRows = 100;

/** The first scored rows: line, inputs, decision and probability. */
export function ResultsTable({ header, rows, scored, positiveClass }: { header: readonly string[]; rows: readonly BatchRow[]; scored: readonly (ScoredRow | undefined)[]; positiveClass: string }) {
  const shown = rows.map((row, index) => ({ row, result: scored[index] })).filter((item) => item.result !== undefined);
  const positives = shown.filter((item) => item.result!.prediction === positiveClass).length;
  return (
    <section aria-labelledby="results-heading" className="card">
      <h3 id="results-heading">Results</h3>
      <p>
        {shown.length.toLocaleString('en-US')} rows scored; {positives.toLocaleString('en-US')} predicted “{positiveClass}”.
      </p>
      <div className="table-scroll">
        <table>
          <caption className="visually-hidden">Scored rows</caption>
          <thead>
            <tr>
              <th scope="col">Line</th>
              {header.map((name) => (
                <th scope="col" key={name}>
                  {name}
                </th>
              ))}
              <th scope="col">Prediction</th>
              <th scope="col">Probability</th>
            </tr>
          </thead>
          <tbody>
            {shown.slice(0, shownRows).map(({ row, result }) => (
              <tr key={row.line} className={result!.prediction === positiveClass ? 'row-positive' : undefined}>
                <td>{row.line}</td>
                {row.cells.map((cell, index) => (
                  <td key={index}>{cell}</td>
                ))}
                <td>{result!.prediction}</td>
                <td>{result!.probability.toFixed(3)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {shown.length > shownRows && <p className="muted">Showing the first {shownRows} rows; download the CSV for all of them.</p>}
    </section>
  );
}
