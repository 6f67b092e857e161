import { describe, expect, it } from 'vitest';
import type { IValidation } from 'kubernetes-models/admissionregistration.k8s.io/v1';
import { noLiteralSecrets } from '../policies/no-literal-secrets.ts';
import { defineAdmissionPolicy } from './define-admission-policy.ts';
import { policyMode, withMode } from './policy-mode.ts';

const minimal = defineAdmissionPolicy({
  name: 'example',
  description: 'An example.',
  resourceRules: [{ apiGroups: ['apps'], apiVersions: ['v1'], resources: ['deployments'] }],
  validations: [{ expression: 'true', message: 'never' }],
});

describe('defineAdmissionPolicy', () => {
  it('fails closed', () => {
    expect(minimal.policy.spec?.failurePolicy).toBe('Fail');
  });

  it('defaults operations to CREATE and UPDATE', () => {
    expect(minimal.policy.spec?.matchConstraints?.resourceRules?.[0]?.operations).toEqual(['CREATE', 'UPDATE']);
  });

  it('defaults to Deny and to in-cluster enforcement', () => {
    expect(minimal.binding.spec?.validationActions).toEqual(['Deny']);
    expect(policyMode(minimal)).toBe('Deny');
    expect(minimal.inCluster).toBe(true);
  });

  it('binds under the policy name and keeps out of Kubernetes-owned namespaces', () => {
    expect(minimal.binding.metadata?.name).toBe('example');
    expect(minimal.binding.spec?.policyName).toBe('example');
    expect(minimal.binding.spec?.matchResources?.namespaceSelector).toEqual({
      matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: ['kube-system', 'kube-public', 'kube-node-lease'] }],
    });
  });

  it('records the description on the policy', () => {
    expect(minimal.policy.metadata?.annotations?.['millwright.io/policy-description']).toBe('An example.');
  });

  it('rejects a validation that breaks the ValidatingAdmissionPolicy schema', () => {
    const broken = { message: 'no expression' } as unknown as IValidation;
    expect(() => defineAdmissionPolicy({ name: 'broken', description: 'x', resourceRules: [], validations: [broken] })).toThrow(/expression/);
  });

  it('marks the no-literal-secrets policy as tree-only', () => {
    expect(noLiteralSecrets.inCluster).toBe(false);
  });
});

describe('withMode', () => {
  it('switches the binding to Warn without touching the original', () => {
    const warned = withMode(minimal, 'Warn');
    expect(warned.binding.spec?.validationActions).toEqual(['Warn']);
    expect(policyMode(warned)).toBe('Warn');
    expect(policyMode(minimal)).toBe('Deny');
  });

  it('reads Audit alone as a warning, since Kubernetes only records it', () => {
    const audited = { ...minimal, binding: { ...minimal.binding, spec: { ...minimal.binding.spec!, validationActions: ['Audit' as const] } } };
    expect(policyMode(audited)).toBe('Warn');
  });
});
