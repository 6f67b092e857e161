import { imageReference, ownImage, requiredSecrets, syncWaveOrder, type ImageRef, type Platform, type ResolvedComponent } from '@millwright/platform';
import { fleetClusterLabels } from '@millwright/manifests';

function images(platform: Platform, component: ResolvedComponent): string {
  const refs = Object.entries(component.definition.images).map(([name, image]) =>
    imageReference(image === 'own' ? ownImage(platform, name) : (image as ImageRef)),
  );
  return refs.length > 0 ? refs.join(', ') : '-';
}

function table(rows: readonly string[][]): string[] {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows.map((row) => `  ${row.map((cell, column) => cell.padEnd(widths[column]!)).join('  ')}`.trimEnd());
}

/** The human summary `npm start` prints: what would be deployed where, and what to create first. */
export function formatPlan(platform: Platform, components: readonly ResolvedComponent[]): string {
  const lines = [
    `Millwright platform "${platform.name}": topology ${platform.topology}, ${platform.clusters.length} cluster(s), ${components.length} component(s)`,
  ];
  for (const cluster of platform.clusters) {
    const here = components
      .filter((c) => c.clusters.includes(cluster))
      .sort((a, b) => syncWaveOrder[a.definition.wave] - syncWaveOrder[b.definition.wave]);
    const destination = 'server' in cluster.destination ? `server ${cluster.destination.server}` : `cluster ${cluster.destination.name}`;
    const labels = Object.entries(fleetClusterLabels(cluster))
      .map(([k, v]) => `${k}=${v}`)
      .join(',');
    lines.push('', `${cluster.name} (${cluster.role}, ${cluster.arch}): Argo CD ${destination}; Fleet labels ${labels}; admission ${cluster.admission}`);
    if (here.length === 0) {
      lines.push('  nothing: the topology places no component on this role');
      continue;
    }
    const rows = [['wave', 'component', 'namespace', 'images']];
    for (const c of here) rows.push([String(syncWaveOrder[c.definition.wave]), c.definition.name, c.namespace, images(platform, c)]);
    lines.push(...table(rows));
  }
  const secrets = requiredSecrets(platform, components);
  if (secrets.length > 0) {
    lines.push('', 'Secrets to create on each cluster before the first sync (never committed; `npm run gitops -- secrets` prints the commands):');
    const rows = [['cluster', 'namespace', 'secret', 'keys']];
    for (const s of secrets) rows.push([s.cluster, s.namespace, s.name, s.keys.join(', ')]);
    lines.push(...table(rows));
  }
  return lines.join('\n');
}
