import type { ArtifactFile } from './model-registry.ts';

/**
 * One artifact root (a run's, or a model version's source) in some store: the MLflow artifact proxy,
 * an S3 bucket, or a local directory. Paths are relative to the root, POSIX separators, already checked
 * with `assertArtifactPath`.
 */
export interface ArtifactDirectory {
  /** Stores `bytes` at `path`, replacing any file there. */
  put(path: string, bytes: Uint8Array): Promise<void>;
  /** The file's bytes; RESOURCE_DOES_NOT_EXIST when there is no file at `path`. */
  get(path: string): Promise<Uint8Array>;
  /** Every file below the root, recursively, sorted by path. */
  list(): Promise<ArtifactFile[]>;
  /** Every file below the root with its bytes, keyed by path, in path order. */
  readAll(): Promise<Map<string, Uint8Array>>;
}

/** Sorts files by path, by code point so the order does not depend on the locale. */
export function sortByPath<T extends { readonly path: string }>(files: T[]): T[] {
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** Reads `paths` with at most `concurrency` reads in flight; the map keeps the order of `paths`. */
export async function readEach(paths: readonly string[], read: (path: string) => Promise<Uint8Array>, concurrency = 4): Promise<Map<string, Uint8Array>> {
  const results: Uint8Array[] = new Array<Uint8Array>(paths.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < paths.length) {
      const index = next;
      next += 1;
      results[index] = await read(paths[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, paths.length) }, worker));
  return new Map(paths.map((path, index) => [path, results[index]!]));
}
