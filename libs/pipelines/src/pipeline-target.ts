/**
 * Where and how the pipelines run, as the platform resolves it (libs/platform's `pipelines`
 * component): the same pinned trainer image the overlays use, the namespace, service accounts,
 * the environment with Secrets by reference, and the secure defaults every pod gets. Both
 * renderers take it, so an Airflow task and an Argo step run the very same container.
 */
export interface PipelineTarget {
  /** The namespace the step pods run in. */
  readonly namespace: string;
  /** The trainer image, `repository:tag` or `repository:tag@sha256:...`. */
  readonly image: string;
  /** The service account of the steps Airflow starts; it needs no Kubernetes API access. */
  readonly stepServiceAccount: string;
  /** The service account of Argo workflows: its executor reports results and the trigger creates Workflows. */
  readonly workflowServiceAccount: string;
  /** The trainer's environment, in order; Secrets only by name and key. */
  readonly env: readonly StepEnvVar[];
  /** Labels of every step pod (the platform's NetworkPolicies select pods by them). */
  readonly podLabels: Readonly<Record<string, string>>;
  /** Labels of the rendered Kubernetes objects. */
  readonly objectLabels: Readonly<Record<string, string>>;
  /** The pod securityContext (Kubernetes field names). */
  readonly podSecurityContext: PodSecurity;
  /** The container securityContext (Kubernetes field names). */
  readonly containerSecurityContext: ContainerSecurity;
  /** The writable emptyDir for MILLWRIGHT_HOME on the read-only root filesystem. */
  readonly home: { readonly path: string; readonly sizeLimit: string };
  /** The Argo artifact repository (a key of a ConfigMap in the namespace): step logs are archived there. */
  readonly artifactRepository: { readonly configMap: string; readonly key: string };
  /** The first line of every generated file. */
  readonly banner: string;
}

/** A plain variable, or one read from a key of a Secret the operator creates. */
export type StepEnvVar = { readonly name: string; readonly value: string } | { readonly name: string; readonly secret: { readonly name: string; readonly key: string } };

/** The pod-level settings of Pod Security "restricted". */
export interface PodSecurity {
  readonly runAsNonRoot: boolean;
  readonly runAsUser: number;
  readonly runAsGroup: number;
  readonly fsGroup: number;
  readonly seccompProfile: { readonly type: 'RuntimeDefault' | 'Localhost' | 'Unconfined' };
}

/** The container-level settings of Pod Security "restricted", with a read-only root. */
export interface ContainerSecurity {
  readonly allowPrivilegeEscalation: boolean;
  readonly readOnlyRootFilesystem: boolean;
  readonly runAsNonRoot: boolean;
  readonly capabilities: { readonly drop: readonly string[] };
  readonly seccompProfile: { readonly type: 'RuntimeDefault' | 'Localhost' | 'Unconfined' };
}
