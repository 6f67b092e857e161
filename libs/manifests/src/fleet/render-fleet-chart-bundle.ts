import { chartBundleDir } from '@millwright/kube';
import { names, type ComponentDefinition, type Platform, type ResolvedComponent } from '@millwright/platform';
import type { OutputFile } from '../output-file.ts';
import { toYaml } from '../yaml.ts';
import { fleetBundleLabels, fleetClusterTarget, fleetDependencies, fleetExclusions } from './render-fleet-bundle.ts';

/**
 * `k8s/<component>/chart/fleet.yaml`: the Fleet bundle that installs the component's Helm chart,
 * beside the kustomize bundle of its own objects (one bundle cannot be both a chart and a
 * kustomize directory). The chart is pinned (`repo`, `chart`, `version`, `releaseName`) at the
 * top; each cluster's generated values sit in its target customization, which Fleet merges over
 * the bundle's options. `disablePreProcess` hands the values to Helm verbatim: Fleet would
 * otherwise template `${ }` in them (rancher/fleet#1510).
 *
 * Fleet finds this bundle by itself: it walks each GitRepo path and makes a bundle of every
 * subdirectory holding a fleet.yaml (rancher/fleet internal/cmd/cli/apply, shouldCreateBundleForThisPath),
 * so `k8s/<component>` in the GitRepo's paths covers both bundles.
 */
export function renderFleetChartBundle(platform: Platform, component: ResolvedComponent, catalogue: readonly ComponentDefinition[]): OutputFile[] {
  const definition = component.definition;
  const helm = definition.helm;
  if (!helm) return [];
  const dependencies = fleetDependencies(platform, definition, catalogue);
  const bundle = {
    name: `${platform.name}-${definition.name}-${names.chartDir}`,
    labels: { ...fleetBundleLabels(platform, definition), [names.labels.bundle]: names.chartDir },
    defaultNamespace: component.namespace,
    helm: { repo: helm.repoURL, chart: helm.chart, version: helm.version, releaseName: helm.releaseName, disablePreProcess: true },
    ...(dependencies.length > 0 && { dependsOn: dependencies }),
    correctDrift: { enabled: true },
    targetCustomizations: [
      ...component.clusters.map((cluster) => ({ ...fleetClusterTarget(cluster), helm: { values: component.helmValues?.[cluster.name] ?? {} } })),
      ...fleetExclusions(platform, definition),
    ],
  };
  return [{ path: `${chartBundleDir(definition.name)}/${names.fleetBundleFile}`, content: toYaml([bundle]) }];
}
