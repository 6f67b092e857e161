/**
 * A {@link SqlClient} whose PGlite database lives on a worker thread (pglite-worker.ts), so the
 * inference log's inserts never take the request thread's CPU. Queries are posted as messages;
 * when the worker dies every waiting and later query fails with the reason, naming the database's
 * directory, which the inference log reports and counts as dropped rows, as it would for a
 * PostgreSQL server that went away.
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

/** What a query returns: its rows, and how many rows an INSERT, UPDATE or DELETE changed. */
export interface QueryResult {
  readonly rows: unknown[];
  readonly affectedRows?: number;
}

/** The worker's answer to request `id`. */
export type WorkerReply = (QueryResult & { readonly id: number }) | { readonly id: number; readonly error: string };

interface Waiting {
  resolve(value: QueryResult): void;
  reject(error: Error): void;
}

/** Why every query fails from now on, and what to do about it. */
function stoppedMessage(dataDir: string | undefined, error: Error): string {
  if (dataDir === undefined) return `the in-memory embedded database has stopped: ${error.message}`;
  return `the embedded database at ${dataDir} could not be opened or has stopped: ${error.message}; make it a writable directory, or set DATABASE_URL (postgres://…, memory:// or off)`;
}

/** Starts the worker and returns the client; the worker opens the database (creating its directory) as it starts. */
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
    else entry.resolve({ rows: reply.rows, affectedRows: reply.affectedRows });
  });
  // The thread ends with an error when the database cannot be opened (see pglite-worker.ts) or crashes.
  worker.on('error', (error) => failAll(new Error(stoppedMessage(dataDir, error))));
  worker.on('exit', () => failAll(new Error('the embedded database thread has stopped')));

  const send = (command: WorkerCommand): Promise<QueryResult> => {
    if (failure !== undefined) return Promise.reject(failure);
    const id = nextId++;
    return new Promise((resolve, reject) => {
      waiting.set(id, { resolve, reject });
      worker.postMessage({ ...command, id } satisfies WorkerRequest);
    });
  };

  return {
    embedded: true,
    query: (sql, params) => send(params === undefined ? { kind: 'query', sql } : { kind: 'query', sql, params }),
    close: async () => {
      // A database that was opened is closed properly (PGlite flushes its files); one never used is just stopped.
      if (failure === undefined && nextId > 0) await send({ kind: 'close' }).catch(() => undefined);
      await worker.terminate();
    },
  };
}
