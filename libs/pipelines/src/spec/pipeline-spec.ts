import type { TrainerCommand, TrainerOptions } from './trainer-cli.ts';

/**
 * A typed pipeline: steps that run the trainer image (one trainer sub-command each) or trigger
 * another pipeline, their dependencies, a schedule and parameters. One spec drives both engines:
 * `renderAirflowDag` makes it an Airflow DAG file, `renderArgoPipeline` a WorkflowTemplate (and a
 * CronWorkflow when it has a schedule). Specs live one per file in `libs/pipelines/src/specs/`.
 */
export interface PipelineSpec {
  /**
   * The pipeline's name: the Airflow `dag_id`, the WorkflowTemplate's and CronWorkflow's name, the
   * spec file's name (`specs/<id>.ts`). Lowercase letters, digits and `-`.
   */
  readonly id: string;
  /** One sentence; the DAG's `description` and the WorkflowTemplate's annotation. */
  readonly description: string;
  /**
   * A five-field cron expression (`0 * * * *`) or a preset (`@hourly`, `@daily`, `@weekly`,
   * `@monthly`, `@yearly`), in UTC. Absent: the pipeline only runs when triggered.
   */
  readonly schedule?: string;
  /** Extra tags (Airflow `tags`, Argo labels); `millwright` is always added. */
  readonly tags?: readonly string[];
  /** Run-time parameters with defaults (Airflow `params`, Argo `arguments.parameters`), by name. */
  readonly parameters?: Readonly<Record<string, PipelineParameter>>;
  /** Settings every trainer step gets unless it sets its own. */
  readonly defaults?: StepSettings;
  /** At most this many runs at once (Airflow `max_active_runs`; Argo CronWorkflows `Forbid` overlap). @default 1 */
  readonly maxActiveRuns?: number;
  readonly steps: readonly PipelineStep[];
}

/** A run-time parameter: steps use it as a trainer option value through {@link param}. */
export interface PipelineParameter {
  readonly default: string;
  readonly description: string;
}

/** CPU and memory requests and limits of a step's container. */
export interface StepResources {
  readonly requests: { readonly cpu: string; readonly memory: string };
  readonly limits: { readonly cpu: string; readonly memory: string };
}

/** How a failed step is retried: `retries` more attempts, the delay doubling from `delaySeconds` up to `maxDelaySeconds`. */
export interface RetryPolicy {
  readonly retries: number;
  readonly delaySeconds: number;
  /** @default 10 × delaySeconds */
  readonly maxDelaySeconds?: number;
}

/** Settings of a trainer step; a pipeline's `defaults` fill in what a step leaves out. */
export interface StepSettings {
  readonly resources?: StepResources;
  readonly retry?: RetryPolicy;
  /** The step fails when one attempt runs longer (Airflow `execution_timeout`, Argo `activeDeadlineSeconds`). */
  readonly timeoutMinutes?: number;
}

interface StepBase {
  /** The Airflow task id and the Argo task name: lowercase letters, digits and `-`. */
  readonly id: string;
  /** Steps that must finish first. */
  readonly dependsOn?: readonly string[];
}

/** A step that runs one trainer sub-command in the trainer image. */
export interface TrainerStep extends StepBase, StepSettings {
  readonly command: TrainerCommand;
  readonly options?: TrainerOptions;
  /**
   * The step works on the branch run `<run id>-<branch>` instead of the pipeline's run: two
   * parallel trainings need two runs, since the trainer keeps one set of outputs per run id. A
   * branch step whose upstream steps are on another run starts from that run's files
   * (`--from-run`).
   */
  readonly branch?: string;
}

/**
 * A step that starts a run of another pipeline (Airflow TriggerDagRunOperator, an Argo Workflow
 * created from the other WorkflowTemplate); with `when`, only when an upstream trainer step
 * exits with that code (e.g. `drift --fail-on-drift` exits 3 when a feature drifted).
 */
export interface TriggerStep extends StepBase {
  readonly trigger: string;
  readonly when?: { readonly step: string; readonly exitCode: number };
}

export type PipelineStep = TrainerStep | TriggerStep;

/** True for a step that runs the trainer. */
export function isTrainerStep(step: PipelineStep): step is TrainerStep {
  return 'command' in step;
}

/** A pipeline parameter used as a trainer option value, resolved when the run starts. */
export interface ParamRef {
  readonly param: string;
}

/** `param('source')`: the value of the pipeline parameter `source` for this run. */
export function param(name: string): ParamRef {
  return { param: name };
}

/** Types a spec and returns it unchanged; validation happens when the pipelines are rendered. */
export function definePipeline(spec: PipelineSpec): PipelineSpec {
  return spec;
}

/** Where a pipeline's spec lives: `libs/pipelines/src/specs/<id>.ts` (errors name it). */
export function specFile(pipelineId: string): string {
  return `libs/pipelines/src/specs/${pipelineId}.ts`;
}
