// A worker for start-worker.test.ts: answers with its workerData, proving a TypeScript entry runs.
import { parentPort, workerData } from 'node:worker_threads';

const typed: { readonly greeting: string } = workerData as { greeting: string };
parentPort?.postMessage(`${typed.greeting}, from a TypeScript worker`);
