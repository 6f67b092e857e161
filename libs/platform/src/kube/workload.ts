import { Service, ConfigMap } from 'kubernetes-models/v1';
import type { IContainer, IEnvVar, IProbe, IVolume, IVolumeMount, IPodSpec } from 'kubernetes-models/v1';
import { Deployment, StatefulSet } from 'kubernetes-models/apps/v1';
import { Job } from 'kubernetes-models/batch/v1';
import { names } from '../model/names.ts';
import type { BuildContext, ImageRef, ResourceSpec, ServicePort } from '../model/types.ts';
import type { KubeObject } from './kube-object.ts';

/** `repository:tag@digest`, the reference a pod spec pulls. */
export function imageReference(image: ImageRef): string {
  return `${image.repository}:${image.tag}${image.digest ? `@${image.digest}` : ''}`;
}

/** The recommended `app.kubernetes.io/*` labels plus the component selector label. */
export function workloadLabels(context: BuildContext, workload: string, version?: string): Record<string, string> {
  return {
    [names.labels.name]: workload,
    [names.labels.instance]: `${context.platform.name}-${workload}`,
    ...(version !== undefined && { [names.labels.version]: version }),
    [names.labels.component]: context.component,
    [names.labels.partOf]: context.platform.name,
    [names.labels.managedBy]: names.managedBy,
    [names.labels.millwrightComponent]: context.component,
  };
}

/** The labels a workload selects its pods by; stable across image upgrades. */
export function selectorLabels(context: BuildContext, workload: string): Record<string, string> {
  return { [names.labels.name]: workload, [names.labels.instance]: `${context.platform.name}-${workload}` };
}

/** A container as components declare it: the image, its probes, resources and writable paths. */
export interface ContainerProps {
  readonly name: string;
  readonly image: ImageRef;
  readonly command?: readonly string[];
  readonly args?: readonly string[];
  readonly env?: readonly IEnvVar[];
  readonly ports?: readonly ServicePort[];
  /** Required for long-running containers; secure defaults reject a workload without them. */
  readonly liveness?: IProbe;
  readonly readiness?: IProbe;
  readonly startup?: IProbe;
  readonly resources: ResourceSpec;
  /** Writable directories on a read-only root filesystem: mount path to emptyDir size limit. */
  readonly writableDirs?: Readonly<Record<string, string>>;
  readonly volumeMounts?: readonly IVolumeMount[];
}

/** The pod of a workload: containers, extra volumes and the non-root identity it runs as. */
export interface PodProps {
  readonly containers: readonly ContainerProps[];
  readonly initContainers?: readonly ContainerProps[];
  readonly volumes?: readonly IVolume[];
  /** @default 10001 */
  readonly runAsUser?: number;
  readonly runAsGroup?: number;
  readonly fsGroup?: number;
  readonly serviceAccountName?: string;
  /** @default false: no Kubernetes API token in the pod unless the workload talks to the API. */
  readonly automountServiceAccountToken?: boolean;
  readonly terminationGracePeriodSeconds?: number;
  readonly restartPolicy?: 'Always' | 'OnFailure' | 'Never';
}

function writableVolumeName(container: string, path: string): string {
  const slug = path.replace(/^\/+/, '').replace(/[^a-z0-9]+/gi, '-').toLowerCase();
  return `${container}-${slug || 'root'}`.slice(0, 63).replace(/-+$/, '');
}

function toContainer(props: ContainerProps): IContainer {
  const writable = Object.keys(props.writableDirs ?? {}).map((path) => ({
    name: writableVolumeName(props.name, path),
    mountPath: path,
  }));
  const mounts = [...writable, ...(props.volumeMounts ?? [])];
  return {
    name: props.name,
    image: imageReference(props.image),
    imagePullPolicy: 'IfNotPresent',
    ...(props.command && { command: [...props.command] }),
    ...(props.args && { args: [...props.args] }),
    ...(props.env && props.env.length > 0 && { env: [...props.env] }),
    ...(props.ports &&
      props.ports.length > 0 && { ports: props.ports.map((p) => ({ name: p.name, containerPort: p.port, protocol: 'TCP' as const })) }),
    resources: {
      requests: { ...props.resources.requests },
      limits: { ...props.resources.limits },
    },
    ...(props.startup && { startupProbe: props.startup }),
    ...(props.liveness && { livenessProbe: props.liveness }),
    ...(props.readiness && { readinessProbe: props.readiness }),
    ...(mounts.length > 0 && { volumeMounts: mounts }),
  };
}

function writableVolumes(containers: readonly ContainerProps[]): IVolume[] {
  return containers.flatMap((container) =>
    Object.entries(container.writableDirs ?? {}).map(([path, sizeLimit]) => ({
      name: writableVolumeName(container.name, path),
      emptyDir: { sizeLimit },
    })),
  );
}

/** The pod spec; secure defaults (securityContext etc.) are applied later, centrally. */
export function podSpec(props: PodProps): IPodSpec {
  const all = [...(props.initContainers ?? []), ...props.containers];
  const volumes = [...writableVolumes(all), ...(props.volumes ?? [])];
  const runAsUser = props.runAsUser ?? 10001;
  return {
    ...(props.serviceAccountName && { serviceAccountName: props.serviceAccountName }),
    automountServiceAccountToken: props.automountServiceAccountToken ?? false,
    securityContext: {
      runAsUser,
      runAsGroup: props.runAsGroup ?? runAsUser,
      fsGroup: props.fsGroup ?? props.runAsGroup ?? runAsUser,
    },
    ...(props.terminationGracePeriodSeconds !== undefined && { terminationGracePeriodSeconds: props.terminationGracePeriodSeconds }),
    ...(props.restartPolicy && { restartPolicy: props.restartPolicy }),
    ...(props.initContainers && props.initContainers.length > 0 && { initContainers: props.initContainers.map(toContainer) }),
    containers: props.containers.map(toContainer),
    ...(volumes.length > 0 && { volumes }),
  };
}

