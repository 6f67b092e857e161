import type { KubeObject } from '@millwright/kube';
import { dagFilePath, renderAirflowDag } from './airflow/render-airflow-dag.ts';
import { renderArgoPipeline } from './argo/render-argo.ts';
import type { PipelineTarget } from './pipeline-target.ts';
import type { PipelineSpec } from './spec/pipeline-spec.ts';
import { validatePipelines } from './spec/validate-pipeline.ts';

/** A generated file: a repository-relative path and its text (the shape of the manifests' OutputFile). */
export interface PipelineFile {
  readonly path: string;
  readonly content: string;
}

/**
 * Every pipeline as an Airflow DAG file under `dagsRoot`. Validates all specs first and throws
 * a PipelineSpecError naming the spec file and step when one is wrong, so a bad spec fails the
 * render before anything is written. Pure.
 */
export function renderDagFiles(specs: readonly PipelineSpec[], target: PipelineTarget, dagsRoot: string): PipelineFile[] {
  validatePipelines(specs);
  return specs.map((spec) => ({ path: dagFilePath(spec, dagsRoot), content: renderAirflowDag(spec, target) }));
}

/** Every pipeline as Argo Workflows objects (WorkflowTemplates, CronWorkflows), validated first like {@link renderDagFiles}. Pure. */
export function renderArgoObjects(specs: readonly PipelineSpec[], target: PipelineTarget): KubeObject[] {
  validatePipelines(specs);
  return specs.flatMap((spec) => renderArgoPipeline(spec, target));
}
