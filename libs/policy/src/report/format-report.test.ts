import { describe, expect, it } from 'vitest';
import { defineAdmissionPolicy } from '../model/define-admission-policy.ts';
import { withMode } from '../model/policy-mode.ts';
import type { PolicyTarget } from '../model/policy-types.ts';
import { evaluatePolicies } from '../runner/evaluate-policies.ts';
import { checkWellFormedXml } from '../test-support/xml-well-formed.ts';
import { formatReport, isOutputFormat } from './format-report.ts';
import { escapeXml } from './format-junit.ts';

const rules = [{ apiGroups: [''], apiVersions: ['v1'], resources: ['configmaps'] }];
const denyTagged = defineAdmissionPolicy({
  name: 'no-tagged',
  description: 'ConfigMaps carry no tag',
  resourceRules: rules,
  validations: [{ expression: '!has(object.data.tag)', messageExpression: '"tag is <" + object.data.tag + "> & more\\nsecond line"' }],
});
const warnEmpty = withMode(
  defineAdmissionPolicy({ name: 'not-empty', description: 'ConfigMaps hold data', resourceRules: rules, validations: [{ expression: 'size(object.data) > 1', message: 'nearly empty' }] }),
  'Warn',
);
const targets: PolicyTarget[] = [
  { object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'tagged', namespace: 'apps' }, data: { tag: 'v"1"' } }, file: 'k8s/a/overlays/core', cluster: 'core' },
  { object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'fine', namespace: 'apps' }, data: { a: '1', b: '2' } }, file: 'k8s/b/overlays/core', cluster: 'core' },
];
const report = evaluatePolicies([denyTagged, warnEmpty], targets);

describe('text output', () => {
  it('prints one conftest-style line per violation, one line per policy with the objects it checked, then the summary', () => {
    expect(formatReport(report, 'text').split('\n')).toEqual([
      'FAIL - k8s/a/overlays/core - ConfigMap/apps/tagged - no-tagged - tag is <v"1"> & more second line',
      'WARN - k8s/a/overlays/core - ConfigMap/apps/tagged - not-empty - nearly empty',
      'no-tagged  Deny  2 objects checked, 1 failed',
      'not-empty  Warn  2 objects checked, 1 warned',
      '4 tests, 2 passed, 1 warnings, 1 failures',
    ]);
  });

  it('prints the policy lines and the summary when everything passes, naming a policy that checked nothing', () => {
    const secretsOnly = defineAdmissionPolicy({
      name: 'secrets-only',
      description: 'test',
      resourceRules: [{ apiGroups: [''], apiVersions: ['v1'], resources: ['secrets'] }],
      validations: [{ expression: 'true' }],
    });
    expect(formatReport(evaluatePolicies([denyTagged, secretsOnly], [targets[1]!]), 'text').split('\n')).toEqual([
      'no-tagged     Deny  1 object checked',
      'secrets-only  Deny  0 objects checked',
      '1 tests, 1 passed, 0 warnings, 0 failures',
    ]);
  });
});

describe('JSON output', () => {
  it('holds the summary, the policies and one result per test', () => {
    const json = JSON.parse(formatReport(report, 'json')) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual(['summary', 'policies', 'results']);
    expect(json['summary']).toEqual({ tests: 4, passed: 2, warnings: 1, failures: 1 });
    expect(json['policies']).toEqual([
      { name: 'no-tagged', mode: 'Deny', description: 'ConfigMaps carry no tag' },
      { name: 'not-empty', mode: 'Warn', description: 'ConfigMaps hold data' },
    ]);
    expect((json['results'] as unknown[])[0]).toEqual({
      policy: 'no-tagged',
      mode: 'Deny',
      file: 'k8s/a/overlays/core',
      cluster: 'core',
      object: { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'apps', name: 'tagged' },
      outcome: 'fail',
      violations: [{ message: 'tag is <v"1"> & more\nsecond line', validation: 0 }],
    });
  });
});

describe('JUnit output', () => {
  const xml = formatReport(report, 'junit');

  it('is well-formed XML with one testsuite per policy and one testcase per test', () => {
    const elements = checkWellFormedXml(xml);
    expect(elements[0]).toBe('testsuites');
    expect(elements.filter((e) => e === 'testsuite')).toHaveLength(2);
    expect(elements.filter((e) => e === 'testcase')).toHaveLength(4);
    expect(elements.filter((e) => e === 'failure')).toHaveLength(1);
    expect(xml).toContain('<testsuites name="millwright policy gate" tests="4" failures="1" errors="0" skipped="0">');
    expect(xml).toContain('<testsuite name="no-tagged" tests="2" failures="1" errors="0" skipped="0">');
  });

  it('carries the escaped message in the failure and puts warnings in system-out', () => {
    expect(xml).toContain('<failure message="tag is &lt;v&quot;1&quot;&gt; &amp; more second line" type="no-tagged">');
    expect(xml).toContain('<system-out>WARN - nearly empty</system-out>');
    expect(xml).toContain('classname="no-tagged" name="ConfigMap/apps/tagged (k8s/a/overlays/core)" file="k8s/a/overlays/core"');
  });

  it('escapes markup and drops characters XML cannot hold', () => {
    expect(escapeXml(`<a href="x">'&'</a>\u0001`)).toBe('&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;');
  });
});

describe('the small XML check used above', () => {
  it.each(['<a><b></a></b>', '<a/><b/>', '<a x=1/>', '<a>&nope;</a>', '<a>', 'text'])('rejects %j', (bad) => {
    expect(() => checkWellFormedXml(bad)).toThrow();
  });
});

describe('isOutputFormat', () => {
  it('accepts text, json and junit only', () => {
    expect(['text', 'json', 'junit', 'yaml', 'sarif'].map(isOutputFormat)).toEqual([true, true, true, false, false]);
  });
});
