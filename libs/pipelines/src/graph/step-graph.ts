import { isTrainerStep, type PipelineSpec, type PipelineStep } from '../spec/pipeline-spec.ts';

/** A pipeline's steps and dependencies as a graph: what both renderers must reproduce. */
export interface StepGraph {
  /** Step ids, sorted. */
  readonly nodes: readonly string[];
  /** `[upstream, downstream]` pairs, sorted. */
  readonly edges: readonly (readonly [string, string])[];
}

function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Sorts edges by upstream, then downstream, and drops duplicates. */
export function normaliseGraph(nodes: readonly string[], edges: readonly (readonly [string, string])[]): StepGraph {
  const unique = [...new Map(edges.map((edge) => [`${edge[0]}\u0000${edge[1]}`, edge] as const)).values()];
  return {
    nodes: [...new Set(nodes)].sort(byText),
    edges: unique.map(([from, to]) => [from, to] as const).sort((a, b) => byText(a[0], b[0]) || byText(a[1], b[1])),
  };
}

/** The spec's graph: one node per step, one edge per dependency. */
export function stepGraph(spec: PipelineSpec): StepGraph {
  return normaliseGraph(
    spec.steps.map((step) => step.id),
    spec.steps.flatMap((step) => (step.dependsOn ?? []).map((upstream) => [upstream, step.id] as const)),
  );
}

/**
 * The steps in an order where every step comes after its dependencies, otherwise in spec order,
 * so the rendered files read top to bottom like the spec. Assumes a validated (acyclic) spec.
 */
export function orderedSteps(spec: PipelineSpec): PipelineStep[] {
  const done = new Set<string>();
  const ordered: PipelineStep[] = [];
  while (ordered.length < spec.steps.length) {
    const next = spec.steps.find((step) => !done.has(step.id) && (step.dependsOn ?? []).every((upstream) => done.has(upstream)));
    if (!next) throw new Error(`pipeline ${spec.id} has a dependency cycle; validate it first`);
    done.add(next.id);
    ordered.push(next);
  }
  return ordered;
}

/** The run a step works on: `''` for the pipeline's run, else its branch name. */
export function runOf(step: PipelineStep): string {
  return isTrainerStep(step) ? (step.branch ?? '') : '';
}

/**
 * The run a trainer step starts from (`--from-run`), or undefined: a step none of whose
 * upstream steps is on its own run continues from their run (they must all be on one run;
 * validation says so otherwise). Root steps start empty.
 */
export function fromRunOf(spec: PipelineSpec, step: PipelineStep): string | undefined {
  const upstreamRuns = new Set(
    (step.dependsOn ?? [])
      .map((id) => spec.steps.find((s) => s.id === id))
      .filter((s): s is PipelineStep => s !== undefined && isTrainerStep(s))
      .map(runOf),
  );
  if (upstreamRuns.size === 0 || upstreamRuns.has(runOf(step))) return undefined;
  return upstreamRuns.size === 1 ? [...upstreamRuns][0] : undefined;
}

/** Trainer steps another step's `when` refers to, with the exit code that means "go on". */
export function conditionalExitCodes(spec: PipelineSpec): Map<string, number[]> {
  const codes = new Map<string, number[]>();
  for (const step of spec.steps) {
    if (isTrainerStep(step) || !step.when) continue;
    const list = codes.get(step.when.step) ?? [];
    if (!list.includes(step.when.exitCode)) list.push(step.when.exitCode);
    codes.set(step.when.step, list);
  }
  return codes;
}

/**
 * The id of the Airflow task that fails the run when `stepId`, a step a `when` waits on, fails
 * (see `renderAirflowDag`): `drift` → `drift-not-failed`. No step may take it.
 */
export function failureGuardId(stepId: string): string {
  return `${stepId}-not-failed`;
}
