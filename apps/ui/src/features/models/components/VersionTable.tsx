import type { RegisteredVersion } from '../api/get-versions.ts';
import { reportUrl } from '../api/get-versions.ts';

function metric(version: RegisteredVersion, key: string): string {
  const value = version.metrics[key];
  return value === undefined ? '—' : value.toFixed(3);
}

/** Every registered version with its metrics, creation time, aliases, report and alias actions. */
export function VersionTable(props: {
  versions: readonly RegisteredVersion[];
  apiUrl: string;
  canAct: boolean;
  busy: boolean;
  onMove: (alias: 'champion' | 'challenger', version: string) => void;
}) {
  const { versions, apiUrl, canAct, busy, onMove } = props;
  return (
    <div className="table-scroll">
      <table>
        <caption>Registered versions, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Version</th>
            <th scope="col">Created</th>
            <th scope="col">Aliases</th>
            <th scope="col">F1</th>
            <th scope="col">AUROC</th>
            <th scope="col">Threshold</th>
            <th scope="col">Report</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {versions.map((version) => (
            <tr key={version.version}>
              <th scope="row">{version.version}</th>
              <td>
                <time dateTime={new Date(version.creationTimestamp).toISOString()}>{new Date(version.creationTimestamp).toLocaleString('en-GB', { timeZone: 'UTC' })} UTC</time>
              </td>
              <td>
                {version.aliases.length === 0
                  ? '—'
                  : version.aliases.map((alias) => (
                      <span key={alias} className={`badge badge-${alias}`}>
                        {alias}
                      </span>
                    ))}
              </td>
              <td>{metric(version, 'test_f1')}</td>
              <td>{metric(version, 'test_auroc')}</td>
              <td>{metric(version, 'threshold')}</td>
              <td>
                <a href={reportUrl(apiUrl, version.version)} target="_blank" rel="noopener noreferrer">
                  Report<span className="visually-hidden"> of version {version.version}</span>
                </a>
              </td>
              <td className="actions">
                {!version.aliases.includes('champion') && (
                  <button type="button" disabled={!canAct || busy} onClick={() => onMove('champion', version.version)}>
                    Make champion<span className="visually-hidden"> (version {version.version})</span>
                  </button>
                )}
                {!version.aliases.includes('challenger') && !version.aliases.includes('champion') && (
                  <button type="button" disabled={!canAct || busy} onClick={() => onMove('challenger', version.version)}>
                    Make challenger<span className="visually-hidden"> (version {version.version})</span>
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