function meta(context: BuildContext, name: string, version?: string) {
  return { name, namespace: context.namespace, labels: workloadLabels(context, name, version) };
}

function mainVersion(pod: PodProps): string | undefined {
  return pod.containers[0]?.image.tag;
}

/** A Deployment whose pods carry the component's labels; `annotations` go on the Deployment itself. */
export function deployment(
  context: BuildContext,
  props: { name: string; replicas: number; pod: PodProps; annotations?: Readonly<Record<string, string>> },
): KubeObject {
  const version = mainVersion(props.pod);
  return new Deployment({
    metadata: { ...meta(context, props.name, version), ...(props.annotations && { annotations: { ...props.annotations } }) },
    spec: {
      replicas: props.replicas,
      revisionHistoryLimit: 3,
      selector: { matchLabels: selectorLabels(context, props.name) },
      template: { metadata: { labels: workloadLabels(context, props.name, version) }, spec: podSpec(props.pod) },
    },
  }) as unknown as KubeObject;
}

/** A persistent volume a StatefulSet claims per replica. */
export interface VolumeClaimProps {
  readonly name: string;
  readonly storage: string;
  readonly mountPath: string;
}

/** A StatefulSet with one PersistentVolumeClaim template per declared claim. */
export function statefulSet(
  context: BuildContext,
  props: { name: string; replicas: number; serviceName: string; pod: PodProps; claims: readonly VolumeClaimProps[] },
): KubeObject {
  const version = mainVersion(props.pod);
  const spec = podSpec(props.pod);
  const claimMounts = props.claims.map((c) => ({ name: c.name, mountPath: c.mountPath }));
  const [first, ...rest] = spec.containers;
  if (first) first.volumeMounts = [...(first.volumeMounts ?? []), ...claimMounts];
  return new StatefulSet({
    metadata: meta(context, props.name, version),
    spec: {
      replicas: props.replicas,
      serviceName: props.serviceName,
      revisionHistoryLimit: 3,
      podManagementPolicy: 'OrderedReady',
      selector: { matchLabels: selectorLabels(context, props.name) },
      template: { metadata: { labels: workloadLabels(context, props.name, version) }, spec: { ...spec, containers: [first!, ...rest] } },
      volumeClaimTemplates: props.claims.map((claim) => ({
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        metadata: { name: claim.name, labels: selectorLabels(context, props.name) },
        spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: claim.storage } } },
      })),
    },
  }) as unknown as KubeObject;
}

/** A ClusterIP Service in front of a workload's named ports. */
export function service(context: BuildContext, props: { name: string; workload: string; ports: readonly ServicePort[]; headless?: boolean }): KubeObject {
  return new Service({
    metadata: meta(context, props.name),
    spec: {
      type: 'ClusterIP',
      ...(props.headless && { clusterIP: 'None' }),
      selector: selectorLabels(context, props.workload),
      ports: props.ports.map((p) => ({ name: p.name, port: p.port, targetPort: p.name, protocol: 'TCP' as const })),
    },
  }) as unknown as KubeObject;
}

/**
 * A run-to-completion Job. As an Argo CD PostSync hook it is re-created on every sync (its spec
 * is immutable, so a plain Job would block syncs after any change).
 */
export function job(context: BuildContext, props: { name: string; pod: PodProps; backoffLimit?: number; postSyncHook?: boolean }): KubeObject {
  const version = mainVersion(props.pod);
  return new Job({
    metadata: {
      ...meta(context, props.name, version),
      ...(props.postSyncHook && {
        annotations: { [names.annotations.argoHook]: 'PostSync', [names.annotations.argoHookDeletePolicy]: 'BeforeHookCreation' },
      }),
    },
    spec: {
      backoffLimit: props.backoffLimit ?? 6,
      template: {
        metadata: { labels: workloadLabels(context, props.name, version) },
        spec: podSpec({ restartPolicy: 'OnFailure', ...props.pod }),
      },
    },
  }) as unknown as KubeObject;
}

/** A ConfigMap of text files or settings. */
export function configMap(context: BuildContext, props: { name: string; data: Record<string, string> }): KubeObject {
  return new ConfigMap({ metadata: meta(context, props.name), data: props.data }) as unknown as KubeObject;
}

/** An environment variable read from a key of a Secret the operator creates. */
export function secretEnv(name: string, secret: string, key: string): IEnvVar {
  return { name, valueFrom: { secretKeyRef: { name: secret, key } } };
}

/** A plain environment variable. */
export function env(name: string, value: string): IEnvVar {
  return { name, value };
}

/** An HTTP GET probe on a named port. */
export function httpProbe(path: string, port: string, options: Partial<IProbe> = {}): IProbe {
  return { httpGet: { path, port }, periodSeconds: 10, timeoutSeconds: 3, failureThreshold: 3, ...options };
}

/** A probe that runs a command in the container. */
export function execProbe(command: readonly string[], options: Partial<IProbe> = {}): IProbe {
  return { exec: { command: [...command] }, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 3, ...options };
}

/** A TCP connect probe on a named port. */
export function tcpProbe(port: string, options: Partial<IProbe> = {}): IProbe {
  return { tcpSocket: { port }, periodSeconds: 10, timeoutSeconds: 3, failureThreshold: 3, ...options };
}
