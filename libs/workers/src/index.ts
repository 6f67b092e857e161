export { siblingModule, startWorker } from './start-worker.ts';
