import { failureGuardId, fromRunOf, runOf } from '../graph/step-graph.ts';
import { scheduleProblem } from './cron.ts';
import { isTrainerStep, specFile, type PipelineSpec, type PipelineStep, type RetryPolicy, type StepSettings, type TrainerStep, type TriggerStep } from './pipeline-spec.ts';
import { trainerCommands, trainerMetrics, trainerOptionFlags } from './trainer-cli.ts';

/** One thing wrong with a spec: the step it is about (if any) and what to do. */
export interface SpecProblem {
  readonly step?: string;
  readonly message: string;
}

/** A spec that cannot be rendered; the message names the spec file and each step with a problem. */
export class PipelineSpecError extends Error {
  constructor(
    readonly file: string,
    readonly problems: readonly SpecProblem[],
  ) {
    const lines = problems.map((p) => (p.step === undefined ? `  ${p.message}` : `  step "${p.step}": ${p.message}`));
    super(`${file}: ${problems.length} problem${problems.length === 1 ? '' : 's'}\n${lines.join('\n')}`);
    this.name = 'PipelineSpecError';
  }
}

/**
 * Step ids become Airflow task ids (`^[\w.-]+$`, airflow.utils.helpers.validate_key), Argo task
 * and template names and Kubernetes label values; this is the subset all of them accept.
 */
const stepIdPattern = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const maxStepId = 63;
/** Pipeline ids name CronWorkflows, whose names must leave room for Argo's 11-character suffix. */
const maxPipelineId = 52;
const branchPattern = /^[a-z0-9]+(-[a-z0-9]+)*$/;
/** Parameter names are Jinja attribute names (`params.source`) and Argo parameter names. */
const parameterPattern = /^[a-z][a-z0-9_]*$/;

function idProblem(what: string, id: unknown, max: number): string | undefined {
  if (typeof id !== 'string' || !stepIdPattern.test(id) || id.length > max) {
    return `${what} ${JSON.stringify(id)} is not a valid Airflow task id and Argo name: use lowercase letters, digits and single '-' between them, starting with a letter, at most ${max} characters (e.g. "train-by-f1")`;
  }
  return undefined;
}

function settingsProblems(settings: StepSettings): string[] {
  const problems: string[] = [];
  const retry: RetryPolicy | undefined = settings.retry;
  if (retry) {
    if (!Number.isInteger(retry.retries) || retry.retries < 0 || retry.retries > 10) problems.push(`retry.retries ${retry.retries}: use a whole number from 0 to 10`);
    if (!Number.isInteger(retry.delaySeconds) || retry.delaySeconds < 1) problems.push(`retry.delaySeconds ${retry.delaySeconds}: use a whole number of seconds, at least 1`);
    if (retry.maxDelaySeconds !== undefined && !(Number.isInteger(retry.maxDelaySeconds) && retry.maxDelaySeconds >= retry.delaySeconds)) {
      problems.push(`retry.maxDelaySeconds ${retry.maxDelaySeconds}: use a whole number of seconds, at least delaySeconds`);
    }
  }
  if (settings.timeoutMinutes !== undefined && !(Number.isInteger(settings.timeoutMinutes) && settings.timeoutMinutes > 0)) {
    problems.push(`timeoutMinutes ${settings.timeoutMinutes}: use a whole number of minutes, at least 1`);
  }
  return problems;
}

