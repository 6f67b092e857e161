import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { catalogue } from './catalogue.ts';
import { buildSample, componentNamed } from '../test-support/rendered-platform.ts';

const argo = componentNamed(buildSample('hybrid'), 'argo-workflows');
const values = argo.helmValues!['core']! as Record<string, Record<string, unknown>>;

describe('the argo-workflows component', () => {
  it('is what the pipelines component waits for', () => {
    expect(catalogue.find((c) => c.name === 'pipelines')!.dependsOn).toContain('argo-workflows');
  });

  it('pins chart 0.47.5 of argo-helm (Argo Workflows v3.7.11)', () => {
    expect(argo.definition.helm).toMatchObject({ repoURL: 'https://argoproj.github.io/argo-helm', chart: 'argo-workflows', version: '0.47.5' });
  });

  it('watches only the pipelines namespace, with Roles instead of ClusterRoles', () => {
    expect(values['singleNamespace']).toBe(true);
    expect(values['controller']!['workflowNamespaces']).toEqual([componentNamed(buildSample('hybrid'), 'pipelines').namespace]);
    expect(argo.definition.helm!.kinds.clusterScoped).toEqual([{ group: 'apiextensions.k8s.io', kind: 'CustomResourceDefinition' }]);
  });

  it("leaves the workflow service account and artifact repository to the pipelines component's least-privilege ones", () => {
    expect(values['workflow']).toEqual({ serviceAccount: { create: false }, rbac: { create: false } });
    const repository = componentNamed(buildSample('hybrid'), 'pipelines').objects.find((o) => o.metadata.name === 'artifact-repositories')!;
    expect(JSON.stringify(repository['data'])).toContain('minio-pipelines-credentials');
  });

  it('sets no useDefaultArtifactRepo, which the chart dropped in 0.26.0, and its values schema refuses the key', () => {
    const validate = new Ajv2020({ strict: false }).compile(argo.definition.helm!.valuesSchema);
    expect(values).not.toHaveProperty('useDefaultArtifactRepo');
    expect(validate(values)).toBe(true);
    expect(validate({ ...values, useDefaultArtifactRepo: false })).toBe(false);
    expect(validate.errors).toContainEqual(expect.objectContaining({ keyword: 'additionalProperties', params: { additionalProperty: 'useDefaultArtifactRepo' } }));
  });

  it('serves its UI only through the ingress basic auth', () => {
    expect(values['server']).toMatchObject({ extraArgs: ['--auth-mode=server'], ingress: { enabled: false } });
    const ingress = argo.objects.find((o) => o.kind === 'Ingress')!;
    expect(ingress.metadata.annotations?.['millwright.io/ingress-auth']).toBe('basic-auth');
  });
});
