import { formatUtcDateTime } from '../../../shared/format/format-date-time.ts';
import type { RegisteredVersion } from '../api/get-versions.ts';
import { reportUrl } from '../api/get-versions.ts';
import { trainingRows } from '../model-history.ts';

function metric(version: RegisteredVersion, key: string): string {
  const value = version.metrics[key];
  return value === undefined ? '—' : value.toFixed(3);
}

/** Every registered version with its metrics, rows, creation time, aliases, report and alias actions. */
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
      <table className="versions-table">
        <caption>Registered versions, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Version</th>
            <th scope="col">Created</th>
            <th scope="col">Aliases</th>
            <th scope="col">F1</th>
            <th scope="col">AUROC</th>
            <th scope="col">Precision</th>
            <th scope="col">Recall</th>
            <th scope="col">Rows</th>
            <th scope="col">Threshold</th>
            <th scope="col">Report</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {versions.map((version) => {
            const rows = trainingRows(version);
            return (
              <tr key={version.version}>
                <th scope="row">{version.version}</th>
                <td>
                  <time dateTime={new Date(version.creationTimestamp).toISOString()}>{formatUtcDateTime(version.creationTimestamp)}</time>
                </td>
                <td>
                  {version.aliases.length === 0 ? (
                    '—'
                  ) : (
                    <ul className="badges">
                      {version.aliases.map((alias) => (
                        <li key={alias} className={`badge badge-${alias}`}>
                          {alias}
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
                <td>{metric(version, 'test_f1')}</td>
                <td>{metric(version, 'test_auroc')}</td>
                <td>{metric(version, 'test_precision')}</td>
                <td>{metric(version, 'test_recall')}</td>
                <td>{rows === undefined ? '—' : rows.toLocaleString('en-US')}</td>
                <td>{metric(version, 'threshold')}</td>
                <td>
                  <a href={reportUrl(apiUrl, version.version)} target="_blank" rel="noopener noreferrer">
                    Report<span className="visually-hidden"> of version {version.version}</span>
                  </a>
                </td>
                <td>
                  {/* The flex box is inside the cell: a cell that is itself a flex box leaves the table's column grid. */}
                  <div className="actions">
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
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