function trainerStepProblems(spec: PipelineSpec, step: TrainerStep): string[] {
  const problems: string[] = [];
  if (!(trainerCommands as readonly string[]).includes(step.command)) {
    problems.push(`command "${step.command}" is not a trainer command; use one of ${trainerCommands.join(', ')}`);
  }
  const options = (step.options ?? {}) as Record<string, unknown>;
  for (const [name, value] of Object.entries(options)) {
    if (!(name in trainerOptionFlags)) {
      problems.push(`option "${name}" is not a trainer option; use one of ${Object.keys(trainerOptionFlags).join(', ')}`);
      continue;
    }
    if (name === 'failOnDrift') {
      if (typeof value !== 'boolean') problems.push('option failOnDrift must be true or false');
      else if (value && step.command !== 'drift') problems.push(`option failOnDrift only applies to the drift command, not ${step.command}`);
      continue;
    }
    if (typeof value === 'object' && value !== null && 'param' in value) {
      const parameter = (value as { param: string }).param;
      if (!spec.parameters?.[parameter]) {
        problems.push(`option ${name} uses parameter "${parameter}", which the pipeline does not declare in parameters`);
      }
    } else if (typeof value !== 'string' && typeof value !== 'number') {
      problems.push(`option ${name} must be a string, a number or param("<name>")`);
    } else if (/\{\{|\}\}|\{%/.test(String(value))) {
      problems.push(`option ${name} "${value}": must not contain {{, }} or {% (Airflow and Argo would read them as templates); use param("<name>")`);
    } else if (name === 'metric' && !(trainerMetrics as readonly (string | number)[]).includes(value)) {
      problems.push(`option metric "${value}": use one of ${trainerMetrics.join(', ')}`);
    }
  }
  if (step.branch !== undefined && !branchPattern.test(step.branch)) {
    problems.push(`branch "${step.branch}": use lowercase letters, digits and '-' (it becomes the run id suffix)`);
  }
  problems.push(...settingsProblems(step));
  const upstreamRuns = new Set(
    (step.dependsOn ?? [])
      .map((id) => spec.steps.find((s) => s.id === id))
      .filter((s): s is PipelineStep => s !== undefined && isTrainerStep(s))
      .map(runOf),
  );
  if (upstreamRuns.size > 1 && !upstreamRuns.has(runOf(step)) && fromRunOf(spec, step) === undefined) {
    const named = [...upstreamRuns].map((run) => (run === '' ? 'the pipeline run' : `branch ${run}`)).join(', ');
    problems.push(`its upstream steps are on several runs (${named}) and none on its own; depend on one step of the run it continues`);
  }
  return problems;
}

/**
 * What the two engines would not agree on around a step a `when` waits on. Its "go on" exit code
 * marks it skipped in Airflow (skip_on_exit_code) but failed in Argo (the `when` task reads
 * `<step>.Failed`), so a step that depends on it without a `when` would be left out in both, and
 * Argo would count that as a failed branch; Airflow cannot tell two skip codes apart; and
 * Airflow's failure guard of the step (renderAirflowDag) takes an id of its own.
 */
function conditionalStepProblems(spec: PipelineSpec): SpecProblem[] {
  const problems: SpecProblem[] = [];
  const firstWhen = new Map<string, TriggerStep & { when: NonNullable<TriggerStep['when']> }>();
  for (const step of spec.steps) {
    if (isTrainerStep(step) || !step.when) continue;
    const first = firstWhen.get(step.when.step);
    if (!first) firstWhen.set(step.when.step, { ...step, when: step.when });
    else if (first.when.exitCode !== step.when.exitCode) {
      problems.push({
        step: step.id,
        message: `when.exitCode ${step.when.exitCode}: "${first.id}" already waits on exit code ${first.when.exitCode} of "${step.when.step}"; Airflow skips "${step.when.step}" on either and cannot tell them apart, so every when on one step must wait on the same exit code`,
      });
    }
  }
  for (const [source, first] of firstWhen) {
    for (const step of spec.steps) {
      const isItsWhen = !isTrainerStep(step) && step.when?.step === source;
      if ((step.dependsOn ?? []).includes(source) && !isItsWhen) {
        problems.push({
          step: step.id,
          message: `depends on "${source}", whose exit code ${first.when.exitCode} a when waits on: Argo records that exit as a failure, which would fail the Argo run after this step is left out, where Airflow succeeds; depend on a step before "${source}" or on its when step "${first.id}"`,
        });
      }
      if (step.id === failureGuardId(source)) {
        problems.push({ step: step.id, message: `the id is taken by the Airflow task that fails the run when "${source}" fails; rename the step` });
      }
    }
  }
  return problems;
}

function cycleFrom(spec: PipelineSpec): string[] | undefined {
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (id: string): string[] | undefined => {
    if (state.get(id) === 'done') return undefined;
    if (state.get(id) === 'visiting') return [...stack.slice(stack.indexOf(id)), id];
    state.set(id, 'visiting');
    stack.push(id);
    const step = spec.steps.find((s) => s.id === id);
    for (const upstream of step?.dependsOn ?? []) {
      if (!spec.steps.some((s) => s.id === upstream)) continue;
      const cycle = visit(upstream);
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(id, 'done');
    return undefined;
  };
  for (const step of spec.steps) {
    const cycle = visit(step.id);
    if (cycle) return cycle.reverse();
  }
  return undefined;
}

/**
 * Everything wrong with one spec, every problem at once: ids that are not valid Airflow task
 * ids, duplicate ids, unknown dependencies, cycles, unknown trainer commands and options, bad
 * schedules, undeclared parameters, triggers of unknown pipelines, steps around a `when` the
 * engines would run differently. `pipelineIds` are the
 * pipelines a trigger may start.
 */
export function pipelineProblems(spec: PipelineSpec, pipelineIds: readonly string[]): SpecProblem[] {
  const problems: SpecProblem[] = [];
  const idIssue = idProblem('pipeline id', spec.id, maxPipelineId);
  if (idIssue) problems.push({ message: idIssue });
  if (spec.schedule !== undefined) {
    const issue = scheduleProblem(spec.schedule);
    if (issue) problems.push({ message: issue });
  }
  for (const [name, parameter] of Object.entries(spec.parameters ?? {})) {
    if (!parameterPattern.test(name)) problems.push({ message: `parameter "${name}": use lowercase letters, digits and '_', starting with a letter` });
    if (typeof parameter.default !== 'string') problems.push({ message: `parameter "${name}": its default must be a string` });
  }
  if (spec.maxActiveRuns !== undefined && !(Number.isInteger(spec.maxActiveRuns) && spec.maxActiveRuns >= 1)) {
    problems.push({ message: `maxActiveRuns ${spec.maxActiveRuns}: use a whole number, at least 1` });
  }
  for (const message of settingsProblems(spec.defaults ?? {})) problems.push({ message: `defaults.${message}` });
  if (spec.steps.length === 0) problems.push({ message: 'the pipeline has no steps' });

  const ids = spec.steps.map((step) => step.id);
  const seen = new Set<string>();
  for (const step of spec.steps) {
    const issue = idProblem('step id', step.id, maxStepId);
    if (issue) problems.push({ step: String(step.id), message: issue });
    if (seen.has(step.id)) problems.push({ step: step.id, message: 'the id is used by another step; step ids must be unique' });
    seen.add(step.id);
    for (const upstream of step.dependsOn ?? []) {
      if (!ids.includes(upstream)) problems.push({ step: step.id, message: `depends on unknown step "${upstream}"; the steps are ${ids.join(', ')}` });
      if (upstream === step.id) problems.push({ step: step.id, message: 'depends on itself' });
    }
    if (isTrainerStep(step)) {
      for (const message of trainerStepProblems(spec, step)) problems.push({ step: step.id, message });
      continue;
    }
    if (!pipelineIds.includes(step.trigger)) {
      problems.push({ step: step.id, message: `triggers unknown pipeline "${step.trigger}"; the pipelines are ${pipelineIds.join(', ')}` });
    }
    if (step.when) {
      const source = spec.steps.find((s) => s.id === step.when!.step);
      if (!source || !isTrainerStep(source)) problems.push({ step: step.id, message: `when.step "${step.when.step}" is not a trainer step of this pipeline` });
      if ((step.dependsOn ?? []).length !== 1 || step.dependsOn![0] !== step.when.step) {
        problems.push({ step: step.id, message: `a step with when must depend on exactly its when.step: dependsOn: ["${step.when.step}"]` });
      }
      if (!Number.isInteger(step.when.exitCode) || step.when.exitCode < 1 || step.when.exitCode > 255) {
        problems.push({ step: step.id, message: `when.exitCode ${step.when.exitCode}: use a non-zero exit code from 1 to 255` });
      }
    }
  }
  problems.push(...conditionalStepProblems(spec));
  const cycle = cycleFrom(spec);
  if (cycle) problems.push({ step: cycle[0], message: `the dependencies form a cycle: ${cycle.join(' -> ')}` });
  return problems;
}

/**
 * Validates every pipeline together (triggers must name one of them); throws {@link PipelineSpecError}
 * for the first bad spec, naming its file: `fileOf(spec)`, by default `libs/pipelines/src/specs/<id>.ts`.
 */
export function validatePipelines(specs: readonly PipelineSpec[], fileOf: (spec: PipelineSpec) => string = (spec) => specFile(String(spec.id))): void {
  const ids = specs.map((spec) => spec.id);
  const seen = new Set<string>();
  for (const spec of specs) {
    const problems = pipelineProblems(spec, ids);
    if (seen.has(spec.id)) problems.unshift({ message: `another pipeline is also called "${spec.id}"; pipeline ids must be unique` });
    seen.add(spec.id);
    if (problems.length > 0) throw new PipelineSpecError(fileOf(spec), problems);
  }
}
