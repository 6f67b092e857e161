import type { ModelContract } from '@millwright/contract';
import { useCallback } from 'react';
import { useServices } from '../../../shared/api/api-context.tsx';
import { featureLabel } from '../../../shared/contract/feature-label.ts';
import { useAsync } from '../../../shared/hooks/use-async.ts';
import { getDrift, type FeatureDrift } from '../api/get-drift.ts';

const reading: Record<FeatureDrift['level'], string> = { stable: 'stable', moderate: 'moderate shift', significant: 'significant shift' };

const count = (value: number) => value.toLocaleString('en-US');

/**
 * Drift per feature, as the API computes it: the recent inputs against the training data of the
 * version serving as champion (the same figures it publishes as model_feature_drift_psi), read
 * again every `refreshSeconds`. Features are named by the served contract's labels.
 */
export function DriftTable({ contract }: { contract: ModelContract | undefined }) {
  const { api, config } = useServices();
  const drift = useAsync(useCallback((signal: AbortSignal) => getDrift(api, signal), [api]), { refreshSeconds: config.refreshSeconds });
  const label = (feature: string) => (contract === undefined ? feature : featureLabel(contract, feature));
  let body;
  if (drift.status === 'loading') body = <p className="muted">Loading drift…</p>;
  else if (drift.status === 'error') body = <p className="muted">Drift could not be read: {drift.error.message}</p>;
  else if (drift.value.problem !== null) body = <p className="muted">Drift cannot be computed: {drift.value.problem}.</p>;
  else {
    const { version, referenceRows, window, judged, features } = drift.value;
    body = (
      <>
        <p className="muted">
          The last {count(window.rows)} inputs (of up to {count(window.capacity)}) against the training data of version {version} ({count(referenceRows ?? 0)} rows), by the population stability index
          (PSI): up to 0.1 stable, up to 0.2 a moderate shift, above that a significant shift.
        </p>
        {!judged && (
          <p role="status">
            Collecting inputs: {count(window.rows)} of the {count(window.minimumRows)} needed before drift is judged. Fewer rows from a few machines read as a shift that is not there.
          </p>
        )}
        {features.length > 0 && (
          <div className="table-scroll">
            <table>
              <caption className="visually-hidden">Drift of each feature against the training data</caption>
              <thead>
                <tr>
                  <th scope="col">Feature</th>
                  <th scope="col">PSI</th>
                  <th scope="col">Reading</th>
                </tr>
              </thead>
              <tbody>
                {features.map((row) => (
                  <tr key={row.feature} className={judged && row.level !== 'stable' ? `drift-${row.level}` : undefined}>
                    <th scope="row">{label(row.feature)}</th>
                    <td>{row.psi.toFixed(3)}</td>
                    <td>{judged ? reading[row.level] : 'not judged yet'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </>
    );
  }
  return (
    <section aria-labelledby="drift-heading" className="card">
      <h3 id="drift-heading">Drift per feature</h3>
      {body}
    </section>
  );
}
