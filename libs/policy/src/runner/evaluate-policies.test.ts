import { describe, expect, it } from 'vitest';
import type { KubeObject } from '@millwright/kube';
import { defineAdmissionPolicy, type AdmissionPolicyProps } from '../model/define-admission-policy.ts';
import { withMode } from '../model/policy-mode.ts';
import type { AdmissionPolicy, PolicyTarget, SetPolicy } from '../model/policy-types.ts';
import { defaultDenyNetworkPolicy } from '../policies/default-deny-network-policy.ts';
import { PolicyCompileError, compileAdmissionPolicy } from './compile-policy.ts';
import { evaluatePolicies } from './evaluate-policies.ts';

const configMaps = [{ apiGroups: [''], apiVersions: ['v1'], resources: ['configmaps'] }];
const policy = (props: Partial<AdmissionPolicyProps>): AdmissionPolicy =>
  defineAdmissionPolicy({ name: 'test-policy', description: 'test', resourceRules: configMaps, validations: [{ expression: 'true' }], ...props });
const configMap = (name: string, data: Record<string, string> = {}, namespace = 'apps'): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace },
  data,
});
const target = (object: KubeObject, cluster = 'core'): PolicyTarget => ({ object, file: `k8s/x/overlays/${cluster}`, cluster });
const messages = (p: AdmissionPolicy | SetPolicy, targets: PolicyTarget[]) => evaluatePolicies([p], targets).results.flatMap((r) => r.violations.map((v) => v.message));

