import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { OutputFile } from '@millwright/manifests';

/**
 * Writes rendered files (`renderTree(...).files`) under `root`, so that `kubectl kustomize` can
 * build their overlays the way Argo CD and Fleet build the committed tree.
 */
export function writeRenderedTree(root: string, files: readonly OutputFile[]): void {
  for (const file of files) {
    const path = join(root, file.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, file.content);
  }
}
