import type { KubeObject } from '@millwright/kube';
import { normaliseGraph, type StepGraph } from '../graph/step-graph.ts';
import { entrypointTemplate } from './render-argo.ts';

/** A task of an Argo DAG template, with the fields the graph and the run simulation read. */
export interface ArgoDagTask {
  readonly name: string;
  readonly template: string;
  readonly depends?: string;
  readonly dependencies?: readonly string[];
  readonly when?: string;
}

interface DagTemplate {
  readonly name: string;
  readonly dag?: { readonly tasks: readonly ArgoDagTask[] };
}

/** The task names an Argo `depends` expression refers to: `a && (b.Failed || !c.Skipped)` → a, b, c. */
export function dependsTasks(expression: string): string[] {
  return [...expression.matchAll(/([A-Za-z0-9][A-Za-z0-9-]*)(?:\.[A-Za-z]+)?/g)].map((match) => match[1]!);
}

/** The tasks of a WorkflowTemplate's entrypoint DAG. */
export function entrypointDagTasks(template: KubeObject): readonly ArgoDagTask[] {
  const spec = template['spec'] as { entrypoint: string; templates: readonly DagTemplate[] };
  const dag = spec.templates.find((t) => t.name === spec.entrypoint && t.name === entrypointTemplate)?.dag;
  if (!dag) throw new Error(`${template.metadata.name}: the entrypoint ${spec.entrypoint} is not a DAG template`);
  return dag.tasks;
}

/** The tasks a DAG task waits for: its `dependencies` and the tasks its `depends` expression names. */
export function upstreamTasks(task: ArgoDagTask): string[] {
  return [...(task.dependencies ?? []), ...(task.depends ? dependsTasks(task.depends) : [])];
}

/** The step graph an Argo WorkflowTemplate runs: the tasks of its entrypoint DAG and their dependencies. */
export function argoStepGraph(template: KubeObject): StepGraph {
  const tasks = entrypointDagTasks(template);
  return normaliseGraph(
    tasks.map((task) => task.name),
    tasks.flatMap((task) => upstreamTasks(task).map((upstream) => [upstream, task.name] as const)),
  );
}
