import type { PlatformConfig } from '../config/config-schema.ts';
import type { Topology } from '../model/types.ts';

/**
 * A valid config for each topology, the shape tests start from: one edge (arm64) and one cloud
 * (amd64) cluster for hybrid, one cluster of the single role otherwise.
 */
export function sampleConfig(topology: Topology): PlatformConfig {
  const edge = { name: 'edge-1', role: 'edge', arch: 'arm64', labels: { site: 'plant-a' }, argocd: { name: 'edge-1' } } as const;
  const cloud = { name: 'core', role: 'cloud', arch: 'amd64', argocd: { server: 'https://kubernetes.default.svc' } } as const;
  const clusters = topology === 'hybrid' ? [edge, cloud] : topology === 'edge-only' ? [edge] : [cloud];
  return {
    name: 'millwright',
    domain: 'factory.example.com',
    git: { repoURL: 'https://github.com/example/millwright.git', revision: 'main' },
    topology,
    clusters: clusters.map((c) => ({ ...c, labels: 'labels' in c ? { ...c.labels } : undefined, argocd: { ...c.argocd } })),
  };
}

export const allTopologies: readonly Topology[] = ['edge-only', 'hybrid', 'cloud-only'];

/** The components that are off unless the config enables them. */
export const optionalComponents: readonly string[] = ['seldon-core', 'jupyter', 'metallb'];

/** A documentation range (RFC 5737) per sample cluster, for MetalLB's address pools. */
export const sampleAddresses: Readonly<Record<string, readonly string[]>> = {
  'edge-1': ['192.0.2.240-192.0.2.250'],
  core: ['198.51.100.0/28'],
};

/** The sample config of a topology with every optional component enabled (MetalLB with a pool per cluster). */
export function sampleConfigWithOptionals(topology: Topology): PlatformConfig {
  const config = sampleConfig(topology);
  const addresses = Object.fromEntries(config.clusters.map((cluster) => [cluster.name, [...(sampleAddresses[cluster.name] ?? [])]]));
  const settings = (name: string) => (name === 'metallb' ? { enabled: true, addresses } : { enabled: true });
  return { ...config, components: Object.fromEntries(optionalComponents.map((name) => [name, settings(name)])) };
}
