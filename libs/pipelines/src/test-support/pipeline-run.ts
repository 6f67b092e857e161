import { conditionalExitCodes, orderedSteps } from '../graph/step-graph.ts';
import { isTrainerStep, type PipelineSpec } from '../spec/pipeline-spec.ts';

/** What each trainer step's container exits with in one simulated run (after its retries), by step id; a step not named exits 0. */
export type StepExitCodes = Readonly<Record<string, number>>;

/** How a run ended, in the terms both engines share. */
export interface RunOutcome {
  /** Airflow's DAG run state; Argo's workflow phase, Succeeded read as `success`. */
  readonly state: 'success' | 'failed';
  /** The steps whose pod ran or whose trigger fired, sorted. */
  readonly started: readonly string[];
  /** The pipelines the run started, sorted. */
  readonly triggered: readonly string[];
}

/**
 * The run a spec asks for, the rule both engines must follow: a step runs when every step it
 * depends on ran and succeeded; a step with `when` runs only when its when.step exited with that
 * code, which is an answer ("go on"), not a failure; any other non-zero exit fails the run.
 */
export function intendedOutcome(spec: PipelineSpec, exitCodes: StepExitCodes): RunOutcome {
  const answerCodes = conditionalExitCodes(spec);
  const status = new Map<string, 'succeeded' | 'answered' | 'failed' | 'not run'>();
  const exitCodeOf = new Map<string, number>();
  const started: string[] = [];
  const triggered: string[] = [];
  for (const step of orderedSteps(spec)) {
    const when = isTrainerStep(step) ? undefined : step.when;
    const runs = when
      ? status.get(when.step) === 'answered' && exitCodeOf.get(when.step) === when.exitCode
      : (step.dependsOn ?? []).every((upstream) => status.get(upstream) === 'succeeded');
    if (!runs) {
      status.set(step.id, 'not run');
      continue;
    }
    started.push(step.id);
    if (!isTrainerStep(step)) {
      triggered.push(step.trigger);
      status.set(step.id, 'succeeded');
      continue;
    }
    const exitCode = exitCodes[step.id] ?? 0;
    exitCodeOf.set(step.id, exitCode);
    status.set(step.id, exitCode === 0 ? 'succeeded' : answerCodes.get(step.id)?.includes(exitCode) ? 'answered' : 'failed');
  }
  return {
    state: [...status.values()].includes('failed') ? 'failed' : 'success',
    started: started.sort(),
    triggered: triggered.sort(),
  };
}

/** Task names so that every task comes after the ones it depends on (`[upstream, downstream]` edges); throws on a cycle. */
export function dependencyOrder(tasks: readonly string[], edges: readonly (readonly [string, string])[]): string[] {
  const done = new Set<string>();
  const ordered: string[] = [];
  while (ordered.length < tasks.length) {
    const next = tasks.find((task) => !done.has(task) && edges.every(([upstream, downstream]) => downstream !== task || done.has(upstream)));
    if (next === undefined) throw new Error(`the tasks ${tasks.filter((task) => !done.has(task)).join(', ')} wait on each other (or on a task that does not exist)`);
    done.add(next);
    ordered.push(next);
  }
  return ordered;
}
