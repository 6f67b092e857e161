import { names } from '@millwright/platform';

/**
 * The upstream Argo CD Helm chart Day 0 installs, pinned. 10.3.3 ships Argo CD v3.5.1, the
 * release whose Application and AppProject CRDs the cluster tests apply the rendered tree
 * against (libs/test-servers/fixtures/crds/README.md); move both together.
 */
export const argoCdChart = {
  repoURL: 'https://argoproj.github.io/argo-helm',
  chart: 'argo-cd',
  version: '10.3.3',
  appVersion: 'v3.5.1',
  /** With the chart's `nameOverride` of `argocd`, this release name keeps upstream's object names (`argocd-server`, `argocd-cm`). */
  releaseName: 'argocd',
} as const;

/** The in-cluster address of Argo CD's API and UI, as the chart names its Service. */
export const argoCdServerService = `${argoCdChart.releaseName}-server.${names.argoCdNamespace}.svc`;

/**
 * The chart's values: the `argocd-cm` entries of the rendered patch (`bootstrap/argocd-cm-patch.yaml`,
 * the Application health check that makes sync waves wait) go in through `configs.cm`, which the
 * chart merges into the `argocd-cm` it owns. A patch applied beside the chart would be undone by
 * the next `helm upgrade`; as a value it survives upgrades.
 */
export function argoCdValues(argoCdConfigData: Readonly<Record<string, string>>): Record<string, unknown> {
  return { configs: { cm: { ...argoCdConfigData } } };
}
