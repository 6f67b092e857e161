import { CronWorkflow, WorkflowTemplate } from '@kubernetes-models/argo-workflows/argoproj.io/v1alpha1';
import type { IDAGTask, ITemplate } from '@kubernetes-models/argo-workflows/argoproj.io/v1alpha1';
import type { IEnvVar } from 'kubernetes-models/v1';
import { stringify } from 'yaml';
import type { KubeObject } from '@millwright/kube';
import { conditionalExitCodes, orderedSteps } from '../graph/step-graph.ts';
import { resolvedSettings, trainerArgs, type ArgPart } from '../graph/step-command.ts';
import type { PipelineTarget } from '../pipeline-target.ts';
import { isTrainerStep, specFile, type PipelineSpec, type PipelineStep, type TrainerStep, type TriggerStep } from '../spec/pipeline-spec.ts';

/** The DAG template every WorkflowTemplate starts at; step templates are `step-<id>`, so they never clash with it. */
export const entrypointTemplate = 'main';

/** The template that runs one step. */
export function stepTemplateName(stepId: string): string {
  return `step-${stepId}`;
}

const homeVolume = 'millwright-home';

function argoTemplate(part: ArgPart): string {
  if ('text' in part) return part.text;
  if ('param' in part) return `{{workflow.parameters.${part.param}}}`;
  return part.run === '' ? '{{workflow.name}}' : `{{workflow.name}}-${part.run}`;
}

function envVar(variable: PipelineTarget['env'][number]): IEnvVar {
  return 'value' in variable
    ? { name: variable.name, value: variable.value }
    : { name: variable.name, valueFrom: { secretKeyRef: { name: variable.secret.name, key: variable.secret.key } } };
}

function trainerTemplate(spec: PipelineSpec, step: TrainerStep, target: PipelineTarget, continueCodes: readonly number[] | undefined): ITemplate {
  const settings = resolvedSettings(spec, step);
  return {
    name: stepTemplateName(step.id),
    retryStrategy: {
      limit: settings.retry.retries,
      retryPolicy: 'Always',
      backoff: { duration: `${settings.retry.delaySeconds}s`, factor: 2, cap: `${settings.retry.maxDelaySeconds}s` },
      // An exit code a downstream step waits for is an answer, not a failure: never retry it.
      ...(continueCodes && { expression: continueCodes.map((exitCode) => `lastRetry.exitCode != '${exitCode}'`).join(' && ') }),
    },
    activeDeadlineSeconds: settings.timeoutMinutes * 60,
    container: {
      name: 'main',
      image: target.image,
      imagePullPolicy: 'IfNotPresent',
      args: trainerArgs(spec, step).map((arg) => arg.map(argoTemplate).join('')),
      env: target.env.map(envVar),
      resources: { requests: { ...settings.resources.requests }, limits: { ...settings.resources.limits } },
      securityContext: { ...target.containerSecurityContext, capabilities: { drop: [...target.containerSecurityContext.capabilities.drop] }, seccompProfile: { ...target.containerSecurityContext.seccompProfile } },
      volumeMounts: [{ name: homeVolume, mountPath: target.home.path }],
    },
  };
}

function triggerTemplate(step: TriggerStep, target: PipelineTarget): ITemplate {
  const workflow = {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Workflow',
    metadata: { generateName: `${step.trigger}-`, namespace: target.namespace, labels: { ...target.objectLabels, 'millwright.io/pipeline': step.trigger } },
    spec: { workflowTemplateRef: { name: step.trigger } },
  };
  return { name: stepTemplateName(step.id), resource: { action: 'create', setOwnerReference: false, manifest: stringify(workflow) } };
}

/**
 * How a task waits for one upstream task. A bare name also accepts a Skipped task (`a` means
 * a.Succeeded || a.Skipped || a.Daemoned), and a task with `when` is Skipped when its step
 * crashed: a task after it waits for it to have run (`<task>.Succeeded`), else it would run after
 * the crash and its success would hide the failure from the workflow's phase.
 */
function upstreamCondition(spec: PipelineSpec, upstreamId: string): string {
  const upstream = spec.steps.find((s) => s.id === upstreamId);
  return upstream && !isTrainerStep(upstream) && upstream.when ? `${upstreamId}.Succeeded` : upstreamId;
}

