/** The workload kinds whose pods the lab runs as processes. */
export type WorkloadKind = 'Deployment' | 'StatefulSet' | 'Job' | 'CronJob';

export const workloadKinds: readonly WorkloadKind[] = ['Deployment', 'StatefulSet', 'Job', 'CronJob'];

/** Names one workload: `Deployment millwright-ot/inference-api`. */
export interface WorkloadRef {
  readonly kind: WorkloadKind;
  readonly namespace: string;
  readonly name: string;
}

export function describeWorkload(workload: WorkloadRef): string {
  return `${workload.kind} ${workload.namespace}/${workload.name}`;
}

/** One file of a ConfigMap or Secret volume, as the kubelet would write it. */
export interface LabFile {
  /** Relative to the mount path: the key, or the item's `path`. */
  readonly path: string;
  readonly content: string;
  /** `base64` for a ConfigMap's `binaryData` and a rendered Secret's `data`: decode before writing. */
  readonly encoding: 'utf8' | 'base64';
  /** File mode (the item's `mode`, else the volume's `defaultMode`, else 0644). */
  readonly mode: number;
}

/** What a volume holds when the pod starts. */
export type LabVolume =
  | { readonly kind: 'files'; readonly source: 'configMap' | 'secret'; readonly name: string; readonly files: readonly LabFile[] }
  /** An emptyDir: scratch space that lives as long as the pod. */
  | { readonly kind: 'scratch'; readonly medium?: string; readonly sizeLimit?: string }
  /**
   * A PersistentVolumeClaim: survives restarts. From a StatefulSet's `volumeClaimTemplates`,
   * `perReplica` is true and replica i's claim is `<claimName>-<statefulset>-<i>`, as Kubernetes names it.
   */
  | { readonly kind: 'persistent'; readonly claimName: string; readonly perReplica: boolean; readonly size?: string };

export interface LabMount {
  readonly volume: string;
  readonly mountPath: string;
  readonly readOnly: boolean;
  readonly subPath?: string;
  readonly content: LabVolume;
}

export type LabProbeCheck =
  | { readonly kind: 'http'; readonly path: string; readonly port: number; readonly scheme: 'HTTP' | 'HTTPS'; readonly headers: Readonly<Record<string, string>> }
  | { readonly kind: 'tcp'; readonly port: number }
  | { readonly kind: 'exec'; readonly command: readonly string[] };

/** A probe with its timing; unset timings take Kubernetes' defaults (0, 10, 1, 3, 1). */
export interface LabProbe {
  readonly check: LabProbeCheck;
  readonly initialDelaySeconds: number;
  readonly periodSeconds: number;
  readonly timeoutSeconds: number;
  readonly failureThreshold: number;
  readonly successThreshold: number;
}

/** One container as a process: what to run and the exact environment its rendered container gets. */
export interface LabContainer {
  readonly name: string;
  readonly image: string;
  /** The container's `command` (replaces the image's entrypoint), `$(VAR)` expanded; unset: the image's. */
  readonly command?: readonly string[];
  /** The container's `args` (replace the image's cmd), `$(VAR)` expanded; unset: the image's. */
  readonly args?: readonly string[];
  readonly workingDir?: string;
  /**
   * The resolved environment, exactly what the kubelet sets from the pod spec (the `kubernetes`
   * Service's variables aside: see `labWorkloads`). The image's own ENV lines and the `HOSTNAME`
   * the container runtime adds come beneath it and are not included.
   */
  readonly env: Readonly<Record<string, string>>;
  /**
   * `$(NAME)` references nothing defined, kept as written (Kubernetes' rule), each as
   * `<where>: $(NAME)` with where an env variable, `command[i]` or `args[i]`.
   */
  readonly unresolved: readonly string[];
  /** Container port by name; an unnamed port under its own number. */
  readonly ports: Readonly<Record<string, number>>;
  readonly readiness?: LabProbe;
  readonly liveness?: LabProbe;
  readonly startup?: LabProbe;
  readonly mounts: readonly LabMount[];
  /** The securityContext's runAsUser and runAsGroup (the container's over the pod's), when set. */
  readonly runAs?: { readonly uid: number; readonly gid: number };
}

/** A Deployment, StatefulSet, Job or CronJob as the lab runs it. */
export interface LabWorkload extends WorkloadRef {
  /** The `millwright.io/component` label of the workload (else of its pod template). */
  readonly component?: string;
  /** The pod template's labels, which Services select on. */
  readonly podLabels: Readonly<Record<string, string>>;
  /** `spec.replicas` (Deployment, StatefulSet) or `parallelism` (Job, CronJob's job); 1 when unset, as Kubernetes defaults both. */
  readonly replicas: number;
  /** A CronJob's schedule and whether it is suspended. */
  readonly schedule?: string;
  readonly suspended?: boolean;
  /** The pod's `restartPolicy` (Always unless set: a Job's pods must set OnFailure or Never). */
  readonly restartPolicy: 'Always' | 'OnFailure' | 'Never';
  /** initContainers, run one after the other to completion before `containers` start. */
  readonly initSteps: readonly LabContainer[];
  readonly containers: readonly LabContainer[];
}
