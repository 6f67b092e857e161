import type { PipelineSpec } from '../spec/pipeline-spec.ts';
import { driftMonitor } from './drift-monitor.ts';
import { training } from './training.ts';

/** The platform's pipelines: each is rendered to `dags/<id>.py` and to Argo Workflows objects. Add a new one here. */
export const pipelines: readonly PipelineSpec[] = [training, driftMonitor];
