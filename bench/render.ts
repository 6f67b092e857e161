import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { catalogue } from '@millwright/platform';
import { renderTree, validateRenderedTree } from '@millwright/manifests';
import { kustomizeBuildAll } from '../apps/gitops/src/kustomize.ts';
import { overlayDirs, validateBuilds } from '../apps/gitops/src/validate-builds.ts';
import { loadPlatform } from '../apps/gitops/src/load-platform.ts';
import { median, ms, timeRuns } from './stats.ts';

const runs = 5;
const targetMs = 5000;

/**
 * Render + validate time for the platform in platform.config.ts: the pure render, the in-memory
 * validation, the kustomize builds of every overlay; beside a baseline measured in the same run:
 * building the same number of trivial kustomizations (the kubectl process floor).
 */
export async function benchRender(root: string): Promise<void> {
  const platform = await loadPlatform(join(root, 'platform.config.ts'));
  const render = await timeRuns(runs, () => renderTree(platform, catalogue));
  const { files } = renderTree(platform, catalogue);
  const validate = await timeRuns(runs, () => validateRenderedTree(files));
  const builds = await timeRuns(runs, () => validateBuilds(files));
  const total = render.map((r, i) => r + validate[i]! + builds[i]!);

  const overlays = overlayDirs(files).length;
  const scratch = mkdtempSync(join(tmpdir(), 'millwright-bench-'));
  try {
    const trivial = Array.from({ length: overlays }, (_, i) => {
      const dir = join(scratch, `k${i}`);
      mkdirSync(dir);
      writeFileSync(join(dir, 'kustomization.yaml'), 'configMapGenerator:\n  - name: floor\n    literals: [a=b]\n');
      return dir;
    });
    const floor = await timeRuns(runs, () => kustomizeBuildAll(trivial));
    const totalMedian = median(total);
    console.log(`render benchmark: ${files.length} files, ${overlays} overlays, topology ${platform.topology}, ${runs} runs (medians)`);
    console.log(`  render (pure)              ${ms(median(render))}`);
    console.log(`  validate in memory         ${ms(median(validate))}`);
    console.log(`  kustomize build + validate ${ms(median(builds))}`);
    console.log(`  total                      ${ms(totalMedian)}  (target < ${ms(targetMs)}: ${(totalMedian / targetMs).toFixed(2)}x of target)`);
    console.log(`  baseline: ${overlays} trivial kustomize builds ${ms(median(floor))}; total/baseline = ${(totalMedian / median(floor)).toFixed(2)}x`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
