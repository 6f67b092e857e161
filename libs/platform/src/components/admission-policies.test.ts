import { describe, expect, it } from 'vitest';
import type { IValidatingAdmissionPolicyBinding } from 'kubernetes-models/admissionregistration.k8s.io/v1';
import { matchesLabelSelector, policies, withMode, type AdmissionPolicy } from '@millwright/policy';
import { names, syncWaveOrder, type ResolvedComponent } from '@millwright/platform';
import { allTopologies, sampleConfig } from '../test-support/sample-configs.ts';
import { buildSample, componentNamed } from '../test-support/rendered-platform.ts';
import { admissionActionsFor, admissionPolicies, chartExemptions, inClusterNamespaceSelector, inClusterPolicies } from './admission-policies.ts';

const component = (changes = {}) => componentNamed(buildSample('hybrid', changes), 'admission-policies');

function bindingsOf(built: ResolvedComponent, cluster: string): IValidatingAdmissionPolicyBinding[] {
  return (built.clusterObjects[cluster] ?? []) as unknown as IValidatingAdmissionPolicyBinding[];
}

/** A hybrid sample whose edge cluster admits with `edge` and whose cloud cluster with `cloud`. */
function withAdmission(edge: 'Deny' | 'Warn' | 'Audit' | undefined, cloud: 'Deny' | 'Warn' | 'Audit' | undefined) {
  const [edgeCluster, cloudCluster] = sampleConfig('hybrid').clusters;
  return {
    clusters: [
      { ...edgeCluster!, ...(edge && { admission: edge }) },
      { ...cloudCluster!, ...(cloud && { admission: cloud }) },
    ],
  };
}

describe('the admission-policies component', () => {
  it('renders every in-cluster policy of libs/policy into the base, exactly as the gate evaluates it', () => {
    const built = component();
    const expected = policies.filter((p): p is AdmissionPolicy => p.type === 'admission' && p.inCluster);
    expect(built.objects.map((o) => o.metadata.name)).toEqual(expected.map((p) => p.name));
    for (const policy of expected) {
      const rendered = built.objects.find((o) => o.metadata.name === policy.name)!;
      expect(rendered['spec']).toEqual(policy.policy.spec);
      expect(rendered.kind).toBe('ValidatingAdmissionPolicy');
    }
  });

  it('leaves out the tree-only policies and the runner-level set policies', () => {
    const rendered = component().objects.map((o) => o.metadata.name);
    expect(rendered).not.toContain('millwright-no-literal-secrets');
    expect(rendered).not.toContain('millwright-argocd-project');
    expect(rendered).not.toContain('millwright-pod-disruption-budget');
  });

  it('is cluster-scoped: no object has a namespace', () => {
    const built = component();
    const everything = [...built.objects, ...Object.values(built.clusterObjects).flat()];
    expect(everything.filter((o) => o.metadata.namespace !== undefined)).toEqual([]);
  });

  it('syncs in the first wave, in the governance plane', () => {
    expect(syncWaveOrder[admissionPolicies.wave]).toBe(0);
    expect(admissionPolicies.plane).toBe('governance');
  });

  it.each(allTopologies)('runs on every cluster under %s', (topology) => {
    const built = componentNamed(buildSample(topology), 'admission-policies');
    expect(built.clusters.map((c) => c.name)).toEqual(sampleConfig(topology).clusters.map((c) => c.name));
  });

  it('can be turned off, for clusters older than Kubernetes 1.30', () => {
    const built = buildSample('hybrid', { components: { 'admission-policies': { enabled: false } } });
    expect(built.map((c) => c.definition.name)).not.toContain('admission-policies');
  });

  it('binds every policy on every cluster, in the cluster overlay', () => {
    const built = component();
    for (const cluster of ['edge-1', 'core']) {
      expect(bindingsOf(built, cluster).map((b) => [b.kind, b.metadata?.name, b.spec?.policyName])).toEqual(
        inClusterPolicies.map((p) => ['ValidatingAdmissionPolicyBinding', p.name, p.name]),
      );
    }
  });

  it('denies by default on every cluster', () => {
    const built = component();
    for (const cluster of ['edge-1', 'core']) {
      expect(new Set(bindingsOf(built, cluster).map((b) => b.spec?.validationActions.join(',')))).toEqual(new Set(['Deny']));
    }
  });

  it("acts per cluster as the cluster's admission setting says", () => {
    const built = component(withAdmission('Warn', 'Deny'));
    expect(new Set(bindingsOf(built, 'edge-1').map((b) => b.spec?.validationActions.join(',')))).toEqual(new Set(['Warn']));
    expect(new Set(bindingsOf(built, 'core').map((b) => b.spec?.validationActions.join(',')))).toEqual(new Set(['Deny']));
    const audited = component(withAdmission('Audit', undefined));
    expect(new Set(bindingsOf(audited, 'edge-1').map((b) => b.spec?.validationActions.join(',')))).toEqual(new Set(['Audit']));
  });

  it('keeps the binding parameters of the gate (the default-deny NetworkPolicy by name)', () => {
    const binding = bindingsOf(component(), 'core').find((b) => b.metadata?.name === 'millwright-default-deny-network-policy');
    expect(binding?.spec?.paramRef).toEqual({ name: 'default-deny', parameterNotFoundAction: 'Deny' });
  });

  it('labels every object with the platform name and the component', () => {
    const built = componentNamed(buildSample('hybrid', { name: 'acme' }), 'admission-policies');
    for (const object of [...built.objects, ...Object.values(built.clusterObjects).flat()]) {
      expect(object.metadata.labels).toMatchObject({ [names.labels.partOf]: 'acme', [names.labels.millwrightComponent]: 'admission-policies' });
    }
  });
});

