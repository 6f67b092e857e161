import { beforeAll, describe, expect, it } from 'vitest';
import { catalogue, names, resolvePlatform } from '@millwright/platform';
import { sampleConfig } from '@millwright/platform/testing';
import { renderTree, type RenderedTree } from '@millwright/manifests';
import { validateBuilds, type BuildReport } from '../validate-builds.ts';
import { managementRollout, overlaysInSyncOrder } from './sync-order.ts';

describe('the order the clusters receive the hybrid sample in', () => {
  let tree: RenderedTree;
  let builds: BuildReport;

  beforeAll(async () => {
    tree = renderTree(resolvePlatform(sampleConfig('hybrid'), catalogue), catalogue);
    builds = await validateBuilds(tree.files);
  });

  it('puts a workload cluster\'s namespaces first, then the admission policies, then every later wave in order', () => {
    const overlays = overlaysInSyncOrder(tree.components, builds.built, 'core');
    expect(overlays.slice(0, 2).map((o) => o.component)).toEqual(['namespaces', 'admission-policies']);
    expect(overlays.map((o) => o.wave)).toEqual([...overlays.map((o) => o.wave)].sort((a, b) => a - b));
    expect(overlays.map((o) => o.dir).every((dir) => dir.endsWith(`/${names.overlaysDir}/core`))).toBe(true);
  });

  it('gives each cluster exactly its own overlays', () => {
    const built = [...builds.built.keys()];
    for (const cluster of ['edge-1', 'core']) {
      expect(overlaysInSyncOrder(tree.components, builds.built, cluster).map((o) => o.dir).sort()).toEqual(built.filter((dir) => dir.endsWith(`/${cluster}`)).sort());
    }
  });

  it('brings the root app first, then the projects before the Applications, each wave after the one before', () => {
    const rollout = managementRollout(tree.files);
    expect(rollout.root.map((o) => o.kind)).toEqual(['AppProject', 'Application']);
    const waves = rollout.children.map((o) => Number(o.metadata.annotations?.[names.annotations.syncWave]));
    expect(waves).toEqual([...waves].sort((a, b) => a - b));
    expect(rollout.children.findIndex((o) => o.kind === 'Application')).toBe(rollout.children.filter((o) => o.kind === 'AppProject').length);
    expect(rollout.argoCdConfigPatch.metadata.name).toBe('argocd-cm');
    expect(rollout.fleet.map((o) => o.kind).sort()).toEqual(['ClusterGroup', 'ClusterGroup', 'GitRepo']);
  });
});
