import { describe, expect, it } from 'vitest';
import { catalogue, resolvePlatform, type KubeObject } from '@millwright/platform';
import { allTopologies, sampleConfig } from '@millwright/platform/testing';
import { applicationName, parseYamlFile, projectName, renderTree, type OutputFile } from '@millwright/manifests';

interface Application extends KubeObject {
  metadata: KubeObject['metadata'] & { annotations?: Record<string, string>; finalizers?: string[] };
  spec: {
    project: string;
    source: { repoURL: string; targetRevision: string; path: string; directory?: { recurse?: boolean } };
    sources?: {
      repoURL: string;
      targetRevision: string;
      path?: string;
      chart?: string;
      helm?: { releaseName: string; valuesObject: Record<string, unknown> };
    }[];
    destination: { server?: string; name?: string; namespace: string };
    syncPolicy: { automated: { prune: boolean; selfHeal: boolean }; syncOptions?: string[] };
  };
}

interface AppProject extends KubeObject {
  spec: {
    sourceRepos: string[];
    destinations: { server?: string; name?: string; namespace: string }[];
    clusterResourceWhitelist: { group: string; kind: string }[];
    namespaceResourceWhitelist: { group: string; kind: string }[];
  };
}

const syncWave = 'argocd.argoproj.io/sync-wave';
const documentsOf = (files: readonly OutputFile[], path: string) => {
  const file = files.find((f) => f.path === path);
  if (!file) throw new Error(`the tree has no ${path}`);
  return parseYamlFile(file).documents as KubeObject[];
};
const groupOf = (apiVersion: string) => (apiVersion.includes('/') ? apiVersion.split('/')[0] : '');

describe('bootstrap/root.yaml', () => {
  const { files } = renderTree(resolvePlatform(sampleConfig('hybrid'), catalogue), catalogue);
  const [project, root] = documentsOf(files, 'bootstrap/root.yaml') as [AppProject, Application];

  it('holds the bootstrap AppProject, not default, and the root Application that uses it', () => {
    expect([project.kind, project.metadata.name]).toEqual(['AppProject', 'millwright-bootstrap']);
    expect([root.kind, root.metadata.name]).toEqual(['Application', 'millwright']);
    expect(root.spec.project).toBe('millwright-bootstrap');
  });

  it('points the root Application at bootstrap/children, read recursively', () => {
    expect(root.spec.source).toEqual({
      repoURL: 'https://github.com/example/millwright.git',
      targetRevision: 'main',
      path: 'bootstrap/children',
      directory: { recurse: true },
    });
  });

  it('lets the bootstrap project deploy only AppProjects and Applications into argocd', () => {
    expect(project.spec.destinations).toEqual([{ server: 'https://kubernetes.default.svc', namespace: 'argocd' }]);
    expect(project.spec.clusterResourceWhitelist).toEqual([]);
    expect(project.spec.namespaceResourceWhitelist).toEqual([
      { group: 'argoproj.io', kind: 'AppProject' },
      { group: 'argoproj.io', kind: 'Application' },
    ]);
  });

  it('syncs the root automatically and deletes what it deployed when removed', () => {
    expect(root.spec.syncPolicy.automated).toEqual({ prune: true, selfHeal: true });
    expect(root.metadata.finalizers).toEqual(['resources-finalizer.argocd.argoproj.io/foreground']);
  });
});

describe('bootstrap/argocd-cm-patch.yaml', () => {
  const { files } = renderTree(resolvePlatform(sampleConfig('hybrid'), catalogue), catalogue);
  const [patch] = documentsOf(files, 'bootstrap/argocd-cm-patch.yaml') as [KubeObject & { data: Record<string, string> }];

  it('patches argocd-cm in the argocd namespace with the Application health check', () => {
    expect(patch.metadata).toEqual({ name: 'argocd-cm', namespace: 'argocd' });
    expect(Object.keys(patch.data)).toEqual(['resource.customizations.health.argoproj.io_Application']);
  });

  it('makes a child Application as healthy as its own obj.status.health', () => {
    const lua = patch.data['resource.customizations.health.argoproj.io_Application']!;
    expect(lua).toContain('if obj.status ~= nil and obj.status.health ~= nil then');
    expect(lua).toContain('health.status = obj.status.health.status');
    expect(lua).toContain('local health = { status = "Progressing", message = "" }');
    expect(lua.trimEnd().split('\n').at(-1)).toBe('return health');
  });
});

