// Issue 15: the rendered tree, applied to a real Kubernetes API server (envtest assets) exactly as
// the delivery engines apply it, is admitted whole, draws no warning, and runs under admission
// policies that are in force. Run with `npm run test:cluster`.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogue, names, resolvePlatform, type KubeObject, type Platform } from '@millwright/platform';
import { allTopologies, sampleConfig } from '@millwright/platform/testing';
import { renderTree, type OutputFile } from '@millwright/manifests';
import { startKubeControlPlane, upstreamCrdsFor, type KubeControlPlane } from '@millwright/test-servers';
import { loadPlatform } from './load-platform.ts';
import { applyStep, refusals, rollOutWorkloadCluster, warningsOf, type AppliedStep, type WorkloadRollout } from './test-support/cluster-rollout.ts';
import { describeVerdict } from './test-support/admission-verdict.ts';
import { firstRefusal, mutationFindings } from './test-support/offline-verdicts.ts';
import { policyMutations, type PolicyMutation } from './test-support/policy-mutations.ts';
import { renderedAdmissionPolicies } from './test-support/rendered-admission-policies.ts';
import { managementRollout, overlaysInSyncOrder, type OverlayInWave } from './test-support/sync-order.ts';
import { validateBuilds } from './validate-builds.ts';

const root = join(import.meta.dirname, '../../..');

/** The platforms under test: the repository's own config, and the sample config of each topology. */
const platforms: readonly { readonly name: string; readonly platform: Platform }[] = [
  { name: 'platform.config.ts', platform: await loadPlatform(join(root, 'platform.config.ts')) },
  ...allTopologies.map((topology) => ({ name: `the ${topology} sample`, platform: resolvePlatform(sampleConfig(topology), catalogue) })),
];

/** Renders a platform and builds every overlay with `kubectl kustomize`, as Argo CD and Fleet do. */
async function renderAndBuild(platform: Platform): Promise<{ files: readonly OutputFile[]; built: ReadonlyMap<string, readonly KubeObject[]>; overlays: (cluster: string) => OverlayInWave[] }> {
  const { files, components } = renderTree(platform, catalogue);
  const builds = await validateBuilds(files);
  if (builds.problems.length > 0) throw new Error(`the tree does not build: ${builds.problems.map((p) => `${p.file}: ${p.message}`).join('\n')}`);
  return { files, built: builds.built, overlays: (cluster) => overlaysInSyncOrder(components, builds.built, cluster) };
}

