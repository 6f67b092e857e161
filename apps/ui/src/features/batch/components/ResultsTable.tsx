import type { ModelContract } from '@millwright/contract';
import { inputLabel } from '../../../shared/contract/feature-label.ts';
import type { ScoredRow } from '../score-in-batches.ts';
import type { BatchRow } from '../validate-csv.ts';

const shownRows = 100;

/**
 * The first scored rows: line, decision, probability, then the model's inputs headed by their
 * labels and units. The file's other columns (identifiers, labels, failure modes) stay out of the
 * table, so it fits a laptop's screen, and are all kept in the download.
 */
export function ResultsTable(props: {
  contract: ModelContract;
  header: readonly string[];
  /** Input name → the file column that holds it. */
  columns: Readonly<Record<string, number>>;
  rows: readonly BatchRow[];
  scored: readonly (ScoredRow | undefined)[];
}) {
  const { contract, header, columns, rows, scored } = props;
  const { positiveClass } = contract.outputs;
  const shown = rows.map((row, index) => ({ row, result: scored[index] })).filter((item) => item.result !== undefined);
  const positives = shown.filter((item) => item.result!.prediction === positiveClass).length;
  const inputColumns = contract.inputs.map((input) => ({ label: inputLabel(input), index: columns[input.name]! }));
  const others = header.filter((_name, index) => !inputColumns.some((column) => column.index === index));
  return (
    <section aria-labelledby="results-heading" className="card">
      <h3 id="results-heading">Results</h3>
      <p>
        {shown.length.toLocaleString('en-US')} rows scored; {positives.toLocaleString('en-US')} predicted “{positiveClass}”.
      </p>
      <div className="table-scroll">
        <table className="results-table">
          <caption className="visually-hidden">Scored rows</caption>
          <thead>
            <tr>
              <th scope="col">Line</th>
              <th scope="col">Prediction</th>
              <th scope="col">Probability</th>
              {inputColumns.map((column) => (
                <th scope="col" key={column.index}>
                  {column.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {shown.slice(0, shownRows).map(({ row, result }) => (
              <tr key={row.line} className={result!.prediction === positiveClass ? 'row-positive' : undefined}>
                <td>{row.line}</td>
                <td>{result!.prediction}</td>
                <td>{result!.probability.toFixed(3)}</td>
                {inputColumns.map((column) => (
                  <td key={column.index}>{row.cells[column.index]}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {others.length > 0 && <p className="muted">The file's other columns ({others.join(', ')}) are kept in the download.</p>}
      {shown.length > shownRows && <p className="muted">Showing the first {shownRows} rows; download the CSV for all of them.</p>}
    </section>
  );
}
