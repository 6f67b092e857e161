// Worker threads do not inherit tsx's module hooks on Node 20, so a worker started from the
// TypeScript sources registers them itself before importing its real entry point
// (start-worker.ts passes the entry in workerData).
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
