import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../kube/kube-object.ts';
import { allTopologies, sampleConfigWithOptionals } from '../test-support/index.ts';
import { buildSample, componentNamed, renderedObjects } from '../test-support/rendered-platform.ts';
import { catalogue } from './catalogue.ts';

const withOptionals = (topology: (typeof allTopologies)[number]) => buildSample(topology, { components: sampleConfigWithOptionals(topology).components });
const namespaceNamed = (objects: readonly KubeObject[], name: string) => objects.find((o) => o.kind === 'Namespace' && o.metadata.name === name);

describe('metallb', () => {
  it.each(allTopologies)('is absent from the default %s render, with no privileged namespace', (topology) => {
    const built = buildSample(topology);
    expect(built.map((c) => c.definition.name)).not.toContain('metallb');
    expect(namespaceNamed(built.flatMap(renderedObjects), 'millwright-metallb')).toBeUndefined();
  });

  it.each(allTopologies)('runs on every cluster under %s once enabled, in its own namespace', (topology) => {
    const metallb = componentNamed(withOptionals(topology), 'metallb');
    expect(metallb.clusters.map((c) => c.name)).toEqual(sampleConfigWithOptionals(topology).clusters.map((c) => c.name));
    expect(metallb.namespace).toBe('millwright-metallb');
  });

  const metallb = componentNamed(withOptionals('hybrid'), 'metallb');

  it('pins chart metallb 0.15.3 from MetalLB’s repository, BGP (FRR, frr-k8s) off', async () => {
    expect(metallb.definition.helm).toMatchObject({ repoURL: 'https://metallb.github.io/metallb', chart: 'metallb', version: '0.15.3' });
    const values = metallb.helmValues!['edge-1']!;
    expect(values['frrk8s']).toEqual({ enabled: false });
    expect((values['speaker'] as { frr: unknown }).frr).toEqual({ enabled: false });
    await expect(JSON.stringify(values, null, 2) + '\n').toMatchFileSnapshot('__golden__/metallb-values-edge-1.json');
  });

  it('renders each cluster’s address pool in that cluster’s overlay only', () => {
    const pools = (cluster: string) => metallb.clusterObjects[cluster]!.filter((o) => o.kind === 'IPAddressPool').map((o) => o['spec']);
    expect(pools('edge-1')).toEqual([{ addresses: ['192.0.2.240-192.0.2.250'], autoAssign: true }]);
    expect(pools('core')).toEqual([{ addresses: ['198.51.100.0/28'], autoAssign: true }]);
  });

  it('advertises the pool in layer 2 mode', () => {
    const advertisement = metallb.objects.find((o) => o.kind === 'L2Advertisement')!;
    expect(advertisement['spec']).toEqual({ ipAddressPools: ['default'] });
    expect(advertisement.metadata.namespace).toBe('millwright-metallb');
  });

  it('lets the API server reach the controller’s webhook port and nothing else in from outside', () => {
    const policy = metallb.objects.find((o) => o.kind === 'NetworkPolicy' && o.metadata.name === 'metallb-webhook')!;
    expect((policy['spec'] as { ingress: unknown }).ingress).toEqual([{ from: [{ ipBlock: { cidr: '0.0.0.0/0' } }], ports: [{ protocol: 'TCP', port: 9443 }] }]);
  });
});

describe('the Pod Security exception', () => {
  const built = withOptionals('hybrid');
  const namespacesOf = (cluster: string) => componentNamed(built, 'namespaces').clusterObjects[cluster]!;

  it('gives metallb a privileged namespace on each cluster it runs on, with its plane and the reason', () => {
    for (const cluster of ['edge-1', 'core']) {
      const namespace = namespaceNamed(namespacesOf(cluster), 'millwright-metallb')!;
      expect(namespace.metadata.labels).toMatchObject({ 'pod-security.kubernetes.io/enforce': 'privileged', 'pod-security.kubernetes.io/audit': 'restricted', 'millwright.io/plane': 'governance' });
      expect(namespace.metadata.annotations?.['millwright.io/pod-security-exception-reason']).toContain('hostNetwork and NET_RAW');
      expect(namespacesOf(cluster).some((o) => o.kind === 'NetworkPolicy' && o.metadata.name === 'default-deny' && o.metadata.namespace === 'millwright-metallb')).toBe(true);
    }
  });

  it('is declared by metallb alone in the catalogue, each with a reason', () => {
    const declared = catalogue.filter((c) => c.podSecurityException);
    expect(declared.map((c) => c.name)).toEqual(['metallb']);
    for (const c of declared) expect(c.podSecurityException!.reason.trim()).not.toBe('');
  });

  it.each(allTopologies)('leaves every other plane-labelled namespace restricted under %s', (topology) => {
    const weaker = withOptionals(topology)
      .flatMap(renderedObjects)
      .filter((o) => o.kind === 'Namespace' && o.metadata.labels?.['millwright.io/plane'] !== undefined)
      .filter((o) => o.metadata.labels?.['pod-security.kubernetes.io/enforce'] !== 'restricted')
      .map((o) => o.metadata.name);
    expect([...new Set(weaker)]).toEqual(['millwright-metallb']);
  });

  it('takes exactly the exception namespaces out of the in-cluster restricted binding, and out of no other', () => {
    const bindings = componentNamed(built, 'admission-policies').clusterObjects['core']!.filter((o) => o.kind === 'ValidatingAdmissionPolicyBinding');
    const exempted = (binding: KubeObject) => JSON.stringify((binding['spec'] as { matchResources: unknown }).matchResources).includes('millwright-metallb');
    expect(bindings.filter(exempted).map((b) => b.metadata.name)).toEqual(['millwright-pod-security-restricted']);
  });
});
