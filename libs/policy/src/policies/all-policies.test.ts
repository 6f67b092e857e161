import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ValidatingAdmissionPolicy, ValidatingAdmissionPolicyBinding } from 'kubernetes-models/admissionregistration.k8s.io/v1';
import { withMode } from '../model/policy-mode.ts';
import { evaluatePolicies } from '../runner/evaluate-policies.ts';
import { fixturesDir, hasFixture, loadFixture } from '../test-support/fixtures.ts';
import { policies } from './all-policies.ts';

describe('the policy list', () => {
  it('names every policy once', () => {
    const names = policies.map((p) => p.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it('has no fixture directory without a policy', () => {
    expect(readdirSync(fixturesDir).filter((dir) => !policies.some((p) => p.name === dir))).toEqual([]);
  });

  it.each(policies.filter((p) => p.type === 'admission').map((p) => [p.name, p] as const))(
    '%s is a schema-valid ValidatingAdmissionPolicy that fails closed, with a binding of the same name',
    (_name, policy) => {
      expect(() => new ValidatingAdmissionPolicy(policy.policy).validate()).not.toThrow();
      expect(() => new ValidatingAdmissionPolicyBinding(policy.binding).validate()).not.toThrow();
      expect(policy.policy.spec?.failurePolicy).toBe('Fail');
      expect(policy.policy.spec?.matchConstraints?.resourceRules?.length).toBeGreaterThan(0);
      expect(policy.policy.spec?.validations?.length).toBeGreaterThan(0);
      for (const validation of policy.policy.spec?.validations ?? []) {
        expect(validation.message ?? validation.messageExpression, validation.expression).toBeTruthy();
      }
      expect(policy.binding.metadata?.name).toBe(policy.name);
      expect(policy.binding.spec?.policyName).toBe(policy.name);
      expect(policy.binding.spec?.validationActions).toEqual(['Deny']);
    },
  );
});

describe.each(policies.map((p) => [p.name, p] as const))('policy %s', (name, policy) => {
  it('has a passing and a failing fixture', () => {
    expect({ pass: hasFixture(name, 'pass'), fail: hasFixture(name, 'fail') }).toEqual({ pass: true, fail: true });
  });

  it('passes every object of its passing fixture it applies to', () => {
    const report = evaluatePolicies([policy], loadFixture(name, 'pass'));
    expect(report.summary.tests, 'the passing fixture must contain an object the policy applies to').toBeGreaterThan(0);
    expect(report.results.filter((r) => r.outcome !== 'pass')).toEqual([]);
  });

  it('rejects every object of its failing fixture it applies to', () => {
    const report = evaluatePolicies([policy], loadFixture(name, 'fail'));
    expect(report.summary.tests, 'the failing fixture must contain an object the policy applies to').toBeGreaterThan(0);
    expect(report.results.filter((r) => r.outcome !== 'fail').map((r) => r.file)).toEqual([]);
    for (const result of report.results) expect(result.violations.every((v) => v.message.trim() !== '')).toBe(true);
  });

  if (policy.type === 'admission') {
    it('has a failing fixture that breaks each of its validations (no rule that cannot fail)', () => {
      const report = evaluatePolicies([policy], loadFixture(name, 'fail'));
      const failed = new Set(report.results.flatMap((r) => r.violations.flatMap((v) => (v.validation === undefined ? [] : [v.validation]))));
      const all = (policy.policy.spec?.validations ?? []).map((_, index) => index);
      expect([...failed].sort()).toEqual(all);
      const errors = report.results.flatMap((r) => r.violations).filter((v) => /resulted in error/.test(v.message));
      expect(errors, 'a failing fixture must fail the rule, not crash the expression').toEqual([]);
    });
  }

  it('in Warn mode reports its failing fixture as warnings, not failures (but a missing param, which admission refuses in any mode)', () => {
    const report = evaluatePolicies([withMode(policy, 'Warn')], loadFixture(name, 'fail'));
    for (const result of report.results) {
      const refusedInAnyMode = result.violations.some((v) => v.deniedRegardlessOfActions);
      expect(`${result.object.name}: ${result.outcome}`).toBe(`${result.object.name}: ${refusedInAnyMode ? 'fail' : 'warn'}`);
    }
    expect(report.summary.warnings + report.summary.failures).toBe(report.summary.tests);
  });
});
