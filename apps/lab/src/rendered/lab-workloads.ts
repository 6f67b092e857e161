import { names, type KubeObject } from '@millwright/kube';
import type { IContainer, IPersistentVolumeClaim, IPodTemplateSpec } from 'kubernetes-models/v1';
import { containerEnvironment, expandArguments, type PodFacts } from './container-environment.ts';
import { containerPorts, containerProbes } from './container-probes.ts';
import { dataSources, type DataSources } from './data-sources.ts';
import { describeWorkload, workloadKinds, type LabContainer, type LabWorkload, type WorkloadKind, type WorkloadRef } from './lab-workload.ts';
import { indexObjects, namespaceOf } from './object-index.ts';
import { throwIfProblems } from './rendered-objects-error.ts';
import type { SecretValuesByPath } from './secret-values.ts';
import { containerMounts } from './volume-contents.ts';

export interface LabWorkloadsOptions {
  /** The cluster the objects were built for: the lab's Secret values are looked up under it. */
  readonly cluster: string;
  /** What `fieldRef: status.podIP` resolves to. @default undefined (such a reference is an error) */
  readonly podIp?: string;
  /**
   * What `fieldRef: metadata.name` resolves to.
   * @default `<name>-0`: a StatefulSet's first pod's real name; other kinds' pods have random suffixes anyway
   */
  readonly podName?: (workload: WorkloadRef) => string;
}

/** The parts of a workload's spec that differ by kind. */
interface PodTemplateOf {
  readonly template: IPodTemplateSpec;
  readonly replicas: number;
  readonly claimTemplates: readonly IPersistentVolumeClaim[];
  readonly schedule?: string;
  readonly suspended?: boolean;
}

interface WorkloadSpec {
  replicas?: number;
  parallelism?: number;
  template?: IPodTemplateSpec;
  volumeClaimTemplates?: IPersistentVolumeClaim[];
  schedule?: string;
  suspend?: boolean;
  jobTemplate?: { spec?: WorkloadSpec };
}

function podTemplateOf(kind: WorkloadKind, spec: WorkloadSpec): PodTemplateOf {
  if (kind === 'CronJob') {
    const job = spec.jobTemplate?.spec ?? {};
    return { template: job.template ?? {}, replicas: job.parallelism ?? 1, claimTemplates: [], ...(spec.schedule !== undefined ? { schedule: spec.schedule } : {}), suspended: spec.suspend ?? false };
  }
  if (kind === 'Job') return { template: spec.template ?? {}, replicas: spec.parallelism ?? 1, claimTemplates: [] };
  return { template: spec.template ?? {}, replicas: spec.replicas ?? 1, claimTemplates: kind === 'StatefulSet' ? (spec.volumeClaimTemplates ?? []) : [] };
}

/** What the kubelet adds that the lab cannot give: refused rather than left out silently. */
function unsupportedPodFeatures(template: IPodTemplateSpec, where: string): string[] {
  const pod = template.spec;
  const problems: string[] = [];
  if (pod?.enableServiceLinks !== false) {
    problems.push(`${where}: enableServiceLinks is not false, so the kubelet would add <SERVICE>_SERVICE_HOST/_PORT variables for every Service of the namespace, which the lab does not; set enableServiceLinks: false`);
  }
  if (pod?.automountServiceAccountToken !== false) {
    problems.push(`${where}: automountServiceAccountToken is not false, but the lab has no API server to issue a token; set it to false`);
  }
  for (const init of pod?.initContainers ?? []) {
    if (init.restartPolicy === 'Always') problems.push(`${where}, initContainer ${init.name}: native sidecars (restartPolicy: Always) are not supported by the lab`);
  }
  return problems;
}

interface ContainerContext {
  readonly sources: DataSources;
  readonly pod: PodFacts;
  readonly cluster: string;
  readonly volumes: NonNullable<NonNullable<IPodTemplateSpec['spec']>['volumes']>;
  readonly claimTemplates: readonly IPersistentVolumeClaim[];
  /** The pod's securityContext user and group, which a container's own override. */
  readonly podRunAs: { readonly runAsUser?: number; readonly runAsGroup?: number };
}

/** The uid and gid the container runs as (the container's securityContext over the pod's; the group defaults to the user). */
function runAsOf(container: IContainer, pod: ContainerContext['podRunAs']): LabContainer['runAs'] {
  const uid = container.securityContext?.runAsUser ?? pod.runAsUser;
  const gid = container.securityContext?.runAsGroup ?? pod.runAsGroup ?? uid;
  return uid === undefined || gid === undefined ? undefined : { uid, gid };
}

