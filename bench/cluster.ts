import { join } from 'node:path';
import { catalogue, type KubeObject } from '@millwright/platform';
import { renderTree } from '@millwright/manifests';
import { startKubeControlPlane, upstreamCrdsFor, type KubeControlPlane } from '@millwright/test-servers';
import { loadPlatform } from '../apps/gitops/src/load-platform.ts';
import { manifestStream, overlaysInSyncOrder } from '../apps/gitops/src/test-support/sync-order.ts';
import { validateBuilds } from '../apps/gitops/src/validate-builds.ts';
import { median, timeRuns } from './stats.ts';

/** Re-applies after the first apply (which creates); their median is the steady figure. */
const reapplies = 4;

const seconds = (milliseconds: number) => `${(milliseconds / 1000).toFixed(2)} s`;

/** Server-side applies each batch with its own kubectl, in order; throws on any refusal. */
async function applyBatches(plane: KubeControlPlane, batches: readonly (readonly KubeObject[])[]): Promise<void> {
  for (const batch of batches) {
    const result = await plane.apply(manifestStream(batch));
    if (result.exitCode !== 0) throw new Error(`the API server refused an object: ${result.stderr.trim()}`);
  }
}

/** Trivial ConfigMaps in batches of the same sizes as `batches`: the same objects and kubectl runs, nothing to admit. */
function trivialConfigMaps(batches: readonly (readonly KubeObject[])[], namespace: string): KubeObject[][] {
  let next = 0;
  return batches.map((batch) =>
    batch.map((): KubeObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `floor-${next++}`, namespace }, data: { key: 'value' } })),
  );
}

/**
 * Time to apply the whole tree of platform.config.ts to a warm API server (envtest assets: the
 * server is up and the CRDs are in before the clock starts): every overlay of every cluster,
 * server-side, in sync-wave order, one kubectl per overlay, as in the cluster tests; the first
 * apply creates everything, the re-applies are what a delivery engine's resync sends. Beside it,
 * in the same run: as many trivial ConfigMaps in as many applies, the API server's floor.
 */
export async function benchCluster(root: string): Promise<void> {
  const platform = await loadPlatform(join(root, 'platform.config.ts'));
  const { files, components } = renderTree(platform, catalogue);
  const { built } = await validateBuilds(files);
  const perCluster = platform.clusters.map((cluster) => ({ cluster: cluster.name, overlays: overlaysInSyncOrder(components, built, cluster.name) }));
  const batches = perCluster.flatMap(({ overlays }) => overlays.map((overlay) => overlay.objects));
  const objects = batches.flat();
  const floorNamespace = 'bench-floor';
  const floorBatches = trivialConfigMaps(batches, floorNamespace);

  const plane = await startKubeControlPlane();
  try {
    await plane.installCrds(upstreamCrdsFor(objects));
    await applyBatches(plane, [[{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: floorNamespace } }]]);

    const [treeCreate] = await timeRuns(1, () => applyBatches(plane, batches));
    const [floorCreate] = await timeRuns(1, () => applyBatches(plane, floorBatches));
    // Taken in turns, so a load that comes and goes on a shared machine weighs on both alike.
    const treeReapply: number[] = [];
    const floorReapply: number[] = [];
    for (let run = 0; run < reapplies; run++) {
      treeReapply.push(...(await timeRuns(1, () => applyBatches(plane, batches))));
      floorReapply.push(...(await timeRuns(1, () => applyBatches(plane, floorBatches))));
    }

    const clusters = perCluster.map(({ cluster, overlays }) => `${cluster} ${overlays.reduce((sum, o) => sum + o.objects.length, 0)}`).join(', ');
    console.log(`cluster benchmark: ${objects.length} objects (${clusters}) in ${batches.length} server-side applies, warm API server (envtest), 1 create + ${reapplies} re-applies (medians)`);
    console.log(`  tree, first apply (creates)         ${seconds(treeCreate!)}`);
    console.log(`  tree, re-apply                      ${seconds(median(treeReapply))}`);
    console.log(`  baseline: ${objects.length} trivial ConfigMaps, same batches: create ${seconds(floorCreate!)}, re-apply ${seconds(median(floorReapply))}`);
    console.log(`  tree/baseline = ${(treeCreate! / floorCreate!).toFixed(2)}x (create), ${(median(treeReapply) / median(floorReapply)).toFixed(2)}x (re-apply)`);
  } finally {
    await plane.destroy();
  }
}
