// Runs one trial of the search in a worker thread: the search spreads its trials over the
// machine's cores (docs/toolchain.md, "Training trees in JavaScript").
import { parentPort, workerData } from 'node:worker_threads';
import { runCandidate } from '@millwright/ml';
import type { CandidateJob } from './parallel-search.ts';

const job = workerData as CandidateJob;
const outcome = runCandidate(job.train, job.validation, job.plan, job.index, { seed: job.seed, metric: job.metric });
parentPort?.postMessage(outcome);
