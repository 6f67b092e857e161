import { specFile, type PipelineSpec, type StepResources, type RetryPolicy, type TrainerStep } from '../spec/pipeline-spec.ts';
import { runFlags, trainerOptionFlags, type TrainerOptions } from '../spec/trainer-cli.ts';
import { fromRunOf, runOf } from './step-graph.ts';

/**
 * A piece of a trainer argument: literal text, the id of a run (the pipeline run's id, plus
 * `-<branch>` for a branch), or a pipeline parameter. Each engine spells the last two in its own
 * template language (Jinja in Airflow, `{{workflow.*}}` in Argo).
 */
export type ArgPart = { readonly text: string } | { readonly run: string } | { readonly param: string };

/** One argument of the trainer's command line, as parts. */
export type TrainerArg = readonly ArgPart[];

function valueParts(value: string | number | { param: string }): ArgPart[] {
  return typeof value === 'object' ? [{ param: value.param }] : [{ text: String(value) }];
}

/**
 * The trainer arguments of a step: the sub-command, `--run-id=<run>`, `--from-run=<run>` for a
 * branch that continues another run, then the options in the trainer's flag order. The image's
 * entrypoint (`node /app/main.js`) stays as it is.
 */
export function trainerArgs(spec: PipelineSpec, step: TrainerStep): TrainerArg[] {
  const args: TrainerArg[] = [[{ text: step.command }], [{ text: `${runFlags.runId}=` }, { run: runOf(step) }]];
  const from = fromRunOf(spec, step);
  if (from !== undefined) args.push([{ text: `${runFlags.fromRun}=` }, { run: from }]);
  const options: TrainerOptions = step.options ?? {};
  for (const [name, flag] of Object.entries(trainerOptionFlags) as [keyof TrainerOptions, string][]) {
    const value = options[name];
    if (value === undefined || value === false) continue;
    if (value === true) args.push([{ text: flag }]);
    else args.push([{ text: `${flag}=` }, ...valueParts(value)]);
  }
  return args;
}

/** A trainer step's settings with the pipeline's defaults filled in. */
export interface ResolvedSettings {
  readonly resources: StepResources;
  readonly retry: Required<RetryPolicy>;
  readonly timeoutMinutes: number;
}

/** Used when neither the step nor the pipeline sets them. */
export const fallbackSettings: ResolvedSettings = {
  resources: { requests: { cpu: '250m', memory: '512Mi' }, limits: { cpu: '1', memory: '1Gi' } },
  retry: { retries: 2, delaySeconds: 60, maxDelaySeconds: 600 },
  timeoutMinutes: 30,
};

/** The step's resources, retries and timeout: its own, else the pipeline's defaults, else {@link fallbackSettings}. */
export function resolvedSettings(spec: PipelineSpec, step: TrainerStep): ResolvedSettings {
  const retry = step.retry ?? spec.defaults?.retry ?? fallbackSettings.retry;
  return {
    resources: step.resources ?? spec.defaults?.resources ?? fallbackSettings.resources,
    retry: { ...retry, maxDelaySeconds: retry.maxDelaySeconds ?? retry.delaySeconds * 10 },
    timeoutMinutes: step.timeoutMinutes ?? spec.defaults?.timeoutMinutes ?? fallbackSettings.timeoutMinutes,
  };
}

/** The header line every rendered pipeline carries: which spec it came from. */
export function specLine(spec: PipelineSpec): string {
  return `Pipeline spec: ${specFile(spec.id)}`;
}
