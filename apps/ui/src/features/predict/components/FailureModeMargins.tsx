import type { ModelInput } from '@millwright/contract';
import { failureModeMargins, firedModes } from '../failure-mode-margins.ts';

const stateText = { breached: 'crossed', near: 'close', clear: 'clear' } as const;

function format(value: number): string {
  return Math.abs(value) >= 100 ? Math.round(value).toLocaleString('en-US') : value.toFixed(1);
}

/** The input's distance to each published failure-mode threshold. */
export function FailureModeMargins({ input }: { input: ModelInput }) {
  const margins = failureModeMargins(input);
  if (margins.length === 0) return <p className="muted">This model's inputs have no published failure rules to compare with.</p>;
  const fired = firedModes(input);
  return (
    <section aria-labelledby="margins-heading">
      <h4 id="margins-heading">Distance to the published failure rules (AI4I 2020)</h4>
      <p>{fired.length === 0 ? 'No rule fires for these inputs.' : `Rules that fire for these inputs: ${fired.join(', ')}.`}</p>
      <div className="table-scroll">
        <table>
          <caption className="visually-hidden">Failure-mode thresholds and margins</caption>
          <thead>
            <tr>
              <th scope="col">Mode</th>
              <th scope="col">Quantity</th>
              <th scope="col">Value</th>
              <th scope="col">Fails when</th>
              <th scope="col">Margin</th>
              <th scope="col">State</th>
            </tr>
          </thead>
          <tbody>
            {margins.map((m) => (
              <tr key={`${m.mode}-${m.quantity}`} className={`margin-${m.state}`}>
                <td>{m.mode}</td>
                <td>{m.quantity}</td>
                <td>
                  {format(m.value)} {m.unit}
                </td>
                <td>
                  {m.firesWhen} {format(m.threshold)} {m.unit}
                </td>
                <td>
                  {format(m.margin)} {m.unit}
                </td>
                <td>{stateText[m.state]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted">Random failures (RNF, 0.1 % of processes) do not depend on the inputs.</p>
    </section>
  );
}
