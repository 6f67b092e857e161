import type { IMatchResources, IValidatingAdmissionPolicy, IValidatingAdmissionPolicyBinding } from 'kubernetes-models/admissionregistration.k8s.io/v1';
import type { KubeObject } from '@millwright/kube';

/**
 * How a failed policy is reported: `Deny` fails the gate (and rejects at admission), `Warn`
 * yields a warning and lets the object through. For an admission policy the mode is its
 * binding's `validationActions`, so CI and the cluster read the same switch.
 */
export type PolicyMode = 'Deny' | 'Warn';

/** A Kubernetes label selector (`matchLabels` and `matchExpressions`). */
export type LabelSelector = NonNullable<IMatchResources['namespaceSelector']>;

/**
 * A policy Kubernetes can enforce itself: a ValidatingAdmissionPolicy (CEL) and its binding.
 * The offline runner evaluates exactly these objects, so CI checks what admission enforces.
 */
export interface AdmissionPolicy {
  readonly type: 'admission';
  /** The policy's `metadata.name`; the binding carries the same name. */
  readonly name: string;
  /** One sentence: what the policy demands and why. */
  readonly description: string;
  readonly policy: IValidatingAdmissionPolicy;
  readonly binding: IValidatingAdmissionPolicyBinding;
  /**
   * False for a policy that only makes sense over the Git tree (e.g. "no Secret with data": in
   * the cluster, Secrets are created with data by design); the in-cluster rendering skips it.
   */
  readonly inCluster: boolean;
}

/** What a cross-object policy may look at: the other objects bound for the same cluster. */
export interface ClusterObjects {
  /** The cluster (or delivery root, e.g. `bootstrap`) the objects are applied to. */
  readonly cluster: string;
  /** Every namespaced object of that cluster in one namespace. */
  inNamespace(namespace: string): readonly KubeObject[];
}

/**
 * A policy over the whole built set, evaluated by the runner only: a ValidatingAdmissionPolicy
 * sees one object at a time and cannot ask "does another object exist that ..." when the other
 * object cannot be named up front (a PodDisruptionBudget selecting this workload's pods).
 */
export interface SetPolicy {
  readonly type: 'set';
  readonly name: string;
  readonly description: string;
  readonly mode: PolicyMode;
  /** Whether the object is one this policy tests (a test is counted for each). */
  readonly appliesTo: (object: KubeObject) => boolean;
  /** The violations of one object: empty when it passes. */
  readonly check: (object: KubeObject, cluster: ClusterObjects) => readonly string[];
}

/** Either kind of policy; the runner evaluates both the same way per object. */
export type Policy = AdmissionPolicy | SetPolicy;

/** One object to test, with the file it was rendered or built from and where it is applied. */
export interface PolicyTarget {
  readonly object: KubeObject;
  /** The rendered file, or the overlay directory whose build produced the object. */
  readonly file: string;
  /** The cluster (or delivery root) the object is applied to; cross-object lookups stay inside it. */
  readonly cluster: string;
}

/** How one test (one policy against one object) ended. */
export type PolicyOutcome = 'pass' | 'warn' | 'fail';

/** One failed rule of a policy against one object. */
export interface PolicyViolation {
  readonly message: string;
  /** The index of the failed entry in `spec.validations`; absent for param and set-policy failures. */
  readonly validation?: number;
  /**
   * Refused whatever the binding's `validationActions` say: the API server applies
   * `parameterNotFoundAction: Deny` before the actions, so Warn and Audit refuse it too.
   */
  readonly deniedRegardlessOfActions?: boolean;
}

/** The identity of a tested object, as policy output names it. */
export interface ObjectReference {
  readonly apiVersion: string;
  readonly kind: string;
  readonly namespace?: string;
  readonly name: string;
}

/** The result of one policy against one object it applies to. */
export interface PolicyResult {
  readonly policy: string;
  readonly mode: PolicyMode;
  readonly file: string;
  readonly cluster: string;
  readonly object: ObjectReference;
  readonly outcome: PolicyOutcome;
  readonly violations: readonly PolicyViolation[];
}

/** conftest's summary: tests are policies × objects they apply to. */
export interface PolicySummary {
  readonly tests: number;
  readonly passed: number;
  readonly warnings: number;
  readonly failures: number;
}

/** Everything one evaluation produced, in target order then policy order. */
export interface PolicyReport {
  readonly policies: readonly { readonly name: string; readonly mode: PolicyMode; readonly description: string }[];
  readonly results: readonly PolicyResult[];
  readonly summary: PolicySummary;
}
