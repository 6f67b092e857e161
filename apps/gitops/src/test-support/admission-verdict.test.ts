import { describe, expect, it } from 'vitest';
import { describeVerdict, parameterNotFound, serverVerdict } from './admission-verdict.ts';

// kubectl's output as the envtest API server (1.33) produced it.
const podSecurityWarning = 'would violate PodSecurity "restricted:latest": privileged (container "app" must not set securityContext.privileged=true)';
const policyWarning = (policy: string, message: string) => `Validation failed for ValidatingAdmissionPolicy '${policy}' with binding '${policy}': ${message}`;

describe('serverVerdict', () => {
  it('reads an admitted object with the warnings of Warn-bound policies apart from every other warning', () => {
    const verdict = serverVerdict({
      exitCode: 0,
      stderr: '',
      warnings: [policyWarning('millwright-images-pinned', 'container(s) app use the mutable tag :latest; pin a version tag'), podSecurityWarning],
    });
    expect(verdict).toEqual({
      admitted: true,
      policyWarnings: [{ policy: 'millwright-images-pinned', message: 'container(s) app use the mutable tag :latest; pin a version tag' }],
      otherWarnings: [podSecurityWarning],
    });
  });

  it('reads a refusal by a ValidatingAdmissionPolicy: the policy and its message', () => {
    const stderr = [
      `Warning: ${policyWarning('millwright-probes-declared', 'container(s) app have no liveness probe; declare livenessProbe')}`,
      `The deployments "sentinel" is invalid: : ValidatingAdmissionPolicy 'millwright-default-deny-network-policy' with binding 'millwright-default-deny-network-policy' denied request: ${parameterNotFound}`,
      '',
    ].join('\n');
    const verdict = serverVerdict({ exitCode: 1, stderr, warnings: [policyWarning('millwright-probes-declared', 'container(s) app have no liveness probe; declare livenessProbe')] });
    expect(verdict.admitted).toBe(false);
    expect(verdict.deniedBy).toEqual({ policy: 'millwright-default-deny-network-policy', message: parameterNotFound });
    expect(verdict.policyWarnings).toEqual([{ policy: 'millwright-probes-declared', message: 'container(s) app have no liveness probe; declare livenessProbe' }]);
  });

  it('reads a refusal before admission (validation, decoding) as a refusal no policy made', () => {
    const stderr = 'Error from server (Invalid): Job.batch "untagged" is invalid: spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"\n';
    expect(describeVerdict(serverVerdict({ exitCode: 1, stderr, warnings: [] }))).toBe(`refused before admission: ${stderr.trim()}`);
  });
});

describe('describeVerdict', () => {
  it('says who refused with what, or which policies warned', () => {
    expect(describeVerdict({ admitted: false, deniedBy: { policy: 'p', message: 'm' }, policyWarnings: [], otherWarnings: [] })).toBe('refused by p: "m"');
    expect(describeVerdict({ admitted: true, policyWarnings: [{ policy: 'p', message: 'm' }], otherWarnings: ['x'] })).toBe('admitted with warnings p: "m"');
    expect(describeVerdict({ admitted: true, policyWarnings: [], otherWarnings: [podSecurityWarning] })).toBe('admitted');
  });
});
