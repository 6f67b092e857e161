// The Day 0 program under Pulumi's mocks (`pulumi preview` without the engine): the resource
// graph it declares for both delivery engines and all three topologies.
import { beforeAll, describe, expect, it } from 'vitest';
import { catalogue, inClusterServer, names, requiredSecrets, resolvePlatform, type KubeObject } from '@millwright/platform';
import { allTopologies, sampleConfig } from '@millwright/platform/testing';
import { fleetClusterLabels, parseYamlFile, renderedNamespaces, renderTree } from '@millwright/manifests';
import { argoCdChart } from './argocd-release.ts';
import { argoCdSecretTypeLabel } from './argocd-cluster-registration.ts';
import { deliveryEngines } from './day0-config.ts';
import { mockCa, mockToken, planFor, runUnderMocks, sampleStackConfig, type DeclaredResource, type MockRun } from './test-support/mock-run.ts';

const scenarios = deliveryEngines.flatMap((engine) => allTopologies.map((topology) => ({ engine, topology })));

const ofType = (run: MockRun, type: string) => run.resources.filter((r) => r.type === type);
const named = (run: MockRun, name: string): DeclaredResource => {
  const found = run.resources.find((r) => r.name === name);
  if (!found) throw new Error(`no resource ${name}; declared: ${run.resources.map((r) => r.name).join(', ')}`);
  return found;
};
const contextOf = (cluster: string) => `ctx-${cluster}`;

