import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { names, overlayDir, type KubeObject } from '@millwright/kube';
import { systemProgram } from '@millwright/test-servers';
import { parseKubeObjects } from './parse-kube-objects.ts';

const run = promisify(execFile);

export interface BuildClusterObjectsOptions {
  /** Builds run at once; each is a process. @default 4 */
  readonly concurrency?: number;
}

/** `k8s/<component>/overlays/<cluster>` of every component the cluster runs, relative to `root`, by component name. */
export function clusterOverlayDirs(root: string, cluster: string): string[] {
  const k8s = join(root, names.k8sRoot);
  if (!existsSync(k8s)) throw new Error(`${k8s} does not exist: pass the root of a rendered tree (the directory holding ${names.k8sRoot}/)`);
  return readdirSync(k8s)
    .sort()
    .map((component) => overlayDir(component, cluster))
    .filter((dir) => existsSync(join(root, dir, names.kustomizationFile)));
}

async function buildOverlay(root: string, dir: string): Promise<KubeObject[]> {
  try {
    // kubectl's embedded kustomize builds offline.
    const { stdout } = await run(systemProgram('kubectl'), ['kustomize', join(root, dir)], { maxBuffer: 64 * 1024 * 1024 });
    return parseKubeObjects(stdout, dir);
  } catch (error) {
    const failure = error as { stderr?: string; message: string };
    throw new Error(`kubectl kustomize ${dir} failed: ${(failure.stderr || failure.message).trim()}`, { cause: error });
  }
}

/**
 * Every object Argo CD or Fleet would apply to `cluster`: each component's overlay for it, built
 * with `kubectl kustomize`, in component order. `root` is the directory holding `k8s/` (the
 * repository, or where `writeRenderedTree` put a rendered tree). Charts are not rendered: the
 * objects a component's Helm chart makes are not among them.
 * @throws Error naming the overlay that fails to build or parse, or when the cluster has no overlay
 */
export async function buildClusterObjects(root: string, cluster: string, options: BuildClusterObjectsOptions = {}): Promise<KubeObject[]> {
  const dirs = clusterOverlayDirs(root, cluster);
  if (dirs.length === 0) throw new Error(`no overlay for cluster "${cluster}" under ${join(root, names.k8sRoot)} (k8s/<component>/overlays/${cluster})`);
  const concurrency = options.concurrency ?? 4;
  const built: KubeObject[][] = new Array<KubeObject[]>(dirs.length);
  let next = 0;
  const worker = async () => {
    while (next < dirs.length) {
      const index = next;
      next += 1;
      built[index] = await buildOverlay(root, dirs[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, dirs.length) }, worker));
  return built.flat();
}
