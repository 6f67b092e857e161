import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { inTurns } from './in-turns.ts';

const run = promisify(execFile);

/** The result of one `kubectl kustomize` build. */
export interface KustomizeResult {
  readonly dir: string;
  readonly output?: string;
  readonly error?: string;
}

/** Builds one kustomization directory with the kustomize embedded in kubectl (offline). */
export async function kustomizeBuild(dir: string): Promise<KustomizeResult> {
  try {
    const { stdout } = await run('kubectl', ['kustomize', dir], { maxBuffer: 64 * 1024 * 1024 });
    return { dir, output: stdout };
  } catch (error) {
    const failure = error as { code?: string; stderr?: string; message: string };
    if (failure.code === 'ENOENT') return { dir, error: 'kubectl is not installed (npm test installs prerequisites; see README)' };
    return { dir, error: (failure.stderr || failure.message).trim() };
  }
}

/** Builds many directories, a few at a time (each build is a process). */
export function kustomizeBuildAll(dirs: readonly string[], concurrency = 4): Promise<KustomizeResult[]> {
  return inTurns(dirs, kustomizeBuild, concurrency);
}
