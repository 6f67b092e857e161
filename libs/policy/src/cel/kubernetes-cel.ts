import { Environment } from '@marcbachmann/cel-js';
import { Quantity, parseQuantity, quantity } from './quantity.ts';

/**
 * The variables Kubernetes gives a ValidatingAdmissionPolicy expression. `authorizer` is left
 * out on purpose: offline there is no API server to ask, so an expression that uses it fails to
 * compile instead of silently passing.
 *
 * @see https://kubernetes.io/docs/reference/access-authn-authz/validating-admission-policy/#validation-expression
 */
export const admissionVariables = ['object', 'oldObject', 'params', 'namespaceObject', 'request', 'variables'] as const;

/** One of {@link admissionVariables}. */
export type AdmissionVariable = (typeof admissionVariables)[number];

/**
 * A cel-js environment with the Kubernetes CEL additions the policies use:
 * the quantity library (`quantity`, `isQuantity` and the Quantity methods), semantic
 * equality of quantities, and optional types (`object.?spec.?x`, which Kubernetes enables).
 * Building one is expensive, so the runner builds it once per process.
 *
 * @see https://kubernetes.io/docs/reference/using-api/cel/#kubernetes-quantity-library
 */
export function createKubernetesCelEnvironment(): Environment {
  const env = new Environment({ enableOptionalTypes: true, homogeneousAggregateLiterals: false });
  for (const name of ['object', 'oldObject', 'params', 'namespaceObject'] as const) env.registerVariable(name, 'dyn');
  env.registerVariable('request', 'map').registerVariable('variables', 'map');
  env.registerType('Quantity', Quantity);
  env
    .registerFunction('quantity(string): Quantity', (text: string) => quantity(text))
    .registerFunction('isQuantity(string): bool', (text: string) => parseQuantity(text) !== undefined)
    .registerFunction('Quantity.isInteger(): bool', (q: Quantity) => q.isInteger())
    .registerFunction('Quantity.asInteger(): int', (q: Quantity) => q.asInteger())
    .registerFunction('Quantity.asApproximateFloat(): double', (q: Quantity) => q.asApproximateFloat())
    .registerFunction('Quantity.sign(): int', (q: Quantity) => BigInt(q.sign()))
    .registerFunction('Quantity.add(Quantity): Quantity', (q: Quantity, other: Quantity) => q.add(other))
    .registerFunction('Quantity.add(int): Quantity', (q: Quantity, other: bigint) => q.add(new Quantity(other)))
    .registerFunction('Quantity.sub(Quantity): Quantity', (q: Quantity, other: Quantity) => q.sub(other))
    .registerFunction('Quantity.sub(int): Quantity', (q: Quantity, other: bigint) => q.sub(new Quantity(other)))
    .registerFunction('Quantity.isGreaterThan(Quantity): bool', (q: Quantity, other: Quantity) => q.compareTo(other) > 0)
    .registerFunction('Quantity.isLessThan(Quantity): bool', (q: Quantity, other: Quantity) => q.compareTo(other) < 0)
    .registerFunction('Quantity.compareTo(Quantity): int', (q: Quantity, other: Quantity) => BigInt(q.compareTo(other)));
  // Kubernetes compares quantities by value (`1` == `1000m`), not by spelling.
  env.registerOperator('Quantity == Quantity', (left: Quantity, right: Quantity) => left.compareTo(right) === 0);
  return env;
}

/**
 * Converts parsed YAML/JSON into the values Kubernetes' CEL sees: whole numbers become CEL
 * `int` (BigInt) — cel-js would otherwise treat every JSON number as a `double`, and
 * `object.spec.replicas + 1` would fail with "no such overload" where Kubernetes succeeds.
 */
export function toCelValue(value: unknown): unknown {
  if (typeof value === 'number') return Number.isInteger(value) ? BigInt(value) : value;
  if (Array.isArray(value)) return value.map(toCelValue);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(value)) if (field !== undefined) out[key] = toCelValue(field);
    return out;
  }
  return value;
}
