import type { ModelContract } from '@millwright/contract';
import { useCallback, useState } from 'react';
import { useServices } from '../../../shared/api/api-context.tsx';
import { BarList } from '../../../shared/components/BarList.tsx';
import { ErrorBanner } from '../../../shared/components/ErrorBanner.tsx';
import { Loading } from '../../../shared/components/Loading.tsx';
import { featureLabel } from '../../../shared/contract/feature-label.ts';
import { formatAmount, marginSpaceWords } from '../../../shared/format/margin-space.ts';
import { useAsync } from '../../../shared/hooks/use-async.ts';
import { getGlobalImportance, type GlobalImportance as VersionImportance } from '../api/get-global-importance.ts';
import type { RegisteredVersion } from '../api/get-versions.ts';
import { versionWithAlias } from '../version-comparison.ts';

function ImportanceOf({ importance, contract }: { importance: VersionImportance; contract: ModelContract | undefined }) {
  const top = Math.max(...importance.features.map((item) => item.meanAbsShap), Number.EPSILON);
  const bars = importance.features.map((item) => ({
    key: item.feature,
    label: contract === undefined ? item.feature : featureLabel(contract, item.feature),
    share: item.meanAbsShap / top,
    value: formatAmount(item.meanAbsShap, importance.marginSpace),
  }));
  return (
    <>
      <p className="muted">
        Mean |SHAP| per feature over its {importance.rows.toLocaleString('en-US')} test rows, {marginSpaceWords(importance.marginSpace)}: how far each feature moves a prediction, on average, either way.
      </p>
      <BarList bars={bars} name={`Global importance of version ${importance.version}`} />
    </>
  );
}

/**
 * A version's global explanation (`GET /registry/versions/:version/global-importance`), for the
 * version chosen here: the champion at first. Labels come from the served contract (`contract`).
 */
export function GlobalImportance({ versions, contract }: { versions: readonly RegisteredVersion[]; contract: ModelContract | undefined }) {
  const { api } = useServices();
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const version = chosen ?? versionWithAlias(versions, 'champion')?.version ?? versions[0]?.version;
  const importance = useAsync(useCallback((signal: AbortSignal) => (version === undefined ? Promise.resolve(undefined) : getGlobalImportance(api, version, signal)), [api, version]));
  if (version === undefined) return null;
  return (
    <section aria-labelledby="global-importance-heading" className="card global-importance">
      <h3 id="global-importance-heading">Global importance</h3>
      <div className="field">
        <label htmlFor="global-importance-version">Version</label>
        <select id="global-importance-version" value={version} onChange={(event) => setChosen(event.target.value)}>
          {versions.map((item) => (
            <option key={item.version} value={item.version}>
              {item.version}
              {item.aliases.length > 0 ? ` (${item.aliases.join(', ')})` : ''}
            </option>
          ))}
        </select>
      </div>
      {importance.status === 'loading' && <Loading what={`the global importance of version ${version}`} />}
      {importance.status === 'error' && <ErrorBanner title="The global importance could not be read" message={importance.error.message} onRetry={importance.retry} />}
      {importance.status === 'ready' &&
        (importance.value === undefined ? (
          <p className="muted">Version {version} has no global explanation: it was trained before the trainer recorded one.</p>
        ) : (
          <ImportanceOf importance={importance.value} contract={contract} />
        ))}
    </section>
  );
}
