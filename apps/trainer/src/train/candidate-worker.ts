// Runs one hyperparameter candidate in a worker thread: the search spreads its candidates over
// the machine's cores (docs/toolchain.md, "Training trees in JavaScript": a 20k-row search fits
// 60 s only on 2 threads).
import { parentPort, workerData } from 'node:worker_threads';
import { runCandidate } from '@millwright/ml';
import type { CandidateJob } from './parallel-search.ts';

const job = workerData as CandidateJob;
const outcome = runCandidate(job.train, job.validation, job.grid, job.index, { seed: job.seed, metric: job.metric });
parentPort?.postMessage(outcome);