describe('admissionActionsFor', () => {
  const strict = inClusterPolicies[0]!;

  it("follows the cluster's setting for a policy the gate denies", () => {
    expect(admissionActionsFor(strict, { admission: 'Deny' })).toEqual(['Deny']);
    expect(admissionActionsFor(strict, { admission: 'Warn' })).toEqual(['Warn']);
    expect(admissionActionsFor(strict, { admission: 'Audit' })).toEqual(['Audit']);
  });

  it('never denies at admission a policy the gate only warns about', () => {
    const soft = withMode(strict, 'Warn');
    expect(admissionActionsFor(soft, { admission: 'Deny' })).toEqual(['Warn']);
    expect(admissionActionsFor(soft, { admission: 'Audit' })).toEqual(['Audit']);
  });
});

describe('inClusterNamespaceSelector', () => {
  const selector = inClusterNamespaceSelector();
  const namespace = (name: string, labels: Record<string, string> = {}) => ({ ...labels, [names.labels.namespaceName]: name });
  const plane = { [names.labels.millwrightPlane]: 'ot' };

  it("reaches the platform's plane namespaces", () => {
    expect(matchesLabelSelector(selector, namespace('millwright-ot', plane))).toBe(true);
  });

  it.each(['kube-system', 'kube-public', 'kube-node-lease', 'argocd', 'fleet-default', 'fleet-local', 'cattle-system', 'cattle-fleet-system', 'cattle-monitoring-system', 'default'])(
    'keeps out %s',
    (name) => {
      expect(matchesLabelSelector(selector, namespace(name))).toBe(false);
    },
  );

  it.each(['kube-system', 'argocd', 'cattle-fleet-system', 'cattle-fleet-local-system', 'fleet-default'])('keeps out %s even when it carries a plane label', (name) => {
    expect(matchesLabelSelector(selector, namespace(name, plane))).toBe(false);
  });
});

describe('the exemption of chart-rendered objects from the probes policy', () => {
  const bindings = bindingsOf(component(), 'core');
  const selectorOf = (name: string) => bindings.find((b) => b.metadata?.name === name)?.spec?.matchResources?.objectSelector;
  const probes = 'millwright-probes-declared';

  it('is the only chart exemption, with its reason, on a policy the gate binds', () => {
    expect(chartExemptions.map((exemption) => exemption.policy)).toEqual([probes]);
    expect(chartExemptions[0]!.reason).toContain('no probe');
    expect(selectorOf(probes)).toBeDefined();
  });

  it('leaves out objects Helm labels, under either of its labels, from the probes binding', () => {
    const selector = selectorOf(probes);
    expect(matchesLabelSelector(selector, { 'app.kubernetes.io/managed-by': 'Helm' })).toBe(false);
    expect(matchesLabelSelector(selector, { heritage: 'Helm' })).toBe(false);
  });

  it('still holds what Millwright renders, and unlabelled objects, to the probes policy', () => {
    expect(matchesLabelSelector(selectorOf(probes), { 'app.kubernetes.io/managed-by': 'millwright' })).toBe(true);
    expect(matchesLabelSelector(selectorOf(probes), {})).toBe(true);
  });

  it('exempts chart objects from no other binding (recommended labels spares only their metadata, in the policy itself)', () => {
    const others = bindings.filter((b) => b.metadata?.name !== probes);
    expect(others.length).toBeGreaterThan(0);
    expect(others.map((b) => b.spec?.matchResources?.objectSelector).filter(Boolean)).toEqual([]);
  });
});