describe.each(platforms)('the tree of $name on a real API server', ({ platform }) => {
  let tree: Awaited<ReturnType<typeof renderAndBuild>>;

  beforeAll(async () => {
    tree = await renderAndBuild(platform);
  });

  describe.each(platform.clusters.map((cluster) => cluster.name))('workload cluster %s', (cluster) => {
    let plane: KubeControlPlane;
    let overlays: OverlayInWave[];
    let clusterObjects: KubeObject[];
    let mutations: PolicyMutation[];
    let rollout: WorkloadRollout;

    beforeAll(async () => {
      const started = performance.now();
      plane = await startKubeControlPlane();
      const ready = performance.now();
      overlays = tree.overlays(cluster);
      clusterObjects = overlays.flatMap((o) => o.objects);
      await plane.installCrds(upstreamCrdsFor(clusterObjects));
      const crdsIn = performance.now();
      mutations = policyMutations(clusterObjects);
      rollout = await rollOutWorkloadCluster(plane, overlays, mutations);
      const seconds = (from: number, to: number) => `${((to - from) / 1000).toFixed(1)} s`;
      console.log(
        `${cluster}: ${clusterObjects.length} objects in ${overlays.length} overlays (${overlays.map((o) => `${o.component} ${o.objects.length}`).join(', ')}); ` +
          `API server up in ${seconds(started, ready)}, CRDs in ${seconds(ready, crdsIn)}, tree applied in ${seconds(crdsIn, performance.now())}`,
      );
    });

    afterAll(async () => {
      await plane?.destroy();
    });

    it('admits every object of every overlay, applied server-side in sync-wave order', () => {
      expect(overlays[0]?.component).toBe('namespaces');
      expect(overlays.map((o) => o.wave)).toEqual([...overlays.map((o) => o.wave)].sort((a, b) => a - b));
      expect(refusals(rollout.steps)).toEqual([]);
    });

    it('draws no warning, from Pod Security or anything else', () => {
      expect(warningsOf(rollout.steps)).toEqual([]);
    });

    it('stores every object it was given', async () => {
      const applied = rollout.steps.filter((s) => s.step.startsWith(`${names.k8sRoot}/`));
      const reported = applied.flatMap((s) => s.result.stdout.split('\n').filter((line) => line.endsWith(' serverside-applied')));
      expect(reported.length).toBe(clusterObjects.length);
    });

    it('holds every ValidatingAdmissionPolicy and binding of its overlay, each binding naming a policy that exists', async () => {
      const admission = overlays.find((o) => o.component === 'admission-policies')!.objects;
      const listed = JSON.parse((await plane.kubectl(['get', 'validatingadmissionpolicies,validatingadmissionpolicybindings', '-o', 'json'])).stdout) as { items: KubeObject[] };
      const namesOf = (objects: readonly KubeObject[], kind: string) => objects.filter((o) => o.kind === kind).map((o) => o.metadata.name).sort();
      expect(namesOf(listed.items, 'ValidatingAdmissionPolicy')).toEqual(namesOf(admission, 'ValidatingAdmissionPolicy'));
      expect(namesOf(listed.items, 'ValidatingAdmissionPolicyBinding')).toEqual(namesOf(admission, 'ValidatingAdmissionPolicyBinding'));
      const policies = new Set(namesOf(listed.items, 'ValidatingAdmissionPolicy'));
      for (const binding of listed.items.filter((o) => o.kind === 'ValidatingAdmissionPolicyBinding')) {
        expect(policies, binding.metadata.name).toContain((binding['spec'] as { policyName: string }).policyName);
      }
      // status.typeChecking is written by kube-controller-manager's validatingadmissionpolicy-status
      // controller, which envtest does not run; where it has run, it must have found nothing.
      // That the policies are in force is shown by the next test.
      for (const policy of listed.items.filter((o) => o.kind === 'ValidatingAdmissionPolicy')) {
        const status = policy['status'] as { typeChecking?: { expressionWarnings?: unknown[] } } | undefined;
        expect(status?.typeChecking?.expressionWarnings ?? [], policy.metadata.name).toEqual([]);
      }
    });

    it("enforces every in-cluster policy from the first wave on: each hand-made violation is refused by its policy, with the runner's message", () => {
      const policies = renderedAdmissionPolicies(overlays.find((o) => o.component === 'admission-policies')!.objects);
      expect([...new Set(mutations.map((m) => m.policy))].sort(), 'a violation of every in-cluster policy').toEqual(policies.map((p) => p.name).sort());
      const findings = mutationFindings(policies, mutations, clusterObjects);
      const expected = mutations.map((mutation, index) => ({ rule: mutation.rule, refusal: firstRefusal(mutation.policy, findings[index]!) }));
      const actual = rollout.firstWaveVerdicts.map((verdict, index) => ({ rule: mutations[index]!.rule, refusal: describeVerdict(verdict) }));
      expect(actual).toEqual(expected);
    });
  });

  describe('management cluster (Argo CD and Rancher)', () => {
    let plane: KubeControlPlane;
    const steps: AppliedStep[] = [];
    let rollout: ReturnType<typeof managementRollout>;

    beforeAll(async () => {
      plane = await startKubeControlPlane();
      rollout = managementRollout(tree.files);
      await plane.installCrds(upstreamCrdsFor([...rollout.root, ...rollout.children, ...rollout.fleet]));
      // What the Argo CD and Rancher installs create before anything of ours arrives.
      const installed: KubeObject[] = [
        { apiVersion: 'v1', kind: 'Namespace', metadata: { name: names.argoCdNamespace } },
        { apiVersion: 'v1', kind: 'Namespace', metadata: { name: names.fleetNamespace } },
        { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: rollout.argoCdConfigPatch.metadata.name, namespace: names.argoCdNamespace } },
      ];
      steps.push(await applyStep(plane, 'the Argo CD and Rancher installs', installed));
      steps.push(await applyStep(plane, names.bootstrapRootApp, rollout.root));
      const waves = [...new Set(rollout.children.map((o) => o.metadata.annotations?.[names.annotations.syncWave] ?? '0'))];
      for (const wave of waves) {
        const objects = rollout.children.filter((o) => (o.metadata.annotations?.[names.annotations.syncWave] ?? '0') === wave);
        steps.push(await applyStep(plane, `${names.bootstrapChildren} wave ${wave}`, objects));
      }
      const patch = rollout.argoCdConfigPatch;
      const patched = await plane.kubectl(['patch', 'configmap', patch.metadata.name, '-n', patch.metadata.namespace!, '--type=merge', '-p', JSON.stringify({ data: patch['data'] })]);
      steps.push({ step: names.bootstrapArgoCdConfigPatch, objects: 1, result: patched });
      steps.push(await applyStep(plane, `${names.fleetRoot}/`, rollout.fleet));
      console.log(`management: ${rollout.root.length + rollout.children.length} Argo CD objects, ${rollout.fleet.length} Fleet objects`);
    });

    afterAll(async () => {
      await plane?.destroy();
    });

    it('admits bootstrap/ (root app, projects, Applications in sync-wave order), the argocd-cm patch and fleet/', () => {
      expect(refusals(steps)).toEqual([]);
    });

    it('draws no warning', () => {
      expect(warningsOf(steps)).toEqual([]);
    });

    it('stores every AppProject, Application, GitRepo and ClusterGroup it was given', async () => {
      const stored = (await plane.kubectl(['get', 'appprojects.argoproj.io,applications.argoproj.io,gitrepos.fleet.cattle.io,clustergroups.fleet.cattle.io', '-A', '-o', 'name'])).stdout.trim().split('\n');
      expect(stored.length).toBe(rollout.root.length + rollout.children.length + rollout.fleet.length);
    });

    it("merges the Application health check into Argo CD's argocd-cm", async () => {
      const patch = rollout.argoCdConfigPatch;
      const configMap = JSON.parse((await plane.kubectl(['get', 'configmap', patch.metadata.name, '-n', patch.metadata.namespace!, '-o', 'json'])).stdout) as KubeObject;
      expect(configMap['data']).toEqual(patch['data']);
    });
  });
});
