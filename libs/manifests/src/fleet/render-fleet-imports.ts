import { bundleDir, clusterRoles, names, type Platform, type ResolvedComponent } from '@millwright/platform';
import type { OutputFile } from '../output-file.ts';
import { toYaml } from '../yaml.ts';

/** The ClusterGroup of one role: every Fleet cluster labelled `millwright.io/role=<role>`. */
export function clusterGroupName(platform: Platform, role: string): string {
  return `${platform.name}-${role}`;
}

/**
 * `fleet/`: what a Rancher user imports. One GitRepo listing every deployed bundle and targeting
 * the ClusterGroups of the roles in use, and one ClusterGroup per role selecting clusters by label.
 */
export function renderFleetImports(platform: Platform, components: readonly ResolvedComponent[]): OutputFile[] {
  const roles = clusterRoles.filter((role) => platform.clusters.some((c) => c.role === role));
  const groups = roles.map((role) => ({
    apiVersion: 'fleet.cattle.io/v1alpha1',
    kind: 'ClusterGroup',
    metadata: { name: clusterGroupName(platform, role), namespace: names.fleetNamespace, labels: { [names.labels.partOf]: platform.name } },
    spec: { selector: { matchLabels: { [names.labels.role]: role } } },
  }));
  const gitRepo = {
    apiVersion: 'fleet.cattle.io/v1alpha1',
    kind: 'GitRepo',
    metadata: { name: platform.name, namespace: names.fleetNamespace, labels: { [names.labels.partOf]: platform.name } },
    spec: {
      repo: platform.git.repoURL,
      branch: platform.git.revision,
      paths: components.map((c) => bundleDir(c.definition.name)),
      targets: roles.map((role) => ({ name: role, clusterGroup: clusterGroupName(platform, role) })),
    },
  };
  return [
    { path: `${names.fleetRoot}/clustergroups.yaml`, content: toYaml(groups) },
    { path: `${names.fleetRoot}/gitrepo.yaml`, content: toYaml([gitRepo]) },
  ];
}
