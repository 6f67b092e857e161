import { beforeAll, describe, expect, it } from 'vitest';
import { catalogue, names, resolvePlatform, type AdmissionAction, type KubeObject } from '@millwright/platform';
import { sampleConfig } from '@millwright/platform/testing';
import { renderTree, type OutputFile } from '@millwright/manifests';
import { evaluatePolicies, formatText, policies, type AdmissionPolicy, type PolicyResult, type PolicyTarget } from '@millwright/policy';
import { collectPolicyTargets } from './policy-targets.ts';
import { renderedAdmissionPolicies } from './test-support/rendered-admission-policies.ts';
import { validateBuilds } from './validate-builds.ts';

// What the clusters enforce at admission is what the gate checked before sync: the policies the
// admission-policies component renders, read back from the built overlays, give the gate's
// verdict on every object in the platform's namespaces — with each cluster's own action.

/** The hybrid sample with each cluster's `admission` set. */
function platformWith(edge: AdmissionAction, cloud: AdmissionAction) {
  const config = sampleConfig('hybrid');
  const [edgeCluster, cloudCluster] = config.clusters;
  return resolvePlatform({ ...config, clusters: [{ ...edgeCluster!, admission: edge }, { ...cloudCluster!, admission: cloud }] }, catalogue);
}

/** Builds every overlay; returns the objects each cluster receives and the admission policies among them. */
async function clustersOf(files: readonly OutputFile[]) {
  const builds = await validateBuilds(files);
  expect(builds.problems).toEqual([]);
  const targets = collectPolicyTargets(files, builds.built).targets.filter((t) => t.cluster !== names.bootstrapRoot && t.cluster !== names.fleetRoot);
  const admission = (cluster: string): AdmissionPolicy[] =>
    renderedAdmissionPolicies(builds.built.get(`${names.k8sRoot}/admission-policies/${names.overlaysDir}/${cluster}`) ?? []);
  return { targets, admission };
}

/** Whether the object lands in one of the platform's plane namespaces (the only ones bound in-cluster). */
function inPlaneNamespace(target: PolicyTarget, all: readonly PolicyTarget[]): boolean {
  // A Namespace is selected by its own labels (policy millwright-pod-security-explained judges plane namespaces).
  if (target.object.kind === 'Namespace') return target.object.metadata.labels?.[names.labels.millwrightPlane] !== undefined;
  const namespace = target.object.metadata.namespace;
  const owner = all.find((t) => t.cluster === target.cluster && t.object.kind === 'Namespace' && t.object.metadata.name === namespace);
  return owner?.object.metadata.labels?.[names.labels.millwrightPlane] !== undefined;
}

const verdicts = (results: readonly PolicyResult[]) => results.map((r) => `${r.cluster} ${r.policy} ${r.object.kind}/${r.object.name} ${r.outcome}`).sort();

/** Replaces one rendered file's content. */
function edit(files: readonly OutputFile[], path: string, change: (content: string) => string): OutputFile[] {
  expect(files.some((f) => f.path === path), path).toBe(true);
  return files.map((f) => (f.path === path ? { ...f, content: change(f.content) } : f));
}

describe('the admission policies the clusters receive', () => {
  const clusters = ['edge-1', 'core'];
  let gate: PolicyResult[];
  let admitted: PolicyResult[];
  let targets: PolicyTarget[];
  let built: Awaited<ReturnType<typeof clustersOf>>;

  beforeAll(async () => {
    built = await clustersOf(renderTree(platformWith('Deny', 'Deny'), catalogue).files);
    targets = built.targets;
    const inClusterNames = new Set(built.admission('core').map((p) => p.name));
    const planeObjects = new Set(targets.filter((t) => inPlaneNamespace(t, targets)).map((t) => `${t.cluster} ${t.object.kind}/${t.object.metadata.namespace}/${t.object.metadata.name}`));
    gate = evaluatePolicies(policies, targets).results.filter(
      (r) => inClusterNames.has(r.policy) && planeObjects.has(`${r.cluster} ${r.object.kind}/${r.object.namespace}/${r.object.name}`),
    ) as PolicyResult[];
    admitted = clusters.flatMap((cluster) => evaluatePolicies(built.admission(cluster), targets.filter((t) => t.cluster === cluster)).results) as PolicyResult[];
  });

  it('are every in-cluster policy, bound once, on every cluster', () => {
    const expected = policies.filter((p) => p.type === 'admission' && p.inCluster).map((p) => p.name);
    for (const cluster of clusters) {
      const admission = built.admission(cluster);
      expect(admission.map((p) => p.name).sort()).toEqual([...expected].sort());
      expect(admission.every((p) => p.binding?.spec?.policyName === p.name)).toBe(true);
    }
  });

  it("give the gate's verdict on every object in the platform's namespaces", () => {
    expect(admitted.length).toBeGreaterThan(0);
    expect(verdicts(admitted)).toEqual(verdicts(gate));
    expect(admitted.filter((r) => r.outcome !== 'pass')).toEqual([]);
  });

  it("never judge an object outside the platform's namespaces", () => {
    const outside = new Set(targets.filter((t) => t.object.metadata.namespace && !inPlaneNamespace(t, targets)).map((t) => t.object));
    expect(admitted.filter((r) => [...outside].some((o: KubeObject) => o.kind === r.object.kind && o.metadata.name === r.object.name && o.metadata.namespace === r.object.namespace))).toEqual([]);
  });

  it("deny on a Deny cluster and only warn on a Warn cluster, each with the gate's message", async () => {
    let files = renderTree(platformWith('Warn', 'Deny'), catalogue).files;
    files = edit(files, 'k8s/edge-gateway/base/deployment-edge-gateway.yaml', (c) =>
      c.replace(/^(\s*)allowPrivilegeEscalation: false$/m, '$1allowPrivilegeEscalation: false\n$1privileged: true'),
    );
    files = edit(files, 'k8s/ui/base/deployment-ui.yaml', (c) => c.replace('millwright-ui:0.1.0', 'millwright-ui:latest'));
    const mutated = await clustersOf(files);
    const lines = clusters.flatMap((cluster) =>
      formatText(evaluatePolicies(mutated.admission(cluster), mutated.targets.filter((t) => t.cluster === cluster)))
        .split('\n')
        .filter((line) => /^(FAIL|WARN)/.test(line)),
    );
    expect(lines).toEqual([
      'WARN - k8s/edge-gateway/overlays/edge-1 - Deployment/millwright-ot/edge-gateway - millwright-pod-security-restricted - container(s) edge-gateway run privileged; remove securityContext.privileged',
      'FAIL - k8s/ui/overlays/core - Deployment/millwright-it/ui - millwright-images-pinned - container(s) ui use the mutable tag :latest; pin a version tag',
    ]);
  });
});
