import { useCallback, useEffect, useRef } from 'react';
import { BatchPage } from '../features/batch/components/BatchPage.tsx';
import { ModelsPage } from '../features/models/components/ModelsPage.tsx';
import { MonitoringPage } from '../features/monitoring/components/MonitoringPage.tsx';
import { PredictPage } from '../features/predict/components/PredictPage.tsx';
import { useServices } from '../shared/api/api-context.tsx';
import { getServedModels, getServingLimits, sameServedModels, type ServedModels } from '../shared/api/get-served-models.ts';
import { ErrorBanner } from '../shared/components/ErrorBanner.tsx';
import { Loading } from '../shared/components/Loading.tsx';
import { useAsync } from '../shared/hooks/use-async.ts';
import { sections, useHashRoute } from './use-hash-route.ts';

/**
 * The operator UI: navigation, the API's state, and the current section. What serves is asked
 * again every `refreshSeconds` and right after an alias move from the Models page, so the header,
 * the form and the batch contract follow a promotion wherever it was made.
 */
export function App({ configProblems = [] }: { configProblems?: readonly string[] }) {
  const { api, config } = useServices();
  const section = useHashRoute();
  const lastServed = useRef<ServedModels | undefined>(undefined);
  const served = useAsync(
    useCallback(
      async (signal: AbortSignal) => {
        const next = await getServedModels(api, signal);
        // Unchanged answers keep their identity, so a poll that finds nothing new re-renders nothing.
        if (lastServed.current !== undefined && sameServedModels(lastServed.current, next)) return lastServed.current;
        lastServed.current = next;
        return next;
      },
      [api],
    ),
    { refreshSeconds: config.refreshSeconds },
  );
  const limits = useAsync(useCallback((signal: AbortSignal) => getServingLimits(api, signal), [api]));
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);
  useEffect(() => {
    // Moving focus to the content tells keyboard and screen-reader users the section changed.
    if (first.current) first.current = false;
    else main.current?.focus();
  }, [section]);

  const failure = served.status === 'error' ? served.error : limits.status === 'error' ? limits.error : undefined;
  const retry = () => {
    served.retry();
    limits.retry();
  };
  const models = served.status === 'ready' ? served.value : undefined;
  const champion = models?.champion;
  const loading = served.status === 'loading' || limits.status === 'loading';
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
          <p className="serving" aria-live="polite">
            Serving {models.name} version {champion.version}
          </p>
        )}
      </header>
      <main id="main" ref={main} tabIndex={-1}>
        {configProblems.length > 0 && <ErrorBanner title="The UI's configuration has problems" message={configProblems.join('; ')} />}
        {loading && failure === undefined && needsModel && <Loading what="the served model" />}
        {failure !== undefined && (
          <ErrorBanner title="The inference API is unavailable" message={`${failure.message}. Predictions and batch scoring need it; check the API and retry.`} onRetry={retry} />
        )}
        {models !== undefined && champion === undefined && (
          <ErrorBanner
            title="No model is serving yet"
            message={models.problems.length > 0 ? models.problems.join('; ') : 'The API has not loaded a champion version.'}
            onRetry={retry}
          />
        )}
        {section === 'predict' && champion && <PredictPage key={champion.version} contract={champion.contract} typicalInput={champion.typicalInput} />}
        {section === 'batch' && champion && limits.status === 'ready' && <BatchPage contract={champion.contract} batchRows={limits.value.maxBatchRows} />}
        {section === 'models' && <ModelsPage adminEnabled={limits.status === 'ready' ? limits.value.adminEnabled : true} onAliasMoved={served.refresh} servingVersion={champion?.version} contract={champion?.contract} />}
        {section === 'monitoring' && <MonitoringPage contract={champion?.contract} />}
      </main>
    </>
  );
}
