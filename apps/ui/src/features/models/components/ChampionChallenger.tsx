import type { RegisteredVersion } from '../api/get-versions.ts';
import { compareVersions } from '../version-comparison.ts';

function show(value: number | undefined): string {
  return value === undefined ? '—' : value.toFixed(3);
}

/** Champion and challenger metric by metric, with the difference. */
export function ChampionChallenger({ champion, challenger }: { champion: RegisteredVersion | undefined; challenger: RegisteredVersion | undefined }) {
  if (challenger === undefined) return <p className="muted">No challenger is set; give a version the challenger alias to compare it with the champion.</p>;
  // The API no longer lets one version hold both aliases; a registry edited by hand still may.
  if (challenger.version === champion?.version) return <p className="muted">Version {challenger.version} holds both aliases; make another version the challenger to compare it with the champion.</p>;
  return (
    <div className="table-scroll">
      <table>
        <caption>
          Champion (version {champion?.version ?? 'none'}) against challenger (version {challenger.version})
        </caption>
        <thead>
          <tr>
            <th scope="col">Metric</th>
            <th scope="col">Champion</th>
            <th scope="col">Challenger</th>
            <th scope="col">Difference</th>
          </tr>
        </thead>
        <tbody>
          {compareVersions(champion, challenger).map((row) => (
            <tr key={row.label}>
              <th scope="row">{row.label}</th>
              <td>{show(row.champion)}</td>
              <td>{show(row.challenger)}</td>
              <td>{row.difference === undefined ? '—' : `${row.difference >= 0 ? '+' : ''}${row.difference.toFixed(3)}`}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
