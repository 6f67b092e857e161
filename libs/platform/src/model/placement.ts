import type { Cluster, ClusterRole, ComponentDefinition, Platform } from './types.ts';

/** The cluster roles an enabled component runs on under the platform's topology. */
export function placedRoles(platform: Platform, component: ComponentDefinition): readonly ClusterRole[] {
  if (!platform.components[component.name]?.enabled) return [];
  return component.placement[platform.topology];
}

/** True when the component is enabled and runs on at least one role under the topology. */
export function isDeployed(platform: Platform, component: ComponentDefinition): boolean {
  return placedRoles(platform, component).length > 0;
}

/** The clusters that run the component. */
export function clustersFor(platform: Platform, component: ComponentDefinition): readonly Cluster[] {
  const roles = placedRoles(platform, component);
  return platform.clusters.filter((cluster) => roles.includes(cluster.role));
}

/**
 * True when `target` runs on every role `source` runs on, so `source` always finds it in its own
 * cluster; otherwise `source` reaches it across clusters.
 */
export function isColocated(platform: Platform, source: ComponentDefinition, target: ComponentDefinition): boolean {
  const targetRoles = placedRoles(platform, target);
  const sourceRoles = placedRoles(platform, source);
  return sourceRoles.length > 0 && sourceRoles.every((role) => targetRoles.includes(role));
}

/** The same placement under every topology: on edge and cloud alike, wherever clusters exist. */
export const everywhere = {
  'edge-only': ['edge'],
  hybrid: ['edge', 'cloud'],
  'cloud-only': ['cloud'],
} as const satisfies ComponentDefinition['placement'];

/** On the edge when there is an edge, else in the cloud (serving close to the machines). */
export const edgeFirst = {
  'edge-only': ['edge'],
  hybrid: ['edge'],
  'cloud-only': ['cloud'],
} as const satisfies ComponentDefinition['placement'];

/** In the cloud when there is a cloud, else on the edge (stores, registry, training). */
export const cloudFirst = {
  'edge-only': ['edge'],
  hybrid: ['cloud'],
  'cloud-only': ['cloud'],
} as const satisfies ComponentDefinition['placement'];
