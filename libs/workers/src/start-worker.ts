/**
 * Starts a worker thread from a module beside the caller, whether the caller runs from its
 * TypeScript sources (tsx, vitest) or from a bundle (the images run vite's output, where the
 * worker is a second entry point next to the main one).
 */
import { Worker } from 'node:worker_threads';

/**
 * The URL of the module `basename` beside `callerUrl`: `.ts` when the caller is TypeScript
 * source, `.js` when it is bundled.
 */
export function siblingModule(callerUrl: string, basename: string): URL {
  const extension = callerUrl.endsWith('.ts') ? 'ts' : 'js';
  return new URL(`./${basename}.${extension}`, callerUrl);
}

/**
 * Starts `entry` in a worker thread with `workerData`. Worker threads do not inherit tsx's module
 * hooks on Node 20, so a TypeScript entry starts through a bootstrap that registers them first;
 * it receives its data in `workerData` as usual.
 */
export function startWorker(entry: URL, workerData: Record<string, unknown>): Worker {
  if (!entry.pathname.endsWith('.ts')) return new Worker(entry, { workerData });
  return new Worker(new URL('./ts-worker-bootstrap.mjs', import.meta.url), { workerData: { ...workerData, entry: entry.href } });
}
