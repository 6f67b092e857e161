import type { IContainer, IPodSpec, IPodTemplateSpec } from 'kubernetes-models/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { describeObject, toPlain, type KubeObject } from './kube-object.ts';

/** A component whose objects cannot be made to meet the secure defaults. */
export class SecureDefaultsError extends Error {
  constructor(component: string, object: KubeObject, problem: string) {
    super(`component ${component}: ${describeObject(object)}: ${problem}`);
    this.name = 'SecureDefaultsError';
  }
}

/** Kinds that run long-lived pods: they need liveness and readiness probes. */
const longRunningKinds = new Set(['Deployment', 'StatefulSet', 'DaemonSet']);

/** Where each workload kind keeps its pod template. */
function podTemplateOf(object: KubeObject): IPodTemplateSpec | undefined {
  const spec = object['spec'] as Record<string, unknown> | undefined;
  if (!spec) return undefined;
  if (['Deployment', 'StatefulSet', 'DaemonSet', 'Job'].includes(object.kind)) {
    return spec['template'] as IPodTemplateSpec | undefined;
  }
  if (object.kind === 'CronJob') {
    const jobTemplate = spec['jobTemplate'] as { spec?: { template?: IPodTemplateSpec } } | undefined;
    return jobTemplate?.spec?.template;
  }
  return undefined;
}

/** The container-level settings Pod Security "restricted" requires, plus a read-only root. */
function containerSecurity() {
  return {
    allowPrivilegeEscalation: false,
    readOnlyRootFilesystem: true,
    runAsNonRoot: true,
    capabilities: { drop: ['ALL'] },
    seccompProfile: { type: 'RuntimeDefault' as const },
  };
}

function hardenContainer(component: string, object: KubeObject, container: IContainer, needsProbes: boolean): IContainer {
  const fail = (problem: string) => {
    throw new SecureDefaultsError(component, object, `container ${container.name} ${problem}`);
  };
  const requested = container.securityContext ?? {};
  if (requested.privileged) fail('asks to be privileged; privileged containers are not allowed.');
  if (requested.allowPrivilegeEscalation) fail('asks for privilege escalation; it is not allowed.');
  if (requested.readOnlyRootFilesystem === false) fail('asks for a writable root filesystem; declare writableDirs instead.');
  if (requested.capabilities?.add?.length) fail(`adds capabilities (${requested.capabilities.add.join(', ')}); none may be added.`);
  if (requested.runAsUser === 0) fail('asks to run as root (uid 0).');
  if (container.ports?.some((p) => p.hostPort !== undefined)) fail('uses a hostPort; Pod Security "restricted" forbids host ports, use a Service.');

  const { requests, limits } = container.resources ?? {};
  for (const resource of ['cpu', 'memory'] as const) {
    if (!requests?.[resource]) fail(`has no ${resource} request; declare resources.requests.${resource}.`);
    if (!limits?.[resource]) fail(`has no ${resource} limit; declare resources.limits.${resource}.`);
  }
  if (needsProbes) {
    if (!container.livenessProbe) fail('has no liveness probe; declare one.');
    if (!container.readinessProbe) fail('has no readiness probe; declare one.');
  }
  return { ...container, securityContext: { ...containerSecurity(), ...(requested.runAsUser && { runAsUser: requested.runAsUser }) } };
}

function hardenPod(component: string, object: KubeObject, pod: IPodSpec): IPodSpec {
  const needsProbes = longRunningKinds.has(object.kind);
  const requested = pod.securityContext ?? {};
  if (requested.runAsUser === 0) throw new SecureDefaultsError(component, object, 'pod asks to run as root (uid 0).');
  if (pod.hostNetwork || pod.hostPID || pod.hostIPC) {
    throw new SecureDefaultsError(component, object, 'pod asks for host namespaces (hostNetwork/hostPID/hostIPC).');
  }
  if (pod.volumes?.some((v) => v.hostPath)) {
    throw new SecureDefaultsError(component, object, 'pod mounts a hostPath volume; use a PersistentVolumeClaim or emptyDir.');
  }
  return {
    ...pod,
    automountServiceAccountToken: pod.automountServiceAccountToken ?? false,
    enableServiceLinks: false,
    securityContext: {
      ...requested,
      runAsNonRoot: true,
      runAsUser: requested.runAsUser ?? 10001,
      seccompProfile: { type: 'RuntimeDefault' },
    },
    ...(pod.initContainers && { initContainers: pod.initContainers.map((c) => hardenContainer(component, object, c, false)) }),
    containers: pod.containers.map((c) => hardenContainer(component, object, c, needsProbes)),
  };
}

function disruptionBudgetFor(object: KubeObject): KubeObject | undefined {
  if (object.kind !== 'Deployment' && object.kind !== 'StatefulSet') return undefined;
  const spec = object['spec'] as { replicas?: number; selector?: { matchLabels?: Record<string, string> } };
  if ((spec.replicas ?? 1) <= 1) return undefined;
  return new PodDisruptionBudget({
    metadata: { name: object.metadata.name, namespace: object.metadata.namespace, labels: { ...object.metadata.labels } },
    spec: { maxUnavailable: 1, selector: { matchLabels: { ...spec.selector?.matchLabels } } },
  }).toJSON() as unknown as KubeObject;
}

/**
 * Applies the platform's secure defaults to a component's objects, once and for every component:
 * Pod Security "restricted" settings, a read-only root filesystem, no service-account token
 * unless asked for, and a PodDisruptionBudget for every workload with more than one replica.
 * Rejects what cannot be made secure (root, privilege, host access) and workloads that lack
 * requests, limits or probes, naming the component, object and container.
 */
export function applySecureDefaults(component: string, objects: readonly KubeObject[]): KubeObject[] {
  const hardened: KubeObject[] = [];
  for (const original of objects) {
    const object = toPlain(original);
    const template = podTemplateOf(object);
    if (template?.spec) template.spec = hardenPod(component, object, template.spec);
    hardened.push(object);
    const budget = disruptionBudgetFor(object);
    if (budget) hardened.push(budget);
  }
  return hardened;
}
