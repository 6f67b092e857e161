import type { KubeObject } from '@millwright/kube';
import { normaliseGraph, type StepGraph } from '../graph/step-graph.ts';
import { entrypointTemplate } from './render-argo.ts';

interface DagTemplate {
  readonly name: string;
  readonly dag?: { readonly tasks: readonly { readonly name: string; readonly depends?: string; readonly dependencies?: readonly string[] }[] };
}

/** The task names an Argo `depends` expression refers to: `a && (b.Failed || !c.Skipped)` → a, b, c. */
export function dependsTasks(expression: string): string[] {
  return [...expression.matchAll(/([A-Za-z0-9][A-Za-z0-9-]*)(?:\.[A-Za-z]+)?/g)].map((match) => match[1]!);
}

/** The step graph an Argo WorkflowTemplate runs: the tasks of its entrypoint DAG and their dependencies. */
export function argoStepGraph(template: KubeObject): StepGraph {
  const spec = template['spec'] as { entrypoint: string; templates: readonly DagTemplate[] };
  const dag = spec.templates.find((t) => t.name === spec.entrypoint && t.name === entrypointTemplate)?.dag;
  if (!dag) throw new Error(`${template.metadata.name}: the entrypoint ${spec.entrypoint} is not a DAG template`);
  return normaliseGraph(
    dag.tasks.map((task) => task.name),
    dag.tasks.flatMap((task) => [...(task.dependencies ?? []), ...(task.depends ? dependsTasks(task.depends) : [])].map((upstream) => [upstream, task.name] as const)),
  );
}