function labContainer(container: IContainer, context: ContainerContext, where: string, problems: string[]): LabContainer {
  const resolved = containerEnvironment(container, { sources: context.sources, pod: context.pod, cluster: context.cluster, where }, problems);
  const unresolved = [...resolved.unresolved];
  const command = expandArguments('command', container.command, resolved.env, unresolved);
  const args = expandArguments('args', container.args, resolved.env, unresolved);
  const ports = containerPorts(container);
  const volumeContext = { sources: context.sources, namespace: context.pod.namespace, cluster: context.cluster, claimTemplates: context.claimTemplates, where };
  const runAs = runAsOf(container, context.podRunAs);
  return {
    name: container.name,
    image: container.image ?? '',
    ...(command ? { command } : {}),
    ...(args ? { args } : {}),
    ...(container.workingDir ? { workingDir: container.workingDir } : {}),
    env: resolved.env,
    unresolved,
    ports,
    ...containerProbes(container, ports, where, problems),
    mounts: containerMounts(container, context.volumes, volumeContext, problems),
    ...(runAs ? { runAs } : {}),
  };
}

function labWorkload(object: KubeObject, sources: DataSources, options: LabWorkloadsOptions, problems: string[]): LabWorkload {
  const ref: WorkloadRef = { kind: object.kind as WorkloadKind, namespace: namespaceOf(object), name: object.metadata.name };
  const where = describeWorkload(ref);
  const of = podTemplateOf(ref.kind, (object['spec'] ?? {}) as WorkloadSpec);
  const podLabels = of.template.metadata?.labels ?? {};
  const pod: PodFacts = {
    namespace: ref.namespace,
    podName: options.podName?.(ref) ?? `${ref.name}-0`,
    ...(options.podIp !== undefined ? { podIp: options.podIp } : {}),
    labels: podLabels,
    annotations: of.template.metadata?.annotations ?? {},
  };
  problems.push(...unsupportedPodFeatures(of.template, where));
  const context: ContainerContext = {
    sources,
    pod,
    cluster: options.cluster,
    volumes: of.template.spec?.volumes ?? [],
    claimTemplates: of.claimTemplates,
    podRunAs: of.template.spec?.securityContext ?? {},
  };
  const component = object.metadata.labels?.[names.labels.millwrightComponent] ?? podLabels[names.labels.millwrightComponent];
  const restartPolicy = of.template.spec?.restartPolicy;
  return {
    ...ref,
    ...(component !== undefined ? { component } : {}),
    podLabels,
    replicas: of.replicas,
    ...(of.schedule !== undefined ? { schedule: of.schedule } : {}),
    ...(of.suspended !== undefined ? { suspended: of.suspended } : {}),
    restartPolicy: restartPolicy === 'OnFailure' || restartPolicy === 'Never' ? restartPolicy : 'Always',
    initSteps: (of.template.spec?.initContainers ?? []).map((container) => labContainer(container, context, `${where}, initContainer ${container.name}`, problems)),
    containers: (of.template.spec?.containers ?? []).map((container) => labContainer(container, context, `${where}, container ${container.name}`, problems)),
  };
}

/** The API group each workload kind lives in; a custom resource of the same kind is not one. */
const workloadApiVersions: Readonly<Record<WorkloadKind, string>> = { Deployment: 'apps/v1', StatefulSet: 'apps/v1', Job: 'batch/v1', CronJob: 'batch/v1' };

function isWorkload(object: KubeObject): boolean {
  return (workloadKinds as readonly string[]).includes(object.kind) && workloadApiVersions[object.kind as WorkloadKind] === object.apiVersion;
}

/**
 * Every Deployment, StatefulSet, Job and CronJob of one cluster's built objects, as the lab runs
 * them: images, commands and the exact environment of each container (Kubernetes' rules, see
 * `containerEnvironment`), ports, probes and the content of every mounted volume. ConfigMaps
 * come from `objects`; Secrets from `objects` or else from `secrets` under `options.cluster`.
 * The variables of the `kubernetes` Service (`KUBERNETES_SERVICE_HOST`...) are left out: the
 * lab runs no API server, and pods that would use one are refused.
 * @throws RenderedObjectsError naming every reference that cannot resolve and every unsupported feature
 */
export function labWorkloads(objects: readonly KubeObject[], secrets: SecretValuesByPath, options: LabWorkloadsOptions): LabWorkload[] {
  const sources = dataSources(indexObjects(objects), secrets, options.cluster);
  const problems: string[] = [];
  const workloads = objects.filter(isWorkload).map((object) => labWorkload(object, sources, options, problems));
  throwIfProblems([...new Set(problems)]);
  return workloads;
}
