import type { KubeObject } from '@millwright/kube';
import { toCelValue } from '../cel/kubernetes-cel.ts';
import type { AdmissionPolicy, PolicyTarget, PolicyViolation } from '../model/policy-types.ts';
import type { ClusterView } from './cluster-index.ts';
import { firstLine, type CompiledExpression, type CompiledPolicy } from './compile-policy.ts';
import { matchesLabelSelector } from './label-selector.ts';
import { matchesResources } from './match-resources.ts';
import { resourceOf, type ObjectResource } from './resource-of.ts';

const celValues = new WeakMap<KubeObject, unknown>();

/** An object as CEL sees it, converted once however many policies read it. */
function celValueOf(object: KubeObject | undefined): unknown {
  if (!object) return null;
  let value = celValues.get(object);
  if (value === undefined) celValues.set(object, (value = toCelValue(object)));
  return value;
}

/** The `request` variable: the fields a policy can rely on offline (a dry-run CREATE). */
function admissionRequest(object: KubeObject, resource: ObjectResource): Record<string, unknown> {
  const { group, version, kind } = resource;
  return {
    kind: { group, version, kind },
    resource: { group, version, resource: resource.resource },
    name: object.metadata.name,
    namespace: object.metadata.namespace ?? '',
    operation: 'CREATE',
    userInfo: { username: 'millwright:policy-runner', groups: [] },
    dryRun: true,
  };
}

/**
 * `variables`, evaluated lazily and at most once per activation as Kubernetes does, so a
 * variable only errors when a validation actually reads it.
 */
function lazyVariables(compiled: CompiledPolicy, activation: Record<string, unknown>): Record<string, unknown> {
  const variables: Record<string, unknown> = {};
  for (const variable of compiled.variables) {
    let settled: { value: unknown } | { error: unknown } | undefined;
    Object.defineProperty(variables, variable.name, {
      enumerable: true,
      get() {
        if (!settled) {
          try {
            settled = { value: variable.program(activation) };
          } catch (error) {
            settled = { error: new Error(`variables.${variable.name}: ${firstLine(error)}`) };
          }
        }
        if ('error' in settled) throw settled.error;
        return settled.value;
      },
    });
  }
  return variables;
}

type BooleanOutcome = { value: boolean } | { error: string };

function evaluateBoolean(expression: CompiledExpression, activation: Record<string, unknown>): BooleanOutcome {
  try {
    const value: unknown = expression.program(activation);
    if (typeof value !== 'boolean') return { error: `expression '${expression.expression}' did not evaluate to a boolean` };
    return { value };
  } catch (error) {
    return { error: `expression '${expression.expression}' resulted in error: ${firstLine(error)}` };
  }
}

function failureMessage(validation: CompiledPolicy['validations'][number], activation: Record<string, unknown>): string {
  if (validation.messageProgram) {
    try {
      const message: unknown = validation.messageProgram.program(activation);
      // Kubernetes falls back to `message` when the message expression fails or is empty.
      if (typeof message === 'string' && message.trim() !== '') return message;
    } catch {
      // fall through to the static message
    }
  }
  return validation.message ?? `failed expression: ${validation.expression}`;
}

/** The parameter objects the binding's `paramRef` selects for this object (`[null]` without paramKind). */
function resolveParams(policy: AdmissionPolicy, object: KubeObject, cluster: ClusterView): { params: unknown[] } | { violation: string } {
  const paramKind = policy.policy.spec?.paramKind;
  if (!paramKind) return { params: [null] };
  const ref = policy.binding.spec?.paramRef ?? {};
  // Left empty with a namespaced paramKind, paramRef.namespace means "the object's namespace".
  const namespace = ref.namespace ?? object.metadata.namespace ?? '';
  const candidates = cluster.objectsOfKind(paramKind.apiVersion ?? '', paramKind.kind ?? '', namespace);
  const found = ref.name !== undefined ? candidates.filter((c) => c.metadata.name === ref.name) : candidates.filter((c) => matchesLabelSelector(ref.selector, c.metadata.labels ?? {}));
  if (found.length > 0) return { params: found.map(celValueOf) };
  if (ref.parameterNotFoundAction === 'Allow') return { params: [] };
  const wanted = ref.name !== undefined ? `${paramKind.kind} "${ref.name}"` : `${paramKind.kind} matching the binding's selector`;
  return { violation: `no ${wanted} in namespace ${namespace || '(cluster scope)'}, which this policy requires (paramRef, parameterNotFoundAction: Deny)` };
}

/**
 * Evaluates one admission policy (with its binding) against one object the way the API server
 * would for a CREATE: match rules, then params, then match conditions, then every validation.
 * Returns undefined when the policy does not apply to the object (no test is counted), else the
 * violations (empty: the object passes). With `failurePolicy: Fail` an expression error is a
 * violation; with `Ignore` it is dropped.
 */
export function evaluateAdmissionPolicy(
  policy: AdmissionPolicy,
  compiled: CompiledPolicy,
  target: PolicyTarget,
  cluster: ClusterView,
): PolicyViolation[] | undefined {
  const { object } = target;
  const resource = resourceOf(object);
  const subject = { object, resource, namespaceLabels: cluster.namespaceLabels(object.metadata.namespace ?? '') };
  if (!matchesResources(policy.policy.spec?.matchConstraints, subject, true)) return undefined;
  if (!matchesResources(policy.binding.spec?.matchResources, subject, false)) return undefined;

  const failClosed = (policy.policy.spec?.failurePolicy ?? 'Fail') === 'Fail';
  const resolved = resolveParams(policy, object, cluster);
  if ('violation' in resolved) return failClosed ? [{ message: resolved.violation, deniedRegardlessOfActions: true }] : [];

  const base = {
    object: celValueOf(object),
    oldObject: null,
    namespaceObject: celValueOf(cluster.namespaceObject(object.metadata.namespace ?? '')),
    request: admissionRequest(object, resource),
  };
  const violations: PolicyViolation[] = [];
  let applies = resolved.params.length === 0;
  for (const params of resolved.params) {
    const activation: Record<string, unknown> = { ...base, params };
    activation['variables'] = lazyVariables(compiled, activation);
    let matched = true;
    for (const condition of compiled.matchConditions) {
      const outcome = evaluateBoolean(condition, activation);
      if ('error' in outcome) {
        if (failClosed) violations.push({ message: `${condition.field}: ${outcome.error}` });
        matched = false;
        break;
      }
      if (!outcome.value) {
        matched = false;
        break;
      }
    }
    if (!matched) continue;
    applies = true;
    compiled.validations.forEach((validation, index) => {
      const outcome = evaluateBoolean(validation, activation);
      if ('error' in outcome) {
        if (failClosed) violations.push({ message: outcome.error, validation: index });
      } else if (!outcome.value) {
        violations.push({ message: failureMessage(validation, activation), validation: index });
      }
    });
  }
  return applies || violations.length > 0 ? violations : undefined;
}
