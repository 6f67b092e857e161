import { useCallback, useEffect, useRef } from 'react';
import { BatchPage } from '../features/batch/components/BatchPage.tsx';
import { ModelsPage } from '../features/models/components/ModelsPage.tsx';
import { MonitoringPage } from '../features/monitoring/components/MonitoringPage.tsx';
import { PredictPage } from '../features/predict/components/PredictPage.tsx';
import { useServices } from '../shared/api/api-context.tsx';
import { getServedModels, getServingLimits } from '../shared/api/get-served-models.ts';
import { ErrorBanner } from '../shared/components/ErrorBanner.tsx';
import { Loading } from '../shared/components/Loading.tsx';
import { useAsync } from '../shared/hooks/use-async.ts';
import { sections, useHashRoute } from './use-hash-route.ts';

/** The operator UI: navigation, the API's state, and the current section. */
export function App({ configProblems = [] }: { configProblems?: readonly string[] }) {
  const { api } = useServices();
  const section = useHashRoute();
  const serving = useAsync(useCallback(async (signal: AbortSignal) => {
    const [models, limits] = await Promise.all([getServedModels(api, signal), getServingLimits(api, signal)]);
    return { models, limits };
  }, [api]));
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);
  useEffect(() => {
    // Moving focus to the content tells keyboard and screen-reader users the section changed.
    if (first.current) first.current = false;
    else main.current?.focus();
  }, [section]);

  const champion = serving.status === 'ready' ? serving.value.models.champion : undefined;
  const needsModel = section === 'predict' || section === 'batch';
  return (
    <>
      {/* Not a hash link: the hash is the section route, so the skip link moves focus itself. */}
      <a
        className="skip-link"
        href="#main"
        onClick={(event) => {
          event.preventDefault();
          main.current?.focus();
        }}
      >
        Skip to content
      </a>
      <header className="top">
        <h1>Millwright operator</h1>
        <nav aria-label="Sections">
          <ul>
            {sections.map((item) => (
              <li key={item.id}>
                <a href={`#/${item.id}`} aria-current={section === item.id ? 'page' : undefined}>
                  {item.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        {champion && (
          <p className="serving">
            Serving {serving.status === 'ready' && serving.value.models.name} version {champion.version}
          </p>
        )}
      </header>
      <main id="main" ref={main} tabIndex={-1}>
        {configProblems.length > 0 && <ErrorBanner title="The UI's configuration has problems" message={configProblems.join('; ')} />}
        {serving.status === 'loading' && needsModel && <Loading what="the served model" />}
        {serving.status === 'error' && (
          <ErrorBanner title="The inference API is unavailable" message={`${serving.error.message}. Predictions and batch scoring need it; check the API and retry.`} onRetry={serving.retry} />
        )}
        {serving.status === 'ready' && champion === undefined && (
          <ErrorBanner
            title="No model is serving yet"
            message={serving.value.models.problems.length > 0 ? serving.value.models.problems.join('; ') : 'The API has not loaded a champion version.'}
            onRetry={serving.retry}
          />
        )}
        {section === 'predict' && champion && <PredictPage key={champion.version} contract={champion.contract} />}
        {section === 'batch' && champion && serving.status === 'ready' && <BatchPage contract={champion.contract} batchRows={serving.value.limits.maxBatchRows} />}
        {section === 'models' && <ModelsPage adminEnabled={serving.status === 'ready' ? serving.value.limits.adminEnabled : true} />}
        {section === 'monitoring' && <MonitoringPage threshold={champion?.contract.outputs.threshold} />}
      </main>
    </>
  );
}
