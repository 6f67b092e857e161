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

/** The labels of a component's bundle(s); its chart bundle adds `millwright.io/bundle: chart`. */
export function fleetBundleLabels(platform: Platform, definition: ComponentDefinition): Record<string, string> {
  return {
    [names.labels.partOf]: platform.name,
    [names.labels.millwrightComponent]: definition.name,
    [names.labels.millwrightPlane]: definition.plane,
  };
}

/**
 * `dependsOn` selectors for the dependencies that run on the same clusters (Fleet waits for a
 * dependency per cluster); a selector by component matches that component's chart bundle too.
 */
export function fleetDependencies(platform: Platform, definition: ComponentDefinition, catalogue: readonly ComponentDefinition[]): object[] {
  return definition.dependsOn
    .map((name) => catalogue.find((c) => c.name === name))
    .filter((dependency): dependency is ComponentDefinition => dependency !== undefined && isColocated(platform, definition, dependency))
    .map((d) => ({
      selector: {
        matchLabels: {
          [names.labels.partOf]: platform.name,
          [names.labels.millwrightComponent]: d.name,
          // A charted dependency has two bundles; its chart's (controller, CRDs) is the one to wait for.
          ...(d.helm && { [names.labels.bundle]: names.chartDir }),
        },
      },
    }));
}

/** The target customization of one cluster, selected by its labels, before what it deploys. */
export function fleetClusterTarget(cluster: Platform['clusters'][number]): { name: string; clusterSelector: object } {
  return { name: cluster.name, clusterSelector: { matchLabels: fleetClusterLabels(cluster) } };
}

/** `doNotDeploy` for the roles the topology keeps the component off, then for any other cluster. */
export function fleetExclusions(platform: Platform, definition: ComponentDefinition): object[] {
  const roles = placedRoles(platform, definition);
  return [
    ...clusterRoles
      .filter((role) => !roles.includes(role))
      .map((role) => ({ name: `not-on-${role}`, clusterSelector: { matchLabels: { [names.labels.role]: role } }, doNotDeploy: true })),
    // Any other cluster the GitRepo targets: the bundle root has no kustomization of its own.
    { name: 'other-clusters', clusterSelector: {}, doNotDeploy: true },
  ];
}

/**
 * `k8s/<component>/fleet.yaml`: the bundle name and labels, dependencies by label selector (only
 * on components that run on the same clusters; Fleet waits for a dependency per cluster), one
 * target customization per cluster choosing its overlay, `doNotDeploy` for the roles the topology
 * keeps the component off and for any other cluster, and drift correction. A component with a
 * Helm chart also waits for its chart bundle, whose CRDs its own objects may need.
 */
export function renderFleetBundle(platform: Platform, component: ResolvedComponent, catalogue: readonly ComponentDefinition[]): OutputFile {
  const definition = component.definition;
  const dependencies = [
    ...fleetDependencies(platform, definition, catalogue),
    ...(definition.helm ? [{ selector: { matchLabels: { ...fleetBundleLabels(platform, definition), [names.labels.bundle]: names.chartDir } } }] : []),
  ];
  const bundle = {
    name: `${platform.name}-${definition.name}`,
    labels: fleetBundleLabels(platform, definition),
    defaultNamespace: component.namespace,
    ...(dependencies.length > 0 && { dependsOn: dependencies }),
    correctDrift: { enabled: true },
    targetCustomizations: [
      ...component.clusters.map((cluster) => ({ ...fleetClusterTarget(cluster), kustomize: { dir: `${names.overlaysDir}/${cluster.name}` } })),
      ...fleetExclusions(platform, definition),
    ],
  };
  return { path: `${bundleDir(definition.name)}/${names.fleetBundleFile}`, content: toYaml([bundle]) };
}