describe.each(scenarios)('Day 0 with $engine, $topology', ({ engine, topology }) => {
  const config = sampleConfig(topology);
  const platform = resolvePlatform(config, catalogue);
  const tree = renderTree(platform, catalogue);
  const required = requiredSecrets(platform, tree.components);
  const rendered = (path: string) => parseYamlFile(tree.files.find((f) => f.path === path)!).documents as KubeObject[];
  let run: MockRun;

  beforeAll(async () => {
    run = await runUnderMocks(planFor(config, sampleStackConfig(engine, config)));
  });

  it('creates every namespace the platform renders on each cluster, on that cluster, and keeps it on pulumi destroy', () => {
    for (const cluster of platform.clusters) {
      const expected = renderedNamespaces(tree.components, cluster.name).map((n) => n.metadata.name).sort();
      const declared = ofType(run, 'kubernetes:core/v1:Namespace').filter((r) => r.name.startsWith(`${cluster.name}/`));
      expect(declared.map((r) => (r.inputs['metadata'] as KubeObject['metadata']).name).sort(), cluster.name).toEqual(expected);
      for (const namespace of declared) {
        expect(namespace.context).toBe(contextOf(cluster.name));
        expect(namespace.retainOnDelete, namespace.name).toBe(true);
      }
    }
  });

  it('labels each namespace exactly as the rendered namespaces component does', () => {
    for (const cluster of platform.clusters) {
      for (const namespace of renderedNamespaces(tree.components, cluster.name)) {
        const labels = (named(run, `${cluster.name}/Namespace/${namespace.metadata.name}`).inputs['metadata'] as KubeObject['metadata']).labels;
        // Fleet's one difference: Helm adopts an existing namespace only when it says managed-by Helm (fleet-namespace-adoption.ts).
        const expected = engine === 'fleet' ? { ...namespace.metadata.labels, [names.labels.managedBy]: names.helmManagedBy } : namespace.metadata.labels;
        expect(labels, `${cluster.name}/${namespace.metadata.name}`).toEqual(expected);
      }
    }
  });

  it('creates every Secret the platform requires on its cluster, with exactly its keys, each value sent as a secret, after its namespace', () => {
    const declared = ofType(run, 'kubernetes:core/v1:Secret').filter((r) => platform.clusters.some((c) => r.name.startsWith(`${c.name}/millwright-`)));
    expect(declared.map((r) => r.name).sort()).toEqual(required.map((s) => `${s.cluster}/${s.namespace}/${s.name}`).sort());
    for (const secret of required) {
      const resource = named(run, `${secret.cluster}/${secret.namespace}/${secret.name}`);
      expect(resource.context).toBe(contextOf(secret.cluster));
      expect(Object.keys(resource.inputs['stringData'] as object).sort(), resource.name).toEqual([...secret.keys].sort());
      expect(resource.secretInputs.slice().sort(), resource.name).toEqual(secret.keys.map((key) => `stringData.${key}`).sort());
      expect(resource.dependsOn, resource.name).toContain(`${secret.cluster}/Namespace/${secret.namespace}`);
    }
  });

  if (engine === 'argocd') {
    it(`installs Argo CD from its upstream chart, pinned at ${argoCdChart.version}, on the management cluster, with the health check of bootstrap/argocd-cm-patch.yaml`, () => {
      const release = named(run, 'argocd');
      expect(release.type).toBe('kubernetes:helm.sh/v3:Release');
      expect(release.context).toBe('ctx-management');
      expect(release.inputs).toMatchObject({ chart: 'argo-cd', version: '10.3.3', repositoryOpts: { repo: 'https://argoproj.github.io/argo-helm' }, namespace: 'argocd', createNamespace: true });
      const patch = rendered(names.bootstrapArgoCdConfigPatch)[0] as KubeObject & { data: Record<string, string> };
      expect((release.inputs['values'] as { configs: { cm: unknown } }).configs.cm).toEqual(patch.data);
    });

    it('registers every cluster Argo CD reaches by name with a declarative cluster Secret, signed in with the argocd-manager token of that cluster', () => {
      const byName = platform.clusters.filter((c) => 'name' in c.destination);
      const secrets = ofType(run, 'kubernetes:core/v1:Secret').filter((r) => (r.inputs['metadata'] as KubeObject['metadata']).labels?.[argoCdSecretTypeLabel] === 'cluster');
      expect(secrets.map((r) => (r.inputs['stringData'] as Record<string, string>)['name']).sort()).toEqual(byName.map((c) => (c.destination as { name: string }).name).sort());
      for (const cluster of byName) {
        const secret = named(run, `argocd/Secret/argocd/cluster-${cluster.name}`);
        expect(secret.context).toBe('ctx-management');
        expect(secret.dependsOn).toContain('argocd');
        const data = secret.inputs['stringData'] as Record<string, string>;
        expect(data['server']).toBe(`https://${cluster.name}.example.com:6443`);
        expect(JSON.parse(data['config']!)).toEqual({ bearerToken: mockToken, tlsClientConfig: { insecure: false, caData: Buffer.from(mockCa).toString('base64') } });
        expect(secret.secretInputs).toContain('stringData.config');
        const token = named(run, `${cluster.name}/Secret/kube-system/argocd-manager-token`);
        expect(token.context).toBe(contextOf(cluster.name));
        expect(named(run, `${cluster.name}/ClusterRoleBinding/argocd-manager-role-binding`).context).toBe(contextOf(cluster.name));
      }
      if (topology === 'cloud-only') expect(platform.clusters.every((c) => 'server' in c.destination && c.destination.server === inClusterServer)).toBe(true);
    });

    it('applies bootstrap/root.yaml last: the bootstrap AppProject, then the root Application, after the chart, every cluster Secret and every namespace and Secret; both kept on pulumi destroy', () => {
      const bootstrap = rendered(names.bootstrapRootApp);
      const project = named(run, `argocd/AppProject/argocd/${bootstrap[0]!.metadata.name}`);
      const root = named(run, `argocd/Application/argocd/${bootstrap[1]!.metadata.name}`);
      expect([project.inputs, root.inputs]).toEqual(bootstrap);
      const prepared = run.resources.filter((r) => ['kubernetes:core/v1:Namespace', 'kubernetes:core/v1:Secret'].includes(r.type) && r.name !== project.name).map((r) => r.name);
      expect(project.dependsOn.slice().sort()).toEqual(['argocd', ...prepared.filter((n) => !n.includes('argocd-manager-token'))].sort());
      expect(root.dependsOn).toEqual([project.name]);
      expect([project.retainOnDelete, root.retainOnDelete]).toEqual([true, true]);
      expect(run.resources.at(-1)!.name).toBe(root.name);
    });
  } else {
    it('labels each Fleet cluster on the management cluster with the labels its bundles select by, and nothing else of it', () => {
      for (const cluster of platform.clusters) {
        const patch = named(run, `fleet-default/Cluster/${cluster.name}/labels`);
        expect(patch.type).toBe('kubernetes:fleet.cattle.io/v1alpha1:ClusterPatch');
        expect(patch.context).toBe('ctx-management');
        expect(patch.inputs).toEqual({ apiVersion: 'fleet.cattle.io/v1alpha1', kind: 'Cluster', metadata: { name: cluster.name, namespace: 'fleet-default', labels: fleetClusterLabels(cluster) } });
      }
    });

    it('creates the ClusterGroups and the GitRepo of fleet/ as rendered, the GitRepo after every label, namespace and Secret; all kept on pulumi destroy', () => {
      const imports = tree.files.filter((f) => f.path.startsWith('fleet/')).flatMap((f) => parseYamlFile(f).documents as KubeObject[]);
      const declared = run.resources.filter((r) => r.type.startsWith('kubernetes:fleet.cattle.io/v1alpha1:') && !r.type.endsWith('Patch'));
      expect(declared.map((r) => r.inputs).sort((a, b) => String(a['kind']).localeCompare(String(b['kind'])))).toEqual(
        [...imports].sort((a, b) => a.kind.localeCompare(b.kind)),
      );
      const gitRepo = declared.find((r) => r.inputs['kind'] === 'GitRepo')!;
      const waitedFor = run.resources.filter((r) => ['kubernetes:core/v1:Namespace', 'kubernetes:core/v1:Secret'].includes(r.type) || r.type.endsWith('ClusterPatch') || r.inputs['kind'] === 'ClusterGroup');
      expect(gitRepo.dependsOn.slice().sort()).toEqual(waitedFor.map((r) => r.name).sort());
      expect(declared.every((r) => r.retainOnDelete)).toBe(true);
    });

    it('marks every namespace for adoption by the Helm release of the namespaces bundle (k8s/namespaces/fleet.yaml)', () => {
      for (const namespace of ofType(run, 'kubernetes:core/v1:Namespace')) {
        expect((namespace.inputs['metadata'] as KubeObject['metadata']).annotations, namespace.name).toMatchObject({
          'meta.helm.sh/release-name': 'millwright-namespaces',
          'meta.helm.sh/release-namespace': 'millwright-governance',
        });
      }
    });

    it('declares no Argo CD', () => {
      expect(run.resources.filter((r) => r.type.includes('argoproj.io') || r.type.includes('helm.sh'))).toEqual([]);
    });
  }

  it('reaches each cluster through a provider for its kubeconfig context, and only those', () => {
    expect(ofType(run, 'pulumi:providers:kubernetes').map((r) => r.inputs['context']).sort()).toEqual(['ctx-management', ...platform.clusters.map((c) => contextOf(c.name))].sort());
  });
});

describe('Day 0 where the management cluster is also a workload cluster', () => {
  it('registers that cluster with Argo CD in-cluster, with no token, and talks to it through one provider', async () => {
    const config = sampleConfig('edge-only');
    const run = await runUnderMocks(planFor(config, { engine: 'argocd', managementContext: 'ctx-edge-1', clusters: { 'edge-1': { context: 'ctx-edge-1' } } }));
    const secret = named(run, 'argocd/Secret/argocd/cluster-edge-1');
    const data = secret.inputs['stringData'] as Record<string, string>;
    expect(data['server']).toBe(inClusterServer);
    expect(JSON.parse(data['config']!)).toEqual({ tlsClientConfig: { insecure: false } });
    expect(run.resources.filter((r) => r.name.includes('argocd-manager'))).toEqual([]);
    expect(ofType(run, 'pulumi:providers:kubernetes').map((r) => r.inputs['context'])).toEqual(['ctx-edge-1']);
  });
});
