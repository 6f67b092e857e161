import type { ModelContract } from '@millwright/contract';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useServices } from '../../../shared/api/api-context.tsx';
import { ErrorBanner } from '../../../shared/components/ErrorBanner.tsx';
import { Loading } from '../../../shared/components/Loading.tsx';
import { useAsync } from '../../../shared/hooks/use-async.ts';
import { aliasMoveMessage, type AliasAction } from '../alias-move-message.ts';
import { getVersions } from '../api/get-versions.ts';
import { setAlias } from '../api/set-alias.ts';
import { modelHistory } from '../model-history.ts';
import { rollbackTarget, versionWithAlias } from '../version-comparison.ts';
import { ChampionChallenger } from './ChampionChallenger.tsx';
import { GlobalImportance } from './GlobalImportance.tsx';
import { ModelHistoryChart } from './ModelHistoryChart.tsx';
import { VersionTable } from './VersionTable.tsx';

/**
 * The registry's versions and their history beside a version's global importance, champion vs
 * challenger, and promote / roll back with the admin token (`contract`, the served one, names features). `onAliasMoved` tells the shell to ask the API what serves now; when the shell
 * finds another version serving (`servingVersion`, moved elsewhere), the registry is read again.
 */
export function ModelsPage(props: { adminEnabled: boolean; onAliasMoved?: () => void; servingVersion?: string; contract?: ModelContract }) {
  const { adminEnabled, onAliasMoved, servingVersion, contract } = props;
  const { api } = useServices();
  const versions = useAsync(useCallback((signal: AbortSignal) => getVersions(api, signal), [api]));
  const { refresh } = versions;
  const seenServing = useRef(servingVersion);
  useEffect(() => {
    if (seenServing.current === servingVersion) return;
    seenServing.current = servingVersion;
    refresh();
  }, [servingVersion, refresh]);
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | undefined>(undefined);

  const move = async (alias: 'champion' | 'challenger', version: string, action: AliasAction) => {
    setBusy(true);
    setOutcome(undefined);
    try {
      setOutcome(aliasMoveMessage(await setAlias(api, alias, version, token), action));
      // Quietly: the page, the token and the message stay while the registry is read again.
      versions.refresh();
      onAliasMoved?.();
    } catch (error) {
      setOutcome({ ok: false, text: (error as Error).message });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="models-heading">
      <h2 id="models-heading">Models</h2>
      {versions.status === 'loading' && <Loading what="registered versions" />}
      {versions.status === 'error' && <ErrorBanner title="The registry could not be read" message={versions.error.message} onRetry={versions.retry} />}
      {versions.status === 'ready' && (
        <>
          <p>
            Registered model <strong>{versions.value.name}</strong>: {versions.value.versions.length} version{versions.value.versions.length === 1 ? '' : 's'}.
          </p>
          <div className="history-row">
            <ModelHistoryChart points={modelHistory(versions.value.versions)} />
            <GlobalImportance versions={versions.value.versions} contract={contract} />
          </div>
          <section aria-labelledby="compare-heading" className="card">
            <h3 id="compare-heading">Champion against challenger</h3>
            <ChampionChallenger champion={versionWithAlias(versions.value.versions, 'champion')} challenger={versionWithAlias(versions.value.versions, 'challenger')} />
          </section>
          <section aria-labelledby="admin-heading" className="card">
            <h3 id="admin-heading">Promote or roll back</h3>
            {adminEnabled ? (
              <>
                <div className="field">
                  <label htmlFor="admin-token">Admin token</label>
                  <input id="admin-token" type="password" autoComplete="off" value={token} onChange={(event) => setToken(event.target.value)} aria-describedby="admin-token-hint" />
                  <small id="admin-token-hint" className="muted">
                    Kept in this page only; sent in the X-Admin-Token header when you move an alias. The local stack (npm start) prints one for its session.
                  </small>
                </div>
                <RollbackButton target={rollbackTarget(versions.value.versions)} disabled={token === '' || busy} onRollback={(version) => void move('champion', version, 'roll-back')} />
                <p className="muted">Making the challenger the champion clears the challenger alias: one version is never compared with itself.</p>
              </>
            ) : (
              <p className="muted">The API has no admin token configured (ADMIN_TOKEN), so aliases cannot be moved from here.</p>
            )}
            {outcome && (
              <p role={outcome.ok ? 'status' : 'alert'} className={outcome.ok ? 'outcome-ok' : 'field-error'}>
                {outcome.text}
              </p>
            )}
          </section>
          <VersionTable
            versions={versions.value.versions}
            apiUrl={api.baseUrl}
            canAct={adminEnabled && token !== ''}
            busy={busy}
            onMove={(alias, version) => void move(alias, version, alias === 'champion' ? 'promote' : 'make-challenger')}
          />
        </>
      )}
    </section>
  );
}

function RollbackButton({ target, disabled, onRollback }: { target: string | undefined; disabled: boolean; onRollback: (version: string) => void }) {
  if (target === undefined) return <p className="muted">The registry records no earlier champion to roll back to.</p>;
  return (
    <button type="button" disabled={disabled} onClick={() => onRollback(target)}>
      Roll back to version {target}
    </button>
  );
}
