import { beforeAll, describe, expect, it } from 'vitest';
import { catalogue, names, resolvePlatform, type KubeObject } from '@millwright/platform';
import { allTopologies, sampleConfig } from '@millwright/platform/testing';
import { renderTree } from '@millwright/manifests';
import { policies as gatePolicies } from '@millwright/policy';
import { validateBuilds } from '../validate-builds.ts';
import { mutationFindings } from './offline-verdicts.ts';
import { policyMutations, secretWithData } from './policy-mutations.ts';
import { renderedAdmissionPolicies } from './rendered-admission-policies.ts';
import { objectsOfCluster } from './sync-order.ts';

// The cluster tests send these to a real API server; here the runner shows each is what it claims.
describe.each(allTopologies)('the hand-made violations of the %s sample', (topology) => {
  let clusters: { name: string; objects: KubeObject[] }[];

  beforeAll(async () => {
    const platform = resolvePlatform(sampleConfig(topology), catalogue);
    const { built } = await validateBuilds(renderTree(platform, catalogue).files);
    clusters = platform.clusters.map((cluster) => ({
      name: cluster.name,
      objects: objectsOfCluster(built, cluster.name),
    }));
  });

  it('each break exactly the policy they are for, on every cluster', () => {
    for (const cluster of clusters) {
      const overlay = cluster.objects.filter((o) => o.metadata.labels?.[names.labels.millwrightComponent] === 'admission-policies');
      const policies = renderedAdmissionPolicies(overlay);
      const mutations = policyMutations(cluster.objects);
      const findings = mutationFindings(policies, mutations, cluster.objects);
      expect(mutations.map((m, index) => `${cluster.name}: ${m.rule}: ${findings[index]!.failing.join(', ')}`)).toEqual(mutations.map((m) => `${cluster.name}: ${m.rule}: ${m.policy}`));
    }
  });

  it('cover every policy the clusters enforce', () => {
    const inCluster = gatePolicies.filter((p) => p.type === 'admission' && p.inCluster).map((p) => p.name);
    for (const cluster of clusters) expect([...new Set(policyMutations(cluster.objects).map((m) => m.policy))].sort()).toEqual([...inCluster].sort());
  });

  it('never share a name with a rendered object, so applying one never merges into the tree', () => {
    for (const cluster of clusters) {
      const rendered = new Set(cluster.objects.map((o) => `${o.kind}/${o.metadata.namespace}/${o.metadata.name}`));
      const mutated = policyMutations(cluster.objects).flatMap((m) => [m.object, ...m.setup]);
      expect(mutated.filter((o) => rendered.has(`${o.kind}/${o.metadata.namespace}/${o.metadata.name}`))).toEqual([]);
    }
  });

  it('include a Secret with data, which the gate refuses in Git', () => {
    const noLiteralSecrets = gatePolicies.find((p) => p.name === 'millwright-no-literal-secrets')!;
    expect(noLiteralSecrets.type === 'admission' && noLiteralSecrets.inCluster).toBe(false);
    const [findings] = mutationFindings([noLiteralSecrets], [{ rule: 'carries data', policy: noLiteralSecrets.name, object: secretWithData('millwright-it'), setup: [] }], []);
    expect(findings!.failing).toEqual(['millwright-no-literal-secrets']);
  });
});
