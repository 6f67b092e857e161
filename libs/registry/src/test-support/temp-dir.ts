import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh directory under the system temp directory, and how to remove it with everything in it. */
export interface TempDir {
  readonly path: string;
  remove(): Promise<void>;
}

/** Creates a {@link TempDir} named `millwright-<prefix>-XXXXXX`. */
export async function makeTempDir(prefix: string): Promise<TempDir> {
  const path = await mkdtemp(join(tmpdir(), `millwright-${prefix}-`));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}
