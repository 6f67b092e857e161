import type { ModelContract } from '@millwright/contract';
import { featureLabel } from '../../../shared/contract/feature-label.ts';
import type { FeatureImportance } from '../api/get-importances.ts';

/** The model's feature importances as horizontal bars (SVG-free: plain, accessible elements), named by the contract's labels. */
export function ImportanceBars({ importances, version, contract }: { importances: readonly FeatureImportance[]; version: string; contract: ModelContract }) {
  if (importances.length === 0) return <p className="muted">Version {version} has no recorded feature importances.</p>;
  const top = Math.max(...importances.map((item) => item.importance), Number.EPSILON);
  return (
    <section aria-labelledby="importance-heading">
      <h4 id="importance-heading">What version {version} relies on (feature importance)</h4>
      <ul className="bars" aria-label="Feature importances">
        {importances.map((item) => (
          <li key={item.feature}>
            <span className="bar-label">{featureLabel(contract, item.feature)}</span>
            <span className="bar-track" aria-hidden="true">
              <span className="bar-fill" style={{ width: `${(item.importance / top) * 100}%` }} />
            </span>
            <span className="bar-value">{(item.importance * 100).toFixed(1)} %</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
