import { conditionalExitCodes, failureGuardId, normaliseGraph, orderedSteps, stepGraph, type StepGraph } from '../graph/step-graph.ts';
import { resolvedSettings, specLine, trainerArgs, type ArgPart } from '../graph/step-command.ts';
import type { PipelineTarget } from '../pipeline-target.ts';
import { isTrainerStep, type PipelineSpec, type TrainerStep, type TriggerStep } from '../spec/pipeline-spec.ts';
import { pythonCall, pythonLiteral, pythonString, taskVariable, type PythonValue } from './python-source.ts';

/** Where a pipeline's DAG file goes in the repository: `dags/<id>.py`, git-synced by the Airflow chart. */
export function dagFilePath(spec: PipelineSpec, dagsRoot = 'dags'): string {
  return `${dagsRoot}/${spec.id}.py`;
}

/** Airflow reads run ids through this Jinja filter (defined in every DAG file). */
const runIdTemplate = '{{ run_id | trainer_run_id }}';

function jinja(part: ArgPart): string {
  if ('text' in part) return part.text;
  if ('param' in part) return `{{ params.${part.param} }}`;
  return part.run === '' ? runIdTemplate : `${runIdTemplate}-${part.run}`;
}

/** Kubernetes field names to the kubernetes Python client's keyword names (`runAsNonRoot` → `run_as_non_root`). */
function snake(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

function securityContext(className: string, fields: object): string {
  const keywords = Object.entries(fields).map(([name, value]) => {
    if (name === 'seccompProfile') return `${snake(name)}=k8s.V1SeccompProfile(type=${pythonString((value as { type: string }).type)})`;
    if (name === 'capabilities') return `${snake(name)}=k8s.V1Capabilities(drop=${pythonLiteral([...(value as { drop: string[] }).drop])})`;
    return `${snake(name)}=${pythonLiteral(value as PythonValue)}`;
  });
  return `k8s.${className}(\n    ${keywords.join(',\n    ')},\n)`;
}

/** `airflow.providers.standard` on Airflow 3, `airflow` on Airflow 2: the operators a DAG imports from there. */
const standardOperators = {
  TriggerDagRunOperator: 'operators.trigger_dagrun',
  EmptyOperator: 'operators.empty',
} as const;

function standardImports(operators: readonly (keyof typeof standardOperators)[]): string {
  if (operators.length === 0) return '';
  const imports = (root: string) => operators.map((operator) => `    from ${root}.${standardOperators[operator]} import ${operator}`).join('\n');
  return `
try:  # Airflow 3: the standard provider
${imports('airflow.providers.standard')}
except ImportError:  # Airflow 2
${imports('airflow')}
`;
}

function header(spec: PipelineSpec, target: PipelineTarget, operators: readonly (keyof typeof standardOperators)[]): string {
  const plain = target.env.filter((v): v is { name: string; value: string } => 'value' in v);
  const secrets = target.env.filter((v): v is { name: string; secret: { name: string; key: string } } => 'secret' in v);
  return `${target.banner}
# ${specLine(spec)} (show it with: npm run dags -- show ${spec.id})
#
# ${spec.description}
#
# Each step runs the trainer image with KubernetesPodOperator: one trainer sub-command per pod,
# tied to the other steps by a run id made from Airflow's run id, so a retried task continues
# the same run (the trainer skips a step already done for it). Needs Airflow 2.9+ or 3 with
# apache-airflow-providers-cncf-kubernetes 7.2+ (on_finish_action)${operators.length > 0 ? ' and, on Airflow 3, apache-airflow-providers-standard' : ''}.

from __future__ import annotations

import datetime
import re

from airflow.providers.cncf.kubernetes.operators.pod import KubernetesPodOperator
from airflow.providers.cncf.kubernetes.secret import Secret
from kubernetes.client import models as k8s

try:  # Airflow 3
    from airflow.sdk import DAG
except ImportError:  # Airflow 2.9 and 2.10
    from airflow import DAG
${standardImports(operators)}
# The pinned trainer image the platform's overlays use (platform.config.ts images, platform.images.json).
IMAGE = ${pythonString(target.image)}
NAMESPACE = ${pythonString(target.namespace)}
# No Kubernetes API token in the step pods: the trainer never talks to the API.
SERVICE_ACCOUNT = ${pythonString(target.stepServiceAccount)}
# The platform's NetworkPolicies let pods with these labels reach MLflow, MinIO and PostgreSQL.
POD_LABELS = ${pythonLiteral(target.podLabels)}
ENV = [
${plain.map((v) => `    k8s.V1EnvVar(name=${pythonString(v.name)}, value=${pythonString(v.value)}),`).join('\n')}
]
# Secrets are referenced by name and key; their values never appear here.
SECRETS = [
${secrets.map((v) => `    Secret("env", ${pythonString(v.name)}, ${pythonString(v.secret.name)}, ${pythonString(v.secret.key)}),`).join('\n')}
]
# Pod Security "restricted", as every pod of the platform: non-root, no privilege escalation,
# no capabilities, RuntimeDefault seccomp, a read-only root with one writable emptyDir.
POD_SECURITY_CONTEXT = ${securityContext('V1PodSecurityContext', target.podSecurityContext)}
CONTAINER_SECURITY_CONTEXT = ${securityContext('V1SecurityContext', target.containerSecurityContext)}
HOME_VOLUME = k8s.V1Volume(name="millwright-home", empty_dir=k8s.V1EmptyDirVolumeSource(size_limit=${pythonString(target.home.sizeLimit)}))
HOME_MOUNT = k8s.V1VolumeMount(name="millwright-home", mount_path=${pythonString(target.home.path)})


def trainer_run_id(run_id: str) -> str:
    """The trainer's run id for an Airflow run id: letters, digits, '.', '_' and '-', at most 100."""
    return re.sub(r"[^A-Za-z0-9_.-]", "-", run_id).strip("-._")[:100]


def resources(cpu: str, memory: str, cpu_limit: str, memory_limit: str) -> k8s.V1ResourceRequirements:
    """Requests and limits of a step's container."""
    return k8s.V1ResourceRequirements(requests={"cpu": cpu, "memory": memory}, limits={"cpu": cpu_limit, "memory": memory_limit})


def trainer_task(task_id: str, arguments: list[str], container_resources: k8s.V1ResourceRequirements, **task_args) -> KubernetesPodOperator:
    """One step: the trainer image running one sub-command in a pod of its own."""
    return KubernetesPodOperator(
        task_id=task_id,
        name=${pythonString(`${spec.id}-`)} + task_id,
        namespace=NAMESPACE,
        image=IMAGE,
        arguments=arguments,
        env_vars=ENV,
        secrets=SECRETS,
        labels=POD_LABELS,
        service_account_name=SERVICE_ACCOUNT,
        security_context=POD_SECURITY_CONTEXT,
        container_security_context=CONTAINER_SECURITY_CONTEXT,
        volumes=[HOME_VOLUME],
        volume_mounts=[HOME_MOUNT],
        container_resources=container_resources,
        on_finish_action="delete_pod",
        get_logs=True,
        **task_args,
    )
`;
}

function dagBlock(spec: PipelineSpec): string {
  const defaults = spec.defaults ?? {};
  const retry = defaults.retry;
  const parameters = Object.entries(spec.parameters ?? {});
  const lines = [
    'with DAG(',
    `    dag_id=${pythonString(spec.id)},`,
    `    description=${pythonString(spec.description)},`,
    `    schedule=${spec.schedule === undefined ? 'None' : pythonString(spec.schedule)},`,
    '    start_date=datetime.datetime(2025, 1, 1, tzinfo=datetime.timezone.utc),',
    '    catchup=False,',
    `    max_active_runs=${spec.maxActiveRuns ?? 1},`,
    `    tags=${pythonLiteral(['millwright', ...(spec.tags ?? [])])},`,
    ...(parameters.length > 0
      ? ['    params={', ...parameters.map(([name, p]) => `        ${pythonString(name)}: ${pythonString(p.default)},  # ${p.description}`), '    },']
      : []),
    '    default_args={',
    '        "owner": "millwright",',
    ...(retry
      ? [
          `        "retries": ${retry.retries},`,
          `        "retry_delay": datetime.timedelta(seconds=${retry.delaySeconds}),`,
          '        "retry_exponential_backoff": True,',
          `        "max_retry_delay": datetime.timedelta(seconds=${retry.maxDelaySeconds ?? retry.delaySeconds * 10}),`,
        ]
      : []),
    ...(defaults.timeoutMinutes !== undefined ? [`        "execution_timeout": datetime.timedelta(minutes=${defaults.timeoutMinutes}),`] : []),
    '    },',
    '    user_defined_filters={"trainer_run_id": trainer_run_id},',
    ') as dag:',
  ];
  return lines.join('\n');
}

function trainerTask(spec: PipelineSpec, step: TrainerStep, skipCodes: readonly number[] | undefined): string {
  const settings = resolvedSettings(spec, step);
  const { requests, limits } = settings.resources;
  const args = trainerArgs(spec, step).map((arg) => arg.map(jinja).join(''));
  const overrides: string[] = [];
  const defaults = spec.defaults ?? {};
  if (step.retry) {
    overrides.push(
      `retries=${step.retry.retries}`,
      `retry_delay=datetime.timedelta(seconds=${step.retry.delaySeconds})`,
      `max_retry_delay=datetime.timedelta(seconds=${settings.retry.maxDelaySeconds})`,
    );
  } else if (!defaults.retry) {
    overrides.push(`retries=${settings.retry.retries}`, `retry_delay=datetime.timedelta(seconds=${settings.retry.delaySeconds})`);
  }
  if (step.timeoutMinutes !== undefined || defaults.timeoutMinutes === undefined) overrides.push(`execution_timeout=datetime.timedelta(minutes=${settings.timeoutMinutes})`);
  if (skipCodes) overrides.push(`skip_on_exit_code=${pythonLiteral([...skipCodes])}`);
  const argLines = args.map((arg) => `            ${pythonString(arg)},`).join('\n');
  return [
    `    ${taskVariable(step.id)} = trainer_task(`,
    `        ${pythonString(step.id)},`,
    `        [\n${argLines}\n        ],`,
    `        resources(${[requests.cpu, requests.memory, limits.cpu, limits.memory].map(pythonString).join(', ')}),`,
    ...overrides.map((o) => `        ${o},`),
    '    )',
  ].join('\n');
}

function triggerTask(step: TriggerStep): string {
  const comment = step.when
    ? `    # ${step.when.step} exits ${step.when.exitCode} to say "go on" (skip_on_exit_code marks it skipped); only then does this run.\n`
    : '';
  return `${comment}    ${taskVariable(step.id)} = ${pythonCall(
    'TriggerDagRunOperator',
    [
      ['task_id', step.id],
      ['trigger_dag_id', step.trigger],
      ['wait_for_completion', false],
      ['trigger_rule', step.when ? 'all_skipped' : undefined],
    ],
    '    ',
  )}`;
}

function wiring(spec: PipelineSpec): string[] {
  return orderedSteps(spec).flatMap((upstream) => {
    const downstream = spec.steps.filter((s) => (s.dependsOn ?? []).includes(upstream.id)).map((s) => taskVariable(s.id));
    if (downstream.length === 0) return [];
    const target = downstream.length === 1 ? downstream[0]! : `[${downstream.join(', ')}]`;
    return [`    ${taskVariable(upstream.id)} >> ${target}`];
  });
}

/**
 * The failure guard after a step a `when` waits on. Airflow decides a run's state from its leaf
 * tasks alone: failed when one is failed or upstream_failed. The step's `when` tasks wait with
 * trigger_rule all_skipped, which also skips them when the step fails, so a step that crashed
 * would leave only skipped leaves and a successful run, where Argo fails the workflow. The guard
 * is a leaf with trigger_rule none_failed: upstream_failed, failing the run, when the step
 * failed; success when it succeeded or was skipped by its "go on" exit code. An EmptyOperator
 * runs no pod: the scheduler sets its state.
 */
function failureGuard(spec: PipelineSpec, stepId: string, exitCodes: readonly number[]): string {
  const guard = failureGuardId(stepId);
  const waiting = spec.steps.filter((step) => !isTrainerStep(step) && step.when?.step === stepId).map((step) => step.id);
  return [
    `    # A run's state comes from its leaf tasks. When ${stepId} fails (any exit code but ${exitCodes.join(' or ')}, after its`,
    `    # retries), ${waiting.join(' and ')} ${waiting.length === 1 ? 'is' : 'are'} skipped, so this leaf fails the run: upstream_failed then, success when`,
    `    # ${stepId} succeeded or was skipped (trigger_rule none_failed). It runs no pod.`,
    `    ${taskVariable(guard)} = ${pythonCall(
      'EmptyOperator',
      [
        ['task_id', guard],
        ['trigger_rule', 'none_failed'],
      ],
      '    ',
    )}`,
    `    ${taskVariable(stepId)} >> ${taskVariable(guard)}`,
  ].join('\n');
}

/**
 * The tasks and `>>` edges of a pipeline's DAG file: the spec's steps and dependencies, and a
 * failure guard after each step a `when` waits on. Pure.
 */
export function airflowTaskGraph(spec: PipelineSpec): StepGraph {
  const graph = stepGraph(spec);
  const guarded = [...conditionalExitCodes(spec).keys()];
  return normaliseGraph(
    [...graph.nodes, ...guarded.map(failureGuardId)],
    [...graph.edges, ...guarded.map((stepId) => [stepId, failureGuardId(stepId)] as const)],
  );
}

/**
 * Renders one pipeline as an Airflow DAG file: plain Python for Airflow 2.9+ and 3, one
 * KubernetesPodOperator per trainer step (namespace, service account, container_resources,
 * env from Secrets, on_finish_action="delete_pod", get_logs=True), TriggerDagRunOperator for a
 * trigger step, and the dependencies as `>>` lines. A trainer step another step waits on for an
 * exit code gets `skip_on_exit_code`, the waiting step `trigger_rule="all_skipped"`, and the
 * trainer step a failure guard, so that its failure still fails the run. Pure.
 */
export function renderAirflowDag(spec: PipelineSpec, target: PipelineTarget): string {
  const skipCodes = conditionalExitCodes(spec);
  const operators = [
    ...(spec.steps.some((step) => !isTrainerStep(step)) ? (['TriggerDagRunOperator'] as const) : []),
    ...(skipCodes.size > 0 ? (['EmptyOperator'] as const) : []),
  ];
  const tasks = orderedSteps(spec).map((step) => (isTrainerStep(step) ? trainerTask(spec, step, skipCodes.get(step.id)) : triggerTask(step)));
  const wires = wiring(spec);
  const guards = [...skipCodes].map(([stepId, exitCodes]) => failureGuard(spec, stepId, exitCodes));
  return `${header(spec, target, operators)}

${dagBlock(spec)}
${tasks.join('\n\n')}
${wires.length > 0 ? `\n${wires.join('\n')}\n` : ''}${guards.map((guard) => `\n${guard}\n`).join('')}`;
}
