import type { ModelContract } from '@millwright/contract';
import { BarList } from '../../../shared/components/BarList.tsx';
import { featureLabel } from '../../../shared/contract/feature-label.ts';
import type { FeatureImportance } from '../api/get-importances.ts';

/** The model's feature importances as horizontal bars, named by the contract's labels. */
export function ImportanceBars({ importances, version, contract }: { importances: readonly FeatureImportance[]; version: string; contract: ModelContract }) {
  if (importances.length === 0) return <p className="muted">Version {version} has no recorded feature importances.</p>;
  const top = Math.max(...importances.map((item) => item.importance), Number.EPSILON);
  const bars = importances.map((item) => ({ key: item.feature, label: featureLabel(contract, item.feature), share: item.importance / top, value: `${(item.importance * 100).toFixed(1)} %` }));
  return (
    <section aria-labelledby="importance-heading">
      <h4 id="importance-heading">What version {version} relies on (feature importance)</h4>
      <BarList bars={bars} name="Feature importances" />
    </section>
  );
}
