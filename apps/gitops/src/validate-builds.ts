import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { names, type KubeObject } from '@millwright/platform';
import { kustomizationDirs, parseYamlFile, validateObject, type OutputFile, type TreeProblem } from '@millwright/manifests';
import { kustomizeBuildAll } from './kustomize.ts';
import { writeTree } from './tree-writer.ts';

/** The directories Argo CD and Fleet deploy from: every overlay of every bundle. */
export function overlayDirs(files: readonly OutputFile[]): string[] {
  return [...kustomizationDirs(files)].filter((dir) => dir.includes(`/${names.overlaysDir}/`)).sort();
}

/** The outcome of building every overlay: problems, and the objects each overlay produced. */
export interface BuildReport {
  readonly problems: TreeProblem[];
  readonly built: ReadonlyMap<string, readonly KubeObject[]>;
}

/**
 * Writes the rendered tree to a temporary directory, builds every overlay with `kubectl
 * kustomize`, and validates every object the builds produce (patches included).
 */
export async function validateBuilds(files: readonly OutputFile[], concurrency = 4): Promise<BuildReport> {
  const scratch = mkdtempSync(join(tmpdir(), 'millwright-render-'));
  try {
    writeTree(scratch, files);
    const dirs = overlayDirs(files);
    const results = await kustomizeBuildAll(
      dirs.map((dir) => join(scratch, dir)),
      concurrency,
    );
    const problems: TreeProblem[] = [];
    const built = new Map<string, KubeObject[]>();
    results.forEach((result, index) => {
      const dir = dirs[index]!;
      if (result.error !== undefined) {
        problems.push({ file: `${dir}/${names.kustomizationFile}`, message: `kubectl kustomize failed: ${result.error}` });
        return;
      }
      const parsed = parseYamlFile({ path: dir, content: result.output ?? '' });
      problems.push(...parsed.problems);
      const objects = parsed.documents as KubeObject[];
      built.set(dir, objects);
      for (const object of objects) {
        for (const message of validateObject(object)) problems.push({ file: `${dir} (built)`, message });
      }
    });
    return { problems, built };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
