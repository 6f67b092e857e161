// The program's entry as Pulumi runs it: the stack config and the repository's own
// platform.config.ts in, the stack outputs (or the config problems) out.
import { afterEach, describe, expect, it } from 'vitest';
import * as pulumi from '@pulumi/pulumi';
import day0 from './main.ts';
import { installMocks, outputLeaves } from './test-support/mock-run.ts';

const project = 'millwright-day0';

/** Sets the stack config as `pulumi config set` would store it: objects as JSON, with the keys set with --secret listed. */
function setStackConfig(config: Record<string, unknown>, secretKeys: readonly string[] = []): void {
  const entries = Object.entries(config).map(([key, value]) => [`${project}:${key}`, typeof value === 'string' ? value : JSON.stringify(value)]);
  pulumi.runtime.setAllConfig(Object.fromEntries(entries), secretKeys.map((key) => `${project}:${key}`));
}

const repositoryClusters = { 'edge-line-1': { context: 'k3s-edge', server: 'https://192.0.2.10:6443' }, core: { context: 'k3s-core' } };

describe('the Day 0 program (main.ts)', () => {
  afterEach(() => pulumi.runtime.setAllConfig({}, []));

  it("prepares the clusters of the repository's platform.config.ts and says what it created on each", async () => {
    await installMocks();
    setStackConfig({ engine: 'argocd', managementContext: 'k3s-core', clusters: repositoryClusters, shared: { 'ui-api-user': 'operator-ui' } }, ['shared']);
    const leaves = await outputLeaves(await day0());
    const value = (path: string) => leaves.find((leaf) => leaf.path === path)?.value;
    expect(value('engine')).toBe('argocd');
    expect(value('management.rootApplication')).toBe('argocd/millwright');
    expect(value('clusters.edge-line-1.argoCdClusterSecret')).toBe('argocd/cluster-edge-line-1');
    expect(leaves.filter((leaf) => leaf.path.startsWith('clusters.core.secrets[')).map((leaf) => leaf.value)).toContain('millwright-it/postgres-credentials');
    expect(leaves.find((leaf) => leaf.path === 'sharedValues.ui-api-user')).toEqual({ path: 'sharedValues.ui-api-user', value: 'operator-ui', secret: true });
  });

  it('stops on a config problem with its message alone, as a RunError (no stack trace)', async () => {
    await installMocks();
    setStackConfig({ engine: 'flux', managementContext: 'k3s-core', clusters: repositoryClusters });
    const failure = await day0().then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(pulumi.RunError.isInstance(failure)).toBe(true);
    expect((failure as Error).message).toBe('Pulumi stack config (Pulumi.<stack>.yaml): 1 problem\n  engine: must be argocd or fleet, got "flux": pulumi config set engine argocd');
  });

  it('refuses Secret values that were set without --secret', async () => {
    await installMocks();
    setStackConfig({ engine: 'fleet', managementContext: 'rancher', clusters: repositoryClusters, values: { core: { 'millwright-it': { 'minio-credentials': { 'root-user': 'admin' } } } } });
    await expect(day0()).rejects.toThrow('values: holds Secret values in plain text: remove it (pulumi config rm values) and set each value again with --secret');
  });

  it('names a platformConfig that does not exist and how to set it', async () => {
    await installMocks();
    setStackConfig({ engine: 'argocd', managementContext: 'k3s-core', clusters: repositoryClusters, platformConfig: 'no/such/platform.config.ts' });
    await expect(day0()).rejects.toThrow(/^platformConfig: \/.*\/no\/such\/platform\.config\.ts does not exist; set it with pulumi config set platformConfig <path to platform\.config\.ts>$/);
  });
});