function dagTask(spec: PipelineSpec, step: PipelineStep): IDAGTask {
  const upstream = step.dependsOn ?? [];
  const when = !isTrainerStep(step) ? step.when : undefined;
  return {
    name: step.id,
    template: stepTemplateName(step.id),
    // `<task>.Failed` lets this task see the exit code that means "go on"; `when` keeps only that one.
    ...(upstream.length > 0 && { depends: when ? `${when.step}.Failed` : upstream.map((id) => upstreamCondition(spec, id)).join(' && ') }),
    ...(when && { when: `{{tasks.${when.step}.exitCode}} == ${when.exitCode}` }),
  };
}

function pipelineLabels(spec: PipelineSpec, target: PipelineTarget): Record<string, string> {
  return { ...target.objectLabels, 'millwright.io/pipeline': spec.id };
}

/**
 * Renders one pipeline for Argo Workflows: a WorkflowTemplate (a DAG of one template per step,
 * retries with backoff, deadlines, the restricted security contexts, an emptyDir for
 * MILLWRIGHT_HOME, logs archived to the MinIO artifact repository) and, when the pipeline has a
 * schedule, a CronWorkflow that runs it (`schedules`, `concurrencyPolicy: Forbid`). Objects are
 * built with the @kubernetes-models/argo-workflows classes and returned as plain data. Pure.
 */
export function renderArgoPipeline(spec: PipelineSpec, target: PipelineTarget): KubeObject[] {
  const continueCodes = conditionalExitCodes(spec);
  const steps = orderedSteps(spec);
  const labels = pipelineLabels(spec, target);
  const template = new WorkflowTemplate({
    metadata: {
      name: spec.id,
      namespace: target.namespace,
      labels,
      annotations: { 'workflows.argoproj.io/description': spec.description, 'millwright.io/pipeline-spec': specFile(spec.id) },
    },
    spec: {
      entrypoint: entrypointTemplate,
      serviceAccountName: target.workflowServiceAccount,
      ...(Object.keys(spec.parameters ?? {}).length > 0 && {
        // Parameter descriptions stay in the spec: `description` has no schema in the models, so the unknown-field check cannot vouch for it.
        arguments: { parameters: Object.entries(spec.parameters ?? {}).map(([name, p]) => ({ name, value: p.default })) },
      }),
      ...((spec.maxActiveRuns ?? 1) === 1 && { synchronization: { mutexes: [{ name: spec.id }] } }),
      artifactRepositoryRef: { configMap: target.artifactRepository.configMap, key: target.artifactRepository.key },
      archiveLogs: true,
      podGC: { strategy: 'OnPodCompletion' },
      ttlStrategy: { secondsAfterSuccess: 7 * 24 * 3600, secondsAfterFailure: 14 * 24 * 3600 },
      podMetadata: { labels: { ...target.podLabels, 'millwright.io/pipeline': spec.id } },
      securityContext: { ...target.podSecurityContext, seccompProfile: { ...target.podSecurityContext.seccompProfile } },
      volumes: [{ name: homeVolume, emptyDir: { sizeLimit: target.home.sizeLimit } }],
      templates: [
        { name: entrypointTemplate, dag: { tasks: steps.map((step) => dagTask(spec, step)) } },
        ...steps.map((step) => (isTrainerStep(step) ? trainerTemplate(spec, step, target, continueCodes.get(step.id)) : triggerTemplate(step, target))),
      ],
    },
  });
  const objects: KubeObject[] = [template.toJSON() as unknown as KubeObject];
  if (spec.schedule !== undefined) {
    const cron = new CronWorkflow({
      metadata: { name: spec.id, namespace: target.namespace, labels, annotations: { 'millwright.io/pipeline-spec': specFile(spec.id) } },
      spec: {
        schedules: [spec.schedule],
        timezone: 'UTC',
        concurrencyPolicy: 'Forbid',
        startingDeadlineSeconds: 300,
        successfulJobsHistoryLimit: 3,
        failedJobsHistoryLimit: 3,
        workflowMetadata: { labels },
        workflowSpec: { workflowTemplateRef: { name: spec.id } },
      },
    });
    objects.push(cron.toJSON() as unknown as KubeObject);
  }
  return objects;
}

