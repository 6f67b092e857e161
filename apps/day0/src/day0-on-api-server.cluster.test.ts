// Every Kubernetes object the Day 0 program declares (captured from Pulumi's mocks) applied to a
// real API server (etcd and kube-apiserver from $KUBEBUILDER_ASSETS) as the Kubernetes provider
// applies it: server-side, namespaces first, in the program's order. Run with `npm run test:cluster`.
//
// Two control planes stand in for the clusters: one for the management cluster (Argo CD or
// Rancher) and one that receives the objects of every workload cluster in turn. What the program
// hands to Helm (the Argo CD chart) is not applied; the CRDs that chart installs are, from the
// vendored copies of the same Argo CD release.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { names, type KubeObject } from '@millwright/platform';
import { allTopologies, sampleConfig } from '@millwright/platform/testing';
import { startKubeControlPlane, upstreamCrdsFor, type KubeControlPlane, type KubectlResult } from '@millwright/test-servers';
import { deliveryEngines } from './day0-config.ts';
import { planFor, runUnderMocks, sampleStackConfig, type DeclaredResource } from './test-support/mock-run.ts';

const managementContext = 'ctx-management';
const scenarios = deliveryEngines.flatMap((engine) => allTopologies.map((topology) => ({ engine, topology })));

/** The Kubernetes objects among the declared resources; Helm releases and providers are not objects. */
function kubernetesObjects(resources: readonly DeclaredResource[]): { context: string; object: KubeObject }[] {
  return resources
    .filter((r) => r.type.startsWith('kubernetes:') && !r.type.startsWith('kubernetes:helm.sh/') && r.context !== undefined)
    .map((r) => ({ context: r.context!, object: r.inputs as unknown as KubeObject }));
}

const stream = (objects: readonly KubeObject[]) => objects.map((object) => JSON.stringify(object)).join('\n---\n');

/** What one apply gave back, named by its step. */
interface Step {
  readonly step: string;
  readonly result: KubectlResult;
}

describe('the objects Day 0 declares, on a real API server', () => {
  let management: KubeControlPlane;
  let workload: KubeControlPlane;

  beforeAll(async () => {
    management = await startKubeControlPlane();
    workload = await startKubeControlPlane();
  });

  afterAll(async () => {
    await management?.destroy();
    await workload?.destroy();
  });

  describe.each(scenarios)('with $engine, $topology', ({ engine, topology }) => {
    const config = sampleConfig(topology);
    const steps: Step[] = [];
    let objects: { context: string; object: KubeObject }[];

    beforeAll(async () => {
      const run = await runUnderMocks(planFor(config, sampleStackConfig(engine, config)));
      objects = kubernetesObjects(run.resources);
      // Each workload cluster: its namespaces, then everything else, in the order the program declared it.
      for (const cluster of config.clusters) {
        const here = objects.filter((o) => o.context === `ctx-${cluster.name}`).map((o) => o.object);
        const namespaces = here.filter((o) => o.kind === 'Namespace');
        steps.push({ step: `${cluster.name}: namespaces`, result: await workload.apply(stream(namespaces)) });
        steps.push({ step: `${cluster.name}: the rest`, result: await workload.apply(stream(here.filter((o) => o.kind !== 'Namespace'))) });
      }
      // The management cluster as the engine's own install leaves it: Argo CD's namespace and CRDs
      // (the chart), or Fleet's namespace, CRDs and the Cluster objects Rancher made on import.
      const managed = objects.filter((o) => o.context === managementContext).map((o) => o.object);
      await management.installCrds(upstreamCrdsFor(managed));
      const namespace = engine === 'argocd' ? names.argoCdNamespace : names.fleetNamespace;
      const before: KubeObject[] = [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } }];
      if (engine === 'fleet') {
        for (const patch of managed.filter((o) => o.kind === 'Cluster')) {
          before.push({ apiVersion: 'fleet.cattle.io/v1alpha1', kind: 'Cluster', metadata: { name: patch.metadata.name, namespace: names.fleetNamespace, labels: { 'imported-by': 'rancher' } } });
        }
      }
      const setUp = await management.apply(stream(before), { fieldManager: 'rancher' });
      if (setUp.exitCode !== 0) throw new Error(`setting up the management cluster failed: ${setUp.stderr}`);
      for (const object of managed) steps.push({ step: `management: ${object.kind}/${object.metadata.name}`, result: await management.apply(stream([object])) });
    });

    it('has the API server admit every object', () => {
      expect(objects.length).toBeGreaterThan(0);
      expect(steps.filter((s) => s.result.exitCode !== 0).map((s) => `${s.step}: ${s.result.stderr.trim()}`)).toEqual([]);
    });

    it('draws no warning', () => {
      const warnings = steps.flatMap((s) => s.result.warnings.map((w) => `${s.step}: Warning: ${w}`));
      expect(warnings).toEqual([]);
    });

    if (engine === 'argocd') {
      it('leaves the root Application stored in Argo CD’s namespace', async () => {
        const listed = await management.kubectl(['-n', names.argoCdNamespace, 'get', 'applications.argoproj.io', '-o', 'name']);
        expect(listed.stdout).toContain('application.argoproj.io/millwright');
      });
    } else {
      it('adds the labels to the Fleet Cluster objects Rancher made, keeping what was there', async () => {
        for (const cluster of config.clusters) {
          const got = await management.kubectl(['-n', names.fleetNamespace, 'get', 'clusters.fleet.cattle.io', cluster.name, '-o', 'json']);
          const labels = (JSON.parse(got.stdout) as KubeObject).metadata.labels;
          expect(labels, cluster.name).toMatchObject({ 'imported-by': 'rancher', [names.labels.cluster]: cluster.name, [names.labels.role]: cluster.role });
        }
      });
    }
  });
});
