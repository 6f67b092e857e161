/**
 * What the API server said about one object, read from kubectl's output: admitted or refused,
 * by which ValidatingAdmissionPolicy and with what message, and every warning. Pure, so the
 * parsing is tested without a server.
 */

/** A policy finding as the API server words it: the policy (and its binding) and the message. */
export interface PolicyFinding {
  readonly policy: string;
  readonly message: string;
}

/** The API server's answer to one apply (or dry run) of one object. */
export interface ServerVerdict {
  readonly admitted: boolean;
  /** The ValidatingAdmissionPolicy that refused it (the API server reports only the first). */
  readonly deniedBy?: PolicyFinding;
  /** Why it was refused when no admission policy refused it (schema validation, decoding, ...). */
  readonly refusal?: string;
  /** Violations of policies bound with `Warn`, one per failed validation. */
  readonly policyWarnings: readonly PolicyFinding[];
  /** Every other warning (Pod Security, deprecations, finalizer names, ...). */
  readonly otherWarnings: readonly string[];
}

/** kubectl's own rendering of a run: exit code, stderr, and the `Warning:` lines it split out. */
export interface KubectlOutput {
  readonly exitCode: number;
  readonly stderr: string;
  readonly warnings: readonly string[];
}

/**
 * What the API server answers when a binding's `paramRef` finds no parameter object and
 * `parameterNotFoundAction` is `Deny`; the runner words the same finding its own way.
 */
export const parameterNotFound = 'failed to configure binding: no params found for policy binding with `Deny` parameterNotFoundAction';

// The API server's wording (k8s.io/apiserver, admission/plugin/policy/validating).
const warned = /^Validation failed for ValidatingAdmissionPolicy '([^']+)' with binding '[^']+': (.*)$/;
const denied = /ValidatingAdmissionPolicy '([^']+)' with binding '[^']+' denied request: (.*)$/m;

/** Reads kubectl's output for one object. */
export function serverVerdict(output: KubectlOutput): ServerVerdict {
  const policyWarnings: PolicyFinding[] = [];
  const otherWarnings: string[] = [];
  for (const warning of output.warnings) {
    const match = warned.exec(warning);
    if (match) policyWarnings.push({ policy: match[1]!, message: match[2]! });
    else otherWarnings.push(warning);
  }
  if (output.exitCode === 0) return { admitted: true, policyWarnings, otherWarnings };
  const errors = output.stderr
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('Warning: '))
    .join('\n');
  const denial = denied.exec(errors);
  return {
    admitted: false,
    ...(denial ? { deniedBy: { policy: denial[1]!, message: denial[2]! } } : { refusal: errors || `kubectl exited with ${output.exitCode}` }),
    policyWarnings,
    otherWarnings,
  };
}

/** `refused by <policy>: "<message>"`, the way verdicts are compared and reported. */
export function refusedBy(finding: PolicyFinding): string {
  return `refused by ${finding.policy}: "${finding.message}"`;
}

/** One line for a verdict: how the object fared and why. */
export function describeVerdict(verdict: ServerVerdict): string {
  if (verdict.deniedBy) return refusedBy(verdict.deniedBy);
  if (!verdict.admitted) return `refused before admission: ${verdict.refusal}`;
  const warnings = verdict.policyWarnings.map((w) => `${w.policy}: "${w.message}"`);
  return warnings.length > 0 ? `admitted with warnings ${warnings.join('; ')}` : 'admitted';
}