describe.each(allTopologies)('the child Applications under %s', (topology) => {
  const platform = resolvePlatform(sampleConfig(topology), catalogue);
  const { files, components } = renderTree(platform, catalogue);
  const placements = components.flatMap((component) => component.clusters.map((cluster) => ({ component, cluster })));
  const applicationAt = (component: string, cluster: string) =>
    documentsOf(files, `bootstrap/children/applications/${cluster}/${component}.yaml`)[0] as Application;
  const waveOf = (component: string) => Number(applicationAt(component, components.find((c) => c.definition.name === component)!.clusters[0]!.name).metadata.annotations?.[syncWave]);

  it('renders one Application per component per cluster, and no other', () => {
    const rendered = files.map((f) => f.path).filter((path) => path.startsWith('bootstrap/children/applications/'));
    expect(rendered.sort()).toEqual(placements.map(({ component, cluster }) => `bootstrap/children/applications/${cluster.name}/${component.definition.name}.yaml`).sort());
  });

  it.each(placements.map(({ component, cluster }) => [component.definition.name, cluster.name]))(
    'points %s on %s at its overlay, in its own namespace, under its plane project',
    (name, clusterName) => {
      const component = components.find((c) => c.definition.name === name)!;
      const application = applicationAt(name, clusterName);
      expect(application.metadata.name).toBe(applicationName(name, clusterName));
      expect(application.spec.project).toBe(projectName(platform, component.definition.plane));
      expect(application.spec.project).not.toBe('default');
      const overlay = application.spec.source ?? application.spec.sources?.find((source) => source.path);
      expect(overlay?.path).toBe(`k8s/${name}/overlays/${clusterName}`);
      expect(application.spec.destination.namespace).toBe(component.namespace);
      expect(application.spec.syncPolicy.automated).toEqual({ prune: true, selfHeal: true });
      expect(application.metadata.finalizers).toEqual(['resources-finalizer.argocd.argoproj.io/foreground']);
    },
  );

  it('syncs every component in a later wave than the deployed components it depends on', () => {
    for (const component of components) {
      for (const dependency of component.definition.dependsOn.filter((d) => components.some((c) => c.definition.name === d))) {
        expect(waveOf(dependency), `${dependency} before ${component.definition.name}`).toBeLessThan(waveOf(component.definition.name));
      }
    }
  });

  it('gives every AppProject the -1 wave, so it exists before the Applications that name it', () => {
    for (const file of files.filter((f) => f.path.startsWith('bootstrap/children/projects/'))) {
      expect((documentsOf(files, file.path)[0] as AppProject).metadata.annotations?.[syncWave], file.path).toBe('-1');
    }
  });

  it('whitelists in each plane project exactly the kinds its components render or their charts declare, cluster-scoped apart', () => {
    for (const file of files.filter((f) => f.path.startsWith('bootstrap/children/projects/'))) {
      const plane = file.path.slice('bootstrap/children/projects/'.length, -'.yaml'.length);
      const members = components.filter((c) => c.definition.plane === plane);
      const objects = members
        .flatMap((c) => files.filter((f) => f.path.startsWith(`k8s/${c.definition.name}/`) && !/(kustomization|fleet)\.yaml$|\/patches\//.test(f.path)))
        .flatMap((f) => parseYamlFile(f).documents as KubeObject[]);
      const chartKinds = (scoped: boolean) =>
        members.flatMap((c) => (c.definition.helm ? c.definition.helm.kinds[scoped ? 'namespaced' : 'clusterScoped'] : [])).map((gk) => `${gk.group}/${gk.kind}`);
      const kinds = (scoped: boolean) =>
        [
          ...new Set([...objects.filter((o) => Boolean(o.metadata.namespace) === scoped).map((o) => `${groupOf(o.apiVersion)}/${o.kind}`), ...chartKinds(scoped)]),
        ].sort();
      const project = documentsOf(files, file.path)[0] as AppProject;
      expect(project.metadata.name).not.toBe('default');
      expect(project.spec.clusterResourceWhitelist.map((gk) => `${gk.group}/${gk.kind}`).sort(), plane).toEqual(kinds(false));
      expect(project.spec.namespaceResourceWhitelist.map((gk) => `${gk.group}/${gk.kind}`).sort(), plane).toEqual(kinds(true));
    }
  });
});

describe('the hybrid Argo CD tree', () => {
  const { files } = renderTree(resolvePlatform(sampleConfig('hybrid'), catalogue), catalogue);
  const projectAt = (plane: string) => documentsOf(files, `bootstrap/children/projects/${plane}.yaml`)[0] as AppProject;
  const waves = Object.fromEntries(
    files
      .filter((f) => f.path.startsWith('bootstrap/children/applications/'))
      .map((f) => documentsOf(files, f.path)[0] as Application)
      .map((application) => [application.metadata.labels?.['millwright.io/component'], Number(application.metadata.annotations?.[syncWave])]),
  );

  it('syncs namespaces, then data stores, then services, then apps', () => {
    expect(waves).toEqual({
      namespaces: 0,
      'admission-policies': 0,
      postgres: 10,
      minio: 10,
      'redis-edge': 10,
      'redis-cloud': 10,
      mosquitto: 10,
      mlflow: 20,
      'kube-prometheus-stack': 20,
      'prometheus-agent': 20,
      loki: 20,
      alloy: 20,
      'inference-api': 30,
      'edge-gateway': 30,
      'sensor-sim': 30,
      'node-red': 30,
      ui: 30,
      'argo-workflows': 20,
      airflow: 20,
      pipelines: 30,
      'load-test': 30,
    });
  });

  it('lets only the governance project create cluster-scoped kinds, and the it project only the CRDs of Argo Workflows', () => {
    expect(projectAt('governance').spec.clusterResourceWhitelist).toEqual(
      expect.arrayContaining([
        { group: '', kind: 'Namespace' },
        { group: 'admissionregistration.k8s.io', kind: 'ValidatingAdmissionPolicy' },
        { group: 'admissionregistration.k8s.io', kind: 'ValidatingAdmissionPolicyBinding' },
        { group: 'apiextensions.k8s.io', kind: 'CustomResourceDefinition' },
        { group: 'rbac.authorization.k8s.io', kind: 'ClusterRole' },
        { group: 'rbac.authorization.k8s.io', kind: 'ClusterRoleBinding' },
      ]),
    );
    // argo-workflows runs namespaced (Roles only) but installs its CRDs with its chart.
    expect(projectAt('it').spec.clusterResourceWhitelist).toEqual([{ group: 'apiextensions.k8s.io', kind: 'CustomResourceDefinition' }]);
    expect(projectAt('ot').spec.clusterResourceWhitelist).toEqual([]);
  });

  it('sends each plane only to the clusters that run its components, by server or by name', () => {
    expect(projectAt('ot').spec.destinations).toEqual([{ name: 'edge-1', namespace: 'millwright-ot' }]);
    expect(projectAt('it').spec.destinations).toEqual([{ server: 'https://kubernetes.default.svc', namespace: 'millwright-it' }]);
  });

  it('lets the governance project pull the pinned charts and nothing else besides this repository', () => {
    expect(projectAt('governance').spec.sourceRepos).toEqual([
      'https://github.com/example/millwright.git',
      'https://grafana-community.github.io/helm-charts',
      'https://grafana.github.io/helm-charts',
      'https://prometheus-community.github.io/helm-charts',
    ]);
    expect(projectAt('ot').spec.sourceRepos).toEqual(['https://github.com/example/millwright.git']);
  });

  it('lets the governance project write into the host-agents namespace node-exporter runs in', () => {
    expect(projectAt('governance').spec.destinations).toEqual(
      expect.arrayContaining([
        { server: 'https://kubernetes.default.svc', namespace: 'millwright-host-agents' },
        { name: 'edge-1', namespace: 'millwright-host-agents' },
      ]),
    );
  });

  it('gives a Helm component two sources: the pinned chart with the cluster\'s values, then its overlay', () => {
    const application = documentsOf(files, 'bootstrap/children/applications/core/kube-prometheus-stack.yaml')[0] as Application;
    expect(application.spec.source).toBeUndefined();
    const [chart, overlay] = application.spec.sources!;
    expect(chart).toMatchObject({
      repoURL: 'https://prometheus-community.github.io/helm-charts',
      chart: 'kube-prometheus-stack',
      targetRevision: '91.5.0',
      helm: { releaseName: 'kube-prometheus-stack' },
    });
    expect(chart!.helm!.valuesObject).toMatchObject({ prometheus: { agentMode: false } });
    expect(overlay).toEqual({ repoURL: 'https://github.com/example/millwright.git', targetRevision: 'main', path: 'k8s/kube-prometheus-stack/overlays/core' });
  });

  it('applies Helm components server-side, since their CRDs are too large for client-side apply', () => {
    const syncOptions = (component: string, cluster: string) =>
      (documentsOf(files, `bootstrap/children/applications/${cluster}/${component}.yaml`)[0] as Application).spec.syncPolicy.syncOptions;
    expect(syncOptions('kube-prometheus-stack', 'core')).toContain('ServerSideApply=true');
    expect(syncOptions('prometheus-agent', 'edge-1')).toContain('ServerSideApply=true');
    expect(syncOptions('mlflow', 'core')).not.toContain('ServerSideApply=true');
  });

  it('renders the edge agent with the agent-mode values of the same chart', () => {
    const application = documentsOf(files, 'bootstrap/children/applications/edge-1/prometheus-agent.yaml')[0] as Application;
    expect(application.spec.sources![0]!.helm!.valuesObject).toMatchObject({
      prometheus: { agentMode: true },
      grafana: { enabled: false },
      alertmanager: { enabled: false },
    });
  });

  it('reaches the edge cluster by its Argo CD name and the core cluster by its server', () => {
    expect((documentsOf(files, 'bootstrap/children/applications/edge-1/inference-api.yaml')[0] as Application).spec.destination).toEqual({
      name: 'edge-1',
      namespace: 'millwright-ot',
    });
    expect((documentsOf(files, 'bootstrap/children/applications/core/mlflow.yaml')[0] as Application).spec.destination).toEqual({
      server: 'https://kubernetes.default.svc',
      namespace: 'millwright-it',
    });
  });
});
