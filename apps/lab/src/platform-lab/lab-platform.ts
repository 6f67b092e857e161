/**
 * The platform the lab runs: the repository's platform.config.ts, in the topology asked for. In
 * the config's own topology the lab reads the committed tree (k8s/, which `npm run check` keeps
 * equal to a fresh render); in another topology it renders the same config with that topology
 * and only the clusters of the roles it has, as the user would after editing the one file.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { catalogue, resolvePlatform, type Platform, type PlatformConfig, type Topology } from '@millwright/platform';

export const topologies: readonly Topology[] = ['edge-only', 'hybrid', 'cloud-only'];

/** `--topology`'s value, refused with the accepted ones unless it is a topology; undefined stays undefined. */
export function parseTopology(value: string | undefined): Topology | undefined {
  if (value === undefined) return undefined;
  if (!(topologies as readonly string[]).includes(value)) throw new Error(`--topology ${JSON.stringify(value)}: must be one of ${topologies.join(', ')}`);
  return value as Topology;
}

/** Which cluster roles a topology has. */
export function rolesOf(topology: Topology): readonly ('edge' | 'cloud')[] {
  return topology === 'hybrid' ? ['edge', 'cloud'] : topology === 'edge-only' ? ['edge'] : ['cloud'];
}

/** The config as it would read in `topology`: the same settings, the clusters of its roles. */
export function configInTopology(config: PlatformConfig, topology: Topology): PlatformConfig {
  if (config.topology === topology) return config;
  const roles: readonly string[] = rolesOf(topology);
  const clusters = config.clusters.filter((cluster) => roles.includes(cluster.role));
  const missing = roles.filter((role) => !clusters.some((cluster) => cluster.role === role));
  if (missing.length > 0) throw new Error(`platform.config.ts has no ${missing.join(' or ')} cluster, which the ${topology} topology needs`);
  return { ...config, topology, clusters } as PlatformConfig;
}

export interface LabPlatform {
  readonly platform: Platform;
  /** True when the committed tree (k8s/) is this platform's render. */
  readonly committedTree: boolean;
}

/** Loads `<root>/platform.config.ts` in `topology` (its own when unset). */
export async function loadLabPlatform(workspaceRoot: string, topology?: Topology): Promise<LabPlatform> {
  const configPath = join(workspaceRoot, 'platform.config.ts');
  if (!existsSync(configPath)) throw new Error(`${configPath}: no such file; run the lab from the repository root`);
  const module = (await import(pathToFileURL(configPath).href)) as { default?: PlatformConfig };
  if (!module.default) throw new Error('platform.config.ts has no default export');
  const wanted = topology ?? module.default.topology;
  const config = configInTopology(module.default, wanted);
  return { platform: resolvePlatform(config, catalogue, 'platform.config.ts'), committedTree: config === module.default };
}
