import { describe, expect, it } from 'vitest';
import { adoptableByFleet, fleetRelease } from './fleet-namespace-adoption.ts';

describe('fleetRelease', () => {
  it("is the bundle's name in its defaultNamespace", () => {
    expect(fleetRelease('k8s/namespaces/fleet.yaml', { name: 'millwright-namespaces', defaultNamespace: 'millwright-governance' })).toEqual({
      name: 'millwright-namespaces',
      namespace: 'millwright-governance',
    });
  });

  it('refuses a name Fleet would rewrite into a release name, rather than guess it', () => {
    expect(() => fleetRelease('k8s/namespaces/fleet.yaml', { name: 'Millwright_Namespaces', defaultNamespace: 'x' })).toThrow(
      `k8s/namespaces/fleet.yaml: name "Millwright_Namespaces" is not a Helm release name Fleet keeps as it is (lowercase letters, digits and '-', at most 53 characters)`,
    );
    expect(() => fleetRelease('f.yaml', { name: 'a'.repeat(54), defaultNamespace: 'x' })).toThrow(/at most 53 characters/);
  });

  it('refuses a bundle without a defaultNamespace', () => {
    expect(() => fleetRelease('f.yaml', { name: 'a' })).toThrow("f.yaml: has no defaultNamespace, so the release's namespace is unknown");
  });
});

describe('adoptableByFleet', () => {
  it("adds Helm's ownership metadata and changes no other label", () => {
    const namespace = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'millwright-ot', labels: { 'millwright.io/plane': 'ot', 'app.kubernetes.io/managed-by': 'millwright' } } };
    expect(adoptableByFleet(namespace, { name: 'millwright-namespaces', namespace: 'millwright-governance' })).toEqual({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name: 'millwright-ot',
        labels: { 'millwright.io/plane': 'ot', 'app.kubernetes.io/managed-by': 'Helm' },
        annotations: { 'meta.helm.sh/release-name': 'millwright-namespaces', 'meta.helm.sh/release-namespace': 'millwright-governance' },
      },
    });
  });
});
