import { describe, expect, it } from 'vitest';
import { buildPlatform, catalogue, describeObject, resolvePlatform, type KubeObject } from '@millwright/platform';
import { sampleConfig } from '@millwright/platform/testing';
import { policies } from '@millwright/policy';
import { collectManifestTargets, evaluateManifestTargets, manifestsCluster, platformNamespaces } from './manifest-gate.ts';

const context = platformNamespaces(buildPlatform(resolvePlatform(sampleConfig('hybrid'), catalogue), catalogue));
const namespaceBound = policies.filter((p) => ['millwright-default-deny-network-policy', 'millwright-ot-node-selection'].includes(p.name));

const gateway: KubeObject = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'gateway', namespace: 'millwright-ot' },
  spec: { template: { spec: { nodeSelector: { 'kubernetes.io/arch': 'arm64' }, containers: [{ name: 'gateway', image: 'example/gateway:1.0.0' }] } } },
};
const fromFile = (object: KubeObject) => ({ object, file: 'gateway.yaml', cluster: manifestsCluster });
const outcomes = (objects: KubeObject[], background: readonly KubeObject[]) =>
  evaluateManifestTargets(objects.map(fromFile), background, namespaceBound).results.map((r) => `${r.object.kind}/${r.object.name} ${r.policy} ${r.outcome}`);

describe('platformNamespaces', () => {
  it("holds every Namespace of the namespaces component with its default-deny, each once", () => {
    const identities = context.map((object) => describeObject(object));
    expect(identities).toEqual(expect.arrayContaining(['Namespace/millwright-ot', 'Namespace/millwright-it', 'NetworkPolicy/millwright-ot/default-deny', 'NetworkPolicy/millwright-it/default-deny']));
    expect(new Set(identities).size).toBe(identities.length);
  });
});

describe('evaluateManifestTargets', () => {
  it("judges a manifest's workload in the platform's namespace, with its plane label and its default-deny", () => {
    expect(outcomes([gateway], context)).toEqual([
      'Deployment/gateway millwright-default-deny-network-policy pass',
      'Deployment/gateway millwright-ot-node-selection pass',
    ]);
  });

  it('tests only the manifest objects, never the platform objects it looks up', () => {
    expect(evaluateManifestTargets([fromFile(gateway)], context, policies).results.every((r) => r.file === 'gateway.yaml')).toBe(true);
  });

  it('without the platform namespaces, misses the default-deny and the plane (what the context is for)', () => {
    expect(outcomes([gateway], [])).toEqual([
      'Deployment/gateway millwright-default-deny-network-policy fail',
    ]);
  });

  it('lets a manifest that brings its own Namespace be judged by that Namespace', () => {
    const unlabelled: KubeObject = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'millwright-ot' } };
    expect(outcomes([unlabelled, gateway], context)).toEqual(['Deployment/gateway millwright-default-deny-network-policy pass']);
  });
});

describe('collectManifestTargets', () => {
  it('refuses a source that holds no object (an empty pipe) instead of passing it', () => {
    const { targets, problems } = collectManifestTargets([{ name: '<stdin>', text: '# nothing here\n' }]);
    expect(targets).toEqual([]);
    expect(problems).toEqual([{ file: '<stdin>', message: 'holds no Kubernetes object, so nothing would be tested; check what produced it' }]);
  });
});
