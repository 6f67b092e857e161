/**
 * The embedded database (PGlite, PostgreSQL compiled to WebAssembly) on a thread of its own: its
 * queries run in WebAssembly on the thread that calls them, and on the request thread they took
 * a third of the CPU under load. The request thread posts queries here (see
 * pglite-worker-client.ts) and carries on.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import type { PgliteWorkerData, WorkerReply, WorkerRequest } from './pglite-worker-client.ts';

const { dataDir } = workerData as PgliteWorkerData;
const db = dataDir === undefined ? new PGlite() : new PGlite(dataDir);
const port = parentPort!;

async function answer(request: WorkerRequest): Promise<WorkerReply> {
  if (request.kind === 'close') {
    await db.close();
    return { id: request.id, rows: [] };
  }
  const result = request.params === undefined ? (await db.exec(request.sql))[0] : await db.query(request.sql, request.params);
  return { id: request.id, rows: result?.rows ?? [] };
}

port.on('message', (request: WorkerRequest) => {
  answer(request).then(
    (reply) => {
      port.postMessage(reply);
      if (request.kind === 'close') port.close();
    },
    (error: unknown) => port.postMessage({ id: request.id, error: error instanceof Error ? error.message : String(error) } satisfies WorkerReply),
  );
});
