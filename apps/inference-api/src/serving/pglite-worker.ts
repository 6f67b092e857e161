/**
 * The embedded database (PGlite, PostgreSQL compiled to WebAssembly) on a thread of its own: its
 * queries run in WebAssembly on the thread that calls them, and on the request thread they took
 * a third of the CPU under load. The request thread posts queries here (see
 * pglite-worker-client.ts) and carries on.
 */
import { mkdirSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import type { PgliteWorkerData, WorkerReply, WorkerRequest } from './pglite-worker-client.ts';

/** What was thrown, as text: PGlite's file system throws plain objects (`{name: 'ErrnoError', errno}`), not Errors. */
function describeThrown(thrown: unknown): string {
  if (thrown instanceof Error) return thrown.message;
  return typeof thrown === 'object' && thrown !== null ? JSON.stringify(thrown) : String(thrown);
}

/**
 * Opens the database, creating its directory and the missing ones above it: PGlite creates only
 * the last one, so on a fresh MILLWRIGHT_HOME it failed and every row was dropped (issue 14).
 * A failure ends the thread; the client reports it with the directory.
 */
async function openDatabase(dataDir: string | undefined): Promise<PGlite> {
  try {
    if (dataDir === undefined) return await PGlite.create();
    mkdirSync(dataDir, { recursive: true });
    return await PGlite.create(dataDir);
  } catch (error) {
    throw new Error(describeThrown(error), { cause: error });
  }
}

const { dataDir } = workerData as PgliteWorkerData;
const port = parentPort!;
// Requests posted meanwhile wait in the port until the listener below starts it.
const db = await openDatabase(dataDir);

async function answer(request: WorkerRequest): Promise<WorkerReply> {
  if (request.kind === 'close') {
    await db.close();
    return { id: request.id, rows: [] };
  }
  const result = request.params === undefined ? (await db.exec(request.sql))[0] : await db.query(request.sql, request.params);
  return { id: request.id, rows: result?.rows ?? [], affectedRows: result?.affectedRows };
}

port.on('message', (request: WorkerRequest) => {
  answer(request).then(
    (reply) => {
      port.postMessage(reply);
      if (request.kind === 'close') port.close();
    },
    (error: unknown) => port.postMessage({ id: request.id, error: describeThrown(error) } satisfies WorkerReply),
  );
});