describe('evaluatePolicies', () => {
  it('counts one test per policy and object it applies to, in target then policy order', () => {
    const secretRule = policy({ name: 'secrets-only', resourceRules: [{ apiGroups: [''], apiVersions: ['v1'], resources: ['secrets'] }] });
    const failing = policy({ name: 'always-fails', validations: [{ expression: 'false', message: 'no' }] });
    const warning = withMode(policy({ name: 'always-warns', validations: [{ expression: 'false', message: 'careful' }] }), 'Warn');
    const report = evaluatePolicies([secretRule, failing, warning], [target(configMap('a')), target(configMap('b'))]);
    expect(report.results.map((r) => `${r.object.name} ${r.policy} ${r.outcome}`)).toEqual([
      'a always-fails fail',
      'a always-warns warn',
      'b always-fails fail',
      'b always-warns warn',
    ]);
    expect(report.summary).toEqual({ tests: 4, passed: 0, warnings: 2, failures: 2 });
    expect(report.policies.map((p) => `${p.name}:${p.mode}`)).toEqual(['secrets-only:Deny', 'always-fails:Deny', 'always-warns:Warn']);
  });

  it('reports every failed validation of an object, with its index', () => {
    const p = policy({ validations: [{ expression: 'false', message: 'first' }, { expression: 'true' }, { expression: 'false', message: 'third' }] });
    expect(evaluatePolicies([p], [target(configMap('a'))]).results[0]!.violations).toEqual([
      { message: 'first', validation: 0 },
      { message: 'third', validation: 2 },
    ]);
  });

  it('gives expressions object, oldObject, request, namespaceObject and lazy variables', () => {
    const namespace: KubeObject = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'apps', labels: { plane: 'it' } } };
    const p = policy({
      variables: [
        { name: 'size', expression: 'size(object.data)' },
        { name: 'broken', expression: 'object.data.missing' },
      ],
      validations: [
        {
          expression:
            'variables.size == 2 && oldObject == null && request.operation == "CREATE" && request.kind.kind == "ConfigMap" && request.namespace == "apps" && namespaceObject.metadata.labels.plane == "it"',
        },
      ],
    });
    expect(messages(p, [target(namespace), target(configMap('a', { x: '1', y: '2' }))])).toEqual([]);
  });

  it('uses messageExpression, falls back to message when it fails, and names the expression otherwise', () => {
    const p = policy({
      validations: [
        { expression: 'false', messageExpression: '"config map " + object.metadata.name' },
        { expression: 'false', message: 'static', messageExpression: 'object.nope' },
        { expression: 'size(object.data) < 0' },
      ],
    });
    expect(messages(p, [target(configMap('a'))])).toEqual(['config map a', 'static', 'failed expression: size(object.data) < 0']);
  });

  it('fails closed on an expression error or a non-boolean result, and ignores them with failurePolicy Ignore', () => {
    const p = policy({ validations: [{ expression: 'object.data.missing == "x"' }, { expression: 'object.data' }] });
    expect(messages(p, [target(configMap('a'))])).toEqual([
      `expression 'object.data.missing == "x"' resulted in error: No such key: missing`,
      `expression 'object.data' did not evaluate to a boolean`,
    ]);
    const ignoring: AdmissionPolicy = { ...p, policy: { ...p.policy, spec: { ...p.policy.spec, failurePolicy: 'Ignore' } } };
    expect(evaluatePolicies([ignoring], [target(configMap('a'))]).results.map((r) => r.outcome)).toEqual(['pass']);
  });

  it('skips an object whose match conditions are false, and fails one whose condition errors', () => {
    const p = policy({
      matchConditions: [{ name: 'labelled', expression: 'has(object.metadata.labels) && object.metadata.labels.check == "yes"' }],
      validations: [{ expression: 'false', message: 'checked' }],
    });
    const labelled = { ...configMap('b'), metadata: { name: 'b', namespace: 'apps', labels: { check: 'yes' } } };
    expect(evaluatePolicies([p], [target(configMap('a')), target(labelled)]).results.map((r) => `${r.object.name} ${r.outcome}`)).toEqual(['b fail']);
    const erroring = policy({ matchConditions: [{ name: 'broken', expression: 'object.spec.x == 1' }] });
    expect(messages(erroring, [target(configMap('a'))])).toEqual([`spec.matchConditions[0] (broken): expression 'object.spec.x == 1' resulted in error: No such key: spec`]);
  });

  it('resolves a paramRef without namespace in the object namespace, within the same cluster only', () => {
    const deployment: KubeObject = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'api', namespace: 'apps' }, spec: {} };
    const denyAll: KubeObject = {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'default-deny', namespace: 'apps' },
      spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
    };
    expect(messages(defaultDenyNetworkPolicy, [target(denyAll), target(deployment)])).toEqual([]);
    expect(messages(defaultDenyNetworkPolicy, [target(denyAll, 'edge'), target(deployment)])).toEqual([
      'no NetworkPolicy "default-deny" in namespace apps, which this policy requires (paramRef, parameterNotFoundAction: Deny)',
    ]);
  });

  it('fails a missing param under a Warn binding too, as the API server refuses it before the binding actions apply', () => {
    const deployment: KubeObject = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'api', namespace: 'apps' }, spec: {} };
    const warnOnly = withMode(defaultDenyNetworkPolicy, 'Warn');
    expect(evaluatePolicies([warnOnly], [target(deployment)]).results.map((r) => r.outcome)).toEqual(['fail']);
  });

  it('passes when no param is found and the binding says Allow, and evaluates every param a selector picks', () => {
    const p = policy({
      paramKind: { apiVersion: 'v1', kind: 'ConfigMap' },
      paramRef: { selector: { matchLabels: { role: 'limits' } }, parameterNotFoundAction: 'Allow' },
      validations: [{ expression: 'size(object.data) <= int(params.data.max)', messageExpression: '"over " + params.metadata.name' }],
    });
    const limit = (name: string, max: string): KubeObject => ({ ...configMap(name, { max }), metadata: { name, namespace: 'apps', labels: { role: 'limits' } } });
    const subject = configMap('subject', { a: '1', b: '2' }, 'apps');
    expect(messages(p, [target(configMap('lonely', { a: '1' }, 'other'))])).toEqual([]);
    // Every ConfigMap in "apps" is also a subject; only the two-key one breaks the limit of 1.
    expect(messages(p, [target(limit('one', '1')), target(limit('five', '5')), target(subject)])).toEqual(['over one']);
  });

  it('runs set policies with the objects of the same cluster', () => {
    const twin: SetPolicy = {
      type: 'set',
      name: 'needs-a-twin',
      description: 'test',
      mode: 'Deny',
      appliesTo: (o) => o.kind === 'ConfigMap',
      check: (o, cluster) => (cluster.inNamespace(o.metadata.namespace ?? '').length > 1 ? [] : [`${o.metadata.name} is alone in ${cluster.cluster}`]),
    };
    expect(messages(twin, [target(configMap('a')), target(configMap('b')), target(configMap('c'), 'edge')])).toEqual(['c is alone in edge']);
  });

  it('looks up context objects without testing them, and lets a target Namespace replace a context one', () => {
    const labelled = (plane: string): KubeObject => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'apps', labels: { plane } } });
    const onlyOt = policy({
      name: 'ot-only',
      namespaceSelector: { matchLabels: { plane: 'ot' } },
      validations: [{ expression: 'false', message: 'judged in an OT namespace' }],
    });
    const tested = (targets: PolicyTarget[], context: PolicyTarget[]) => evaluatePolicies([onlyOt], targets, context).results.map((r) => `${r.object.name} ${r.outcome}`);
    expect(tested([target(configMap('a'))], [target(labelled('ot'))])).toEqual(['a fail']);
    expect(tested([target(configMap('a'))], [target(labelled('ot'), 'edge')])).toEqual([]);
    expect(tested([target(labelled('it')), target(configMap('a'))], [target(labelled('ot'))])).toEqual([]);
  });
});

describe('compileAdmissionPolicy', () => {
  it('compiles each policy once and reuses the programs', () => {
    const p = policy({});
    expect(compileAdmissionPolicy(p)).toBe(compileAdmissionPolicy(p));
  });

  it('names the policy, the field and the problem of an expression that does not compile', () => {
    expect(() => compileAdmissionPolicy(policy({ validations: [{ expression: 'object.data ==' }] }))).toThrow(PolicyCompileError);
    expect(() => compileAdmissionPolicy(policy({ variables: [{ name: 'who', expression: 'authorizer.serviceAccount("a", "b")' }] }))).toThrow(
      /policy test-policy: spec.variables\[0\] \(who\) does not compile: Unknown variable: authorizer/,
    );
    expect(() => compileAdmissionPolicy(policy({ validations: [{ expression: 'true', messageExpression: 'quantity(1)' }] }))).toThrow(
      /spec.validations\[0\].messageExpression does not compile/,
    );
  });
});
