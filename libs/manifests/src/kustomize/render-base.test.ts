import { describe, expect, it } from 'vitest';
import { catalogue, resolvePlatform, type KubeObject } from '@millwright/platform';
import { allTopologies, sampleConfig } from '@millwright/platform/testing';
import { objectFileName, parseYamlFile, renderTree, type OutputFile } from '@millwright/manifests';

interface Kustomization {
  resources: string[];
}

const firstDocument = (file: OutputFile | undefined) => (file ? parseYamlFile(file).documents[0] : undefined);

describe.each(allTopologies)('the base of every component under %s', (topology) => {
  const { files, components } = renderTree(resolvePlatform(sampleConfig(topology), catalogue), catalogue);

  it.each(components.map((c) => c.definition.name))('lists every file of k8s/%s/base in its kustomization, sorted', (name) => {
    const dir = `k8s/${name}/base/`;
    const own = files
      .filter((f) => f.path.startsWith(dir) && !f.path.endsWith('/kustomization.yaml'))
      .map((f) => f.path.slice(dir.length));
    const kustomization = firstDocument(files.find((f) => f.path === `${dir}kustomization.yaml`)) as Kustomization;
    expect(kustomization.resources).toEqual(own.sort());
  });

  it('writes each base object to its own file, named by kind and name, exactly as the component built it', () => {
    for (const component of components) {
      for (const object of component.objects) {
        const path = `k8s/${component.definition.name}/base/${objectFileName(object, component.namespace)}`;
        const file = files.find((f) => f.path === path);
        expect(file && parseYamlFile(file).documents, path).toEqual([object]);
      }
    }
  });
});

describe('the hybrid postgres base', () => {
  const { files } = renderTree(resolvePlatform(sampleConfig('hybrid'), catalogue), catalogue);

  it('is a plain Kustomization of the postgres objects, the TCP route the edge apps reach it by included', () => {
    expect(firstDocument(files.find((f) => f.path === 'k8s/postgres/base/kustomization.yaml'))).toEqual({
      apiVersion: 'kustomize.config.k8s.io/v1beta1',
      kind: 'Kustomization',
      resources: [
        'configmap-postgres-init.yaml',
        'ingressroutetcp-postgres.yaml',
        'networkpolicy-postgres-from-ingress.yaml',
        'networkpolicy-postgres-ingress.yaml',
        'service-postgres.yaml',
        'statefulset-postgres.yaml',
      ],
    });
  });

  it('claims the default 10Gi of storage when the config names no size', () => {
    const statefulSet = firstDocument(files.find((f) => f.path === 'k8s/postgres/base/statefulset-postgres.yaml')) as KubeObject & {
      spec: { volumeClaimTemplates: { spec: { resources: { requests: { storage: string } } } }[] };
    };
    expect(statefulSet.spec.volumeClaimTemplates.map((claim) => claim.spec.resources.requests.storage)).toEqual(['10Gi']);
  });
});
