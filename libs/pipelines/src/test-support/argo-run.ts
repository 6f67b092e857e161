import { parse } from 'yaml';
import type { KubeObject } from '@millwright/kube';
import { entrypointDagTasks, upstreamTasks, type ArgoDagTask } from '../argo/argo-graph.ts';
import { dependencyOrder, type RunOutcome, type StepExitCodes } from './pipeline-run.ts';

/** The final phases a DAG task's node can reach in our workflows (NodePhase in Argo's workflow types). */
export type ArgoNodePhase = 'Succeeded' | 'Failed' | 'Skipped' | 'Omitted';

/** A simulated workflow: its outcome and every task node's final phase. */
export interface ArgoRun extends RunOutcome {
  readonly nodes: Readonly<Record<string, ArgoNodePhase>>;
}

interface StepTemplate {
  readonly name: string;
  readonly container?: unknown;
  readonly resource?: { readonly manifest: string };
}

/** What `a` and `a.<Result>` mean in a `depends` expression, for a finished task (Argo's TaskResults). */
function taskResult(phase: ArgoNodePhase, result: string | undefined): boolean {
  switch (result) {
    case undefined:
      // A bare name: Succeeded, Skipped or Daemoned (none of our steps is a daemon).
      return phase === 'Succeeded' || phase === 'Skipped';
    case 'Succeeded':
    case 'Failed':
    case 'Skipped':
      return phase === result;
    default:
      throw new Error(`depends result ".${result}" is not modelled here`);
  }
}

/** Evaluates a `depends` expression (`a && (b.Failed || !c.Skipped)`) over the phases of finished tasks. */
function evaluateDepends(expression: string, phases: Readonly<Record<string, ArgoNodePhase>>): boolean {
  const tokens = [...expression.matchAll(/\s*(\(|\)|&&|\|\||!|[A-Za-z0-9][A-Za-z0-9-]*(?:\.[A-Za-z]+)?)/gy)].map((match) => match[1]!);
  if (tokens.join('').length !== expression.replace(/\s+/g, '').length) throw new Error(`cannot read the depends expression "${expression}"`);
  let position = 0;
  const anyOf = (): boolean => {
    let value = allOf();
    while (tokens[position] === '||') {
      position++;
      value = allOf() || value;
    }
    return value;
  };
  const allOf = (): boolean => {
    let value = single();
    while (tokens[position] === '&&') {
      position++;
      value = single() && value;
    }
    return value;
  };
  const single = (): boolean => {
    const token = tokens[position++];
    if (token === '!') return !single();
    if (token === '(') {
      const value = anyOf();
      if (tokens[position++] !== ')') throw new Error(`unbalanced parentheses in "${expression}"`);
      return value;
    }
    const [task, result] = (token ?? '').split('.');
    const phase = phases[task!];
    if (phase === undefined) throw new Error(`"${expression}" names ${task}, which has not finished`);
    return taskResult(phase, result);
  };
  const value = anyOf();
  if (position !== tokens.length) throw new Error(`cannot read the depends expression "${expression}"`);
  return value;
}

/** Evaluates the `when` form the renderer writes, `{{tasks.<task>.exitCode}} == <code>` (or `!=`). */
function evaluateWhen(expression: string, exitCodes: ReadonlyMap<string, number>): boolean {
  const match = /^\{\{tasks\.([A-Za-z0-9-]+)\.exitCode\}\} (==|!=) (\d+)$/.exec(expression);
  if (!match) throw new Error(`when "${expression}" is not modelled here`);
  const exitCode = exitCodes.get(match[1]!);
  if (exitCode === undefined) throw new Error(`when "${expression}": ${match[1]} has no exit code (it did not run)`);
  return (exitCode === Number(match[3])) === (match[2] === '==');
}

/**
 * Runs a WorkflowTemplate's entrypoint DAG the way Argo's controller (workflow/controller/dag.go)
 * would once every task has finished: tasks in dependency order; a task whose `depends` does not
 * hold is Omitted, one whose `when` does not hold is Skipped; a container step Succeeds on exit 0
 * and Fails on any other code (after its retries), a resource step creating a Workflow Succeeds
 * and starts that WorkflowTemplate. The workflow's phase is assessDAGPhase's: each leaf task
 * takes its own phase when it ran, and when it was Skipped or Omitted the phase of the tasks
 * before it, Failed winning over Succeeded; the workflow Fails when any leaf's phase is Failed.
 */
export function simulateArgoRun(template: KubeObject, exitCodes: StepExitCodes): ArgoRun {
  const tasks = new Map<string, ArgoDagTask>(entrypointDagTasks(template).map((task) => [task.name, task]));
  const templates = (template['spec'] as { templates: readonly StepTemplate[] }).templates;
  const upstreamOf = (name: string) => [...new Set(upstreamTasks(tasks.get(name)!))];
  const edges = [...tasks.keys()].flatMap((name) => upstreamOf(name).map((upstream) => [upstream, name] as const));
  const phases: Record<string, ArgoNodePhase> = {};
  const exitCodeOf = new Map<string, number>();
  const branchPhase = new Map<string, 'Succeeded' | 'Failed'>();
  const started: string[] = [];
  const triggered: string[] = [];
  for (const name of dependencyOrder([...tasks.keys()], edges)) {
    const task = tasks.get(name)!;
    const upstream = upstreamOf(name);
    const dependsLogic = task.depends ?? upstream.join(' && ');
    if (upstream.length > 0 && !evaluateDepends(dependsLogic, phases)) phases[name] = 'Omitted';
    else if (task.when !== undefined && !evaluateWhen(task.when, exitCodeOf)) phases[name] = 'Skipped';
    else {
      const stepTemplate = templates.find((t) => t.name === task.template);
      if (stepTemplate?.container) {
        const exitCode = exitCodes[name] ?? 0;
        exitCodeOf.set(name, exitCode);
        phases[name] = exitCode === 0 ? 'Succeeded' : 'Failed';
      } else if (stepTemplate?.resource) {
        const workflow = parse(stepTemplate.resource.manifest) as { spec: { workflowTemplateRef: { name: string } } };
        triggered.push(workflow.spec.workflowTemplateRef.name);
        phases[name] = 'Succeeded';
      } else {
        throw new Error(`task ${name}: template ${task.template} is neither a container nor a resource step`);
      }
      started.push(name);
    }
    const phase = phases[name]!;
    const inherited = upstream.some((u) => branchPhase.get(u) === 'Failed') ? 'Failed' : 'Succeeded';
    branchPhase.set(name, phase === 'Succeeded' || phase === 'Failed' ? phase : inherited);
  }
  const leaves = [...tasks.keys()].filter((name) => !edges.some(([upstream]) => upstream === name));
  return {
    state: leaves.some((leaf) => branchPhase.get(leaf) === 'Failed') ? 'failed' : 'success',
    started: started.sort(),
    triggered: triggered.sort(),
    nodes: phases,
  };
}
