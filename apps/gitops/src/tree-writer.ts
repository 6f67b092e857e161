import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync, type Dirent } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { formatImagePins, names, type ImagePins } from '@millwright/platform';
import type { OutputFile } from '@millwright/manifests';

function listFiles(root: string, dir: string): string[] {
  let entries: Dirent[];
  try {
    entries = readdirSync(join(root, dir), { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((entry) => {
    const path = `${dir}/${entry.name}`;
    return entry.isDirectory() ? listFiles(root, path) : [path];
  });
}

/** Every file under the generated roots (`k8s/`, `bootstrap/`, `fleet/`), repository-relative. */
export function listGeneratedFiles(root: string, ownedRoots: readonly string[] = names.ownedRoots): string[] {
  return ownedRoots.flatMap((owned) => listFiles(root, owned)).map((p) => p.split(sep).join('/')).sort();
}

/**
 * The one writer: replaces each generated root whole, so a component that was removed leaves no
 * orphaned file behind, then writes every rendered file.
 */
export function writeTree(root: string, files: readonly OutputFile[], ownedRoots: readonly string[] = names.ownedRoots): void {
  for (const file of files) {
    if (!ownedRoots.some((owned) => file.path.startsWith(`${owned}/`))) {
      throw new Error(`refusing to write ${file.path}: outside the generated roots ${ownedRoots.join(', ')}`);
    }
  }
  for (const owned of ownedRoots) rmSync(join(root, owned), { recursive: true, force: true });
  for (const file of files) {
    const target = join(root, file.path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, file.content);
  }
}

/**
 * Writes `platform.images.json` at the root: the promoted image pins `set-image` maintains. It is
 * an input of the render (beside `platform.config.ts`), not a generated root, so it is written
 * here, by the one writer, but never removed by `writeTree`.
 */
export function writeImagePins(root: string, pins: ImagePins): void {
  writeFileSync(join(root, names.imagePinsFile), formatImagePins(pins));
}

/** How the generated tree on disk differs from a fresh render. */
export interface TreeDrift {
  /** Files whose content differs: edited by hand, or stale. */
  readonly changed: string[];
  /** Rendered files that are not on disk. */
  readonly missing: string[];
  /** Files on disk under a generated root that the render does not produce. */
  readonly extra: string[];
}

/** Compares the generated roots on disk with a fresh render, byte for byte. */
export function diffTree(root: string, files: readonly OutputFile[], ownedRoots: readonly string[] = names.ownedRoots): TreeDrift {
  const onDisk = new Set(listGeneratedFiles(root, ownedRoots));
  const changed: string[] = [];
  const missing: string[] = [];
  for (const file of files) {
    if (!onDisk.has(file.path)) missing.push(file.path);
    else if (readFileSync(join(root, file.path), 'utf8') !== file.content) changed.push(file.path);
    onDisk.delete(file.path);
  }
  return { changed, missing, extra: [...onDisk].sort() };
}

/** `relative(root, path)` with forward slashes, for messages. */
export function displayPath(root: string, path: string): string {
  return relative(root, path).split(sep).join('/');
}
