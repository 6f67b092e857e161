import { describe, expect, it } from 'vitest';
import { allTopologies, sampleConfigWithOptionals } from '../test-support/index.ts';
import { buildSample, componentNamed, containersOf } from '../test-support/rendered-platform.ts';

const withOptionals = (topology: (typeof allTopologies)[number]) => buildSample(topology, { components: sampleConfigWithOptionals(topology).components });

describe('the optional components', () => {
  it.each(allTopologies)('are absent from the default %s render', (topology) => {
    const names = buildSample(topology).map((c) => c.definition.name);
    expect(names).not.toContain('seldon-core');
    expect(names).not.toContain('jupyter');
  });

  it.each(allTopologies)('render under %s once enabled, in the cloud when there is one', (topology) => {
    for (const name of ['seldon-core', 'jupyter']) {
      const component = componentNamed(withOptionals(topology), name);
      expect(component.clusters.map((c) => c.role), name).toEqual([topology === 'edge-only' ? 'edge' : 'cloud']);
    }
  });
});

describe('jupyter', () => {
  const jupyter = componentNamed(withOptionals('hybrid'), 'jupyter');
  const deployment = jupyter.objects.find((o) => o.kind === 'Deployment')!;
  const container = containersOf(deployment)[0]!;

  it('runs the pinned minimal-notebook image as jovyan, with a read-only root', () => {
    expect(container.image).toBe('quay.io/jupyter/minimal-notebook:2025-11-24');
    expect(container.securityContext?.readOnlyRootFilesystem).toBe(true);
    expect((deployment['spec'] as { template: { spec: { securityContext: unknown } } }).template.spec.securityContext).toMatchObject({ runAsUser: 1000, runAsGroup: 100 });
  });

  it('keeps its home on a 10Gi volume by default and is recreated, not rolled, over it', () => {
    const claim = jupyter.objects.find((o) => o.kind === 'PersistentVolumeClaim')!;
    expect((claim['spec'] as { resources: unknown }).resources).toEqual({ requests: { storage: '10Gi' } });
    expect(container.volumeMounts).toContainEqual({ name: 'home', mountPath: '/home/jovyan' });
    expect((deployment['spec'] as { strategy: unknown }).strategy).toEqual({ type: 'Recreate' });
  });

  it('reads its login token from jupyter-credentials', () => {
    expect(container.env).toContainEqual({ name: 'JUPYTER_TOKEN', valueFrom: { secretKeyRef: { name: 'jupyter-credentials', key: 'token' } } });
  });

  it('sits behind the ingress basic auth at jupyter.<domain>', () => {
    const ingress = jupyter.objects.find((o) => o.kind === 'Ingress')!;
    expect(ingress.metadata.annotations?.['millwright.io/ingress-auth']).toBe('basic-auth');
    expect(ingress.metadata.annotations?.['traefik.ingress.kubernetes.io/router.middlewares']).toBe('millwright-it-jupyter-basic-auth@kubernetescrd');
  });

  it('may reach MLflow and MinIO and nothing else but DNS', () => {
    const egress = jupyter.clusterObjects['core']!.find((o) => o.kind === 'NetworkPolicy' && o.metadata.name === 'jupyter-egress')!;
    const targets = JSON.stringify(egress['spec']);
    expect(targets).toContain('"millwright.io/component":"mlflow"');
    expect(targets).toContain('"millwright.io/component":"minio"');
    expect(targets).not.toContain('"millwright.io/component":"postgres"');
  });
});

describe('seldon-core', () => {
  const seldon = componentNamed(withOptionals('hybrid'), 'seldon-core');

  it('pins chart seldon-core-operator 1.19.0 from Seldon’s repository', () => {
    expect(seldon.definition.helm).toMatchObject({ repoURL: 'https://storage.googleapis.com/seldon-charts', chart: 'seldon-core-operator', version: '1.19.0' });
  });

  it('runs the operator namespaced, without Ambassador, Istio, KEDA or usage metrics', async () => {
    const values = seldon.helmValues!['core']!;
    expect(values['singleNamespace']).toBe(true);
    await expect(JSON.stringify(values, null, 2) + '\n').toMatchFileSnapshot('__golden__/seldon-core-values.json');
  });

  it('lets the API server reach the admission webhook port and nothing else in', () => {
    const policy = seldon.objects.find((o) => o.kind === 'NetworkPolicy' && o.metadata.name === 'seldon-core-manager')!;
    expect((policy['spec'] as { ingress: unknown }).ingress).toEqual([{ from: [{ ipBlock: { cidr: '0.0.0.0/0' } }], ports: [{ protocol: 'TCP', port: 4443 }] }]);
  });
});
