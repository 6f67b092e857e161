import type { Policy, PolicyMode } from './policy-types.ts';

/**
 * A policy's mode. For an admission policy it is read from its binding's `validationActions`:
 * `Deny` fails; `Warn` (or `Audit` alone, which Kubernetes only records) is reported as a warning.
 */
export function policyMode(policy: Policy): PolicyMode {
  if (policy.type === 'set') return policy.mode;
  return policy.binding.spec?.validationActions.includes('Deny') ? 'Deny' : 'Warn';
}

/** A copy of the policy in another mode (e.g. to roll a new policy out as a warning first). */
export function withMode<P extends Policy>(policy: P, mode: PolicyMode): P {
  if (policy.type === 'set') return { ...policy, mode };
  const spec = policy.binding.spec!;
  return { ...policy, binding: { ...policy.binding, spec: { ...spec, validationActions: [mode] } } };
}
