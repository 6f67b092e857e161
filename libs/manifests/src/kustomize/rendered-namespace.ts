import type { KubeObject, ResolvedComponent } from '@millwright/platform';
import { overlayLabels } from './render-overlay.ts';

/**
 * Every Namespace the `namespaces` component deploys on `cluster`, as Argo CD or Fleet would
 * apply it: the component's object with the labels its kustomize overlay adds to everything.
 * Whoever creates a namespace before the first sync (the secrets script, the Day 0 program)
 * creates exactly this one, so the sync that follows finds nothing to change.
 */
export function renderedNamespaces(components: readonly ResolvedComponent[], cluster: string): KubeObject[] {
  const component = components.find((c) => c.definition.name === 'namespaces' && c.clusters.some((placed) => placed.name === cluster));
  const objects = [...(component?.objects ?? []), ...(component?.clusterObjects[cluster] ?? [])];
  return objects
    .filter((object) => object.kind === 'Namespace')
    .map((found) => ({ ...found, metadata: { ...found.metadata, labels: { ...found.metadata.labels, ...overlayLabels(cluster) } } }));
}

/** One Namespace as {@link renderedNamespaces} gives it; throws, naming both, when the namespaces component does not render it on `cluster`. */
export function renderedNamespace(components: readonly ResolvedComponent[], cluster: string, namespace: string): KubeObject {
  const found = renderedNamespaces(components, cluster).find((object) => object.metadata.name === namespace);
  if (!found) throw new Error(`cluster ${cluster} needs Secrets in namespace ${namespace}, which the namespaces component does not render there`);
  return found;
}
