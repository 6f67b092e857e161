/**
 * A {@link SqlClient} whose PGlite database lives on a worker thread (pglite-worker.ts), so the
 * inference log's inserts never take the request thread's CPU. Queries are posted as messages;
 * when the worker dies every waiting and later query fails, which the inference log counts as
 * dropped rows, as it would for a PostgreSQL server that went away.
 */
import type { Worker } from 'node:worker_threads';
import { siblingModule, startWorker } from '@millwright/workers';
import type { SqlClient } from './inference-log.ts';

/** What the worker starts with: a data directory, or none for an in-memory database. */
export interface PgliteWorkerData {
  readonly dataDir?: string;
}

/** What the worker is asked to do. */
export type WorkerCommand = { readonly kind: 'query'; readonly sql: string; readonly params?: unknown[] } | { readonly kind: 'close' };

/** A message to the worker: a command and the id its reply carries. */
export type WorkerRequest = WorkerCommand & { readonly id: number };

/** The worker's answer to request `id`. */
export type WorkerReply = { readonly id: number; readonly rows: unknown[] } | { readonly id: number; readonly error: string };

interface Waiting {
  resolve(value: { rows: unknown[] }): void;
  reject(error: Error): void;
}

/** Starts the worker and returns the client; the worker opens the database on its first query. */
export function openPgliteInWorker(dataDir: string | undefined): SqlClient {
  const worker: Worker = startWorker(siblingModule(import.meta.url, 'pglite-worker'), dataDir === undefined ? {} : { dataDir });
  const waiting = new Map<number, Waiting>();
  let nextId = 0;
  let failure: Error | undefined;

  const failAll = (error: Error) => {
    failure ??= error;
    for (const entry of waiting.values()) entry.reject(failure);
    waiting.clear();
  };
  worker.on('message', (reply: WorkerReply) => {
    const entry = waiting.get(reply.id);
    if (entry === undefined) return;
    waiting.delete(reply.id);
    if ('error' in reply) entry.reject(new Error(reply.error));
    else entry.resolve({ rows: reply.rows });
  });
  worker.on('error', (error) => failAll(new Error(`the embedded database thread failed: ${error.message}`)));
  worker.on('exit', () => failAll(new Error('the embedded database thread has stopped')));

  const send = (command: WorkerCommand): Promise<{ rows: unknown[] }> => {
    if (failure !== undefined) return Promise.reject(failure);
    const id = nextId++;
    return new Promise((resolve, reject) => {
      waiting.set(id, { resolve, reject });
      worker.postMessage({ ...command, id } satisfies WorkerRequest);
    });
  };

  return {
    query: (sql, params) => send(params === undefined ? { kind: 'query', sql } : { kind: 'query', sql, params }),
    close: async () => {
      // A database that was opened is closed properly (PGlite flushes its files); one never used is just stopped.
      if (failure === undefined && nextId > 0) await send({ kind: 'close' }).catch(() => undefined);
      await worker.terminate();
    },
  };
}
