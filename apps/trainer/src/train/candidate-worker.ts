// A lane of the search in a worker thread: it receives the data and the plan once, then trains
// and scores each trial whose index it is sent (docs/toolchain.md, "Training trees in JavaScript").
// Starting a worker and copying 14,000 rows into it took about 1 s, three times a boosted trial,
// so a lane keeps its worker for all its trials (issue 17).
import { parentPort, workerData } from 'node:worker_threads';
import { runCandidate } from '@millwright/ml';
import type { SearchWorkerData } from './parallel-search.ts';

const data = workerData as SearchWorkerData;
parentPort?.on('message', (index: number) => {
  parentPort?.postMessage(runCandidate(data.train, data.validation, data.plan, index, { seed: data.seed, metric: data.metric }));
});
