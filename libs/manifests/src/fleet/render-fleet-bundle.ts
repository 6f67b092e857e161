import {
  bundleDir,
  isColocated,
  names,
  placedRoles,
  clusterRoles,
  type Platform,
  type ResolvedComponent,
  type ComponentDefinition,
} from '@millwright/platform';
import type { OutputFile } from '../output-file.ts';
import { toYaml } from '../yaml.ts';

/** The labels a Fleet cluster must carry for bundles to select it (README: "Label the clusters"). */
export function fleetClusterLabels(cluster: Platform['clusters'][number]): Record<string, string> {
  // The config's labels first: they can add to, never override, the two Millwright selects by.
  return { ...cluster.labels, [names.labels.cluster]: cluster.name, [names.labels.role]: cluster.role };
}

/**
 * `k8s/<component>/fleet.yaml`: the bundle name and labels, dependencies by label selector (only
 * on components that run on the same clusters; Fleet waits for a dependency per cluster), one
 * target customization per cluster choosing its overlay, `doNotDeploy` for the roles the topology
 * keeps the component off and for any other cluster, and drift correction.
 */
export function renderFleetBundle(platform: Platform, component: ResolvedComponent, catalogue: readonly ComponentDefinition[]): OutputFile {
  const definition = component.definition;
  const dependencies = definition.dependsOn
    .map((name) => catalogue.find((c) => c.name === name))
    .filter((dependency): dependency is ComponentDefinition => dependency !== undefined && isColocated(platform, definition, dependency));
  const roles = placedRoles(platform, definition);
  const bundle = {
    name: `${platform.name}-${definition.name}`,
    labels: {
      [names.labels.partOf]: platform.name,
      [names.labels.millwrightComponent]: definition.name,
      [names.labels.millwrightPlane]: definition.plane,
    },
    defaultNamespace: component.namespace,
    ...(dependencies.length > 0 && {
      dependsOn: dependencies.map((d) => ({
        selector: { matchLabels: { [names.labels.partOf]: platform.name, [names.labels.millwrightComponent]: d.name } },
      })),
    }),
    correctDrift: { enabled: true },
    targetCustomizations: [
      ...component.clusters.map((cluster) => ({
        name: cluster.name,
        clusterSelector: { matchLabels: fleetClusterLabels(cluster) },
        kustomize: { dir: `${names.overlaysDir}/${cluster.name}` },
      })),
      ...clusterRoles
        .filter((role) => !roles.includes(role))
        .map((role) => ({ name: `not-on-${role}`, clusterSelector: { matchLabels: { [names.labels.role]: role } }, doNotDeploy: true })),
      // Any other cluster the GitRepo targets: the bundle root has no kustomization of its own.
      { name: 'other-clusters', clusterSelector: {}, doNotDeploy: true },
    ],
  };
  return { path: `${bundleDir(definition.name)}/${names.fleetBundleFile}`, content: toYaml([bundle]) };
}
