export { sampleTarget } from './sample-target.ts';
export { checkDags, type DagReport } from './check-dags.ts';
export { intendedOutcome, type RunOutcome, type StepExitCodes } from './pipeline-run.ts';
export { simulateAirflowRun, type AirflowRun, type AirflowTaskState } from './airflow-run.ts';
export { simulateArgoRun, type ArgoRun, type ArgoNodePhase } from './argo-run.ts';
export { randomPipelineSpecs } from './random-pipeline-spec.ts';
