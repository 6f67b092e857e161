export { sampleTarget } from './sample-target.ts';
export { checkDags, type DagReport } from './check-dags.ts';
