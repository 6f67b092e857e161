import { describe, expect, it } from 'vitest';
import { catalogue, resolvePlatform, type KubeObject } from '@millwright/platform';
import { sampleConfig } from '@millwright/platform/testing';
import { knownTypes, parseYamlFile, renderTree, validateObject } from '@millwright/manifests';

const { files, components } = renderTree(resolvePlatform(sampleConfig('hybrid'), catalogue), catalogue);
const deployment = parseYamlFile(files.find((f) => f.path === 'k8s/inference-api/base/deployment-inference-api.yaml')!).documents[0] as KubeObject;

/** A copy of the inference-api Deployment with one change made to it. */
function changed(change: (copy: { spec: { replicas: unknown; selector?: unknown; template: { spec: { containers: Record<string, unknown>[] } } } }) => void) {
  const copy = structuredClone(deployment) as KubeObject & Parameters<typeof change>[0];
  change(copy);
  return copy;
}

describe('validateObject', () => {
  it('accepts every object the hybrid platform builds', () => {
    for (const object of components.flatMap((c) => [...c.objects, ...Object.values(c.clusterObjects).flat()])) {
      expect(validateObject(object)).toEqual([]);
    }
  });

  it('reports a missing required field in the words of the schema, naming the object', () => {
    expect(validateObject(changed((copy) => delete copy.spec.selector))).toEqual([
      'Deployment/millwright-ot/inference-api: data/spec must have required property selector',
    ]);
  });

  it('reports a field of the wrong type', () => {
    expect(validateObject(changed((copy) => (copy.spec.replicas = 'two')))).toEqual([
      'Deployment/millwright-ot/inference-api: data/spec/replicas must be integer',
    ]);
  });

  it('reports a field the schema does not know, by its path', () => {
    const typo = changed((copy) => (copy.spec.template.spec.containers[0]!['imagePullPolicyy'] = 'Always'));
    expect(validateObject(typo)).toEqual([
      'Deployment/millwright-ot/inference-api: unknown field spec.template.spec.containers[0].imagePullPolicyy',
    ]);
  });

  it('reports a misspelt metadata field', () => {
    const { labels, ...metadata } = deployment.metadata;
    expect(validateObject({ ...deployment, metadata: { ...metadata, lables: labels } })).toEqual([
      'Deployment/millwright-ot/inference-api: unknown field metadata.lables',
    ]);
  });

  it('accepts any key in labels, annotations and ConfigMap data, which are maps', () => {
    const configMap: KubeObject = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name: 'settings',
        namespace: 'millwright-it',
        labels: { 'example.com/anything': 'yes', tier: 'x' },
        annotations: { 'argocd.argoproj.io/sync-wave': '5', 'free-text': 'a b c' },
      },
      data: { 'settings.json': '{}', 'ANY_KEY.at-all': 'value' },
    };
    expect(validateObject(configMap)).toEqual([]);
  });

  it('accepts an AppProject description, a string the generated model leaves without schema', () => {
    const project = parseYamlFile(files.find((f) => f.path === 'bootstrap/children/projects/it.yaml')!).documents[0] as KubeObject;
    expect(project['spec']).toHaveProperty('description');
    expect(validateObject(project)).toEqual([]);
  });

  it('refuses a kind it has no schema for, saying where to add one', () => {
    expect(validateObject({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w', namespace: 'ns' } })).toEqual([
      'Widget/ns/w: no schema for example.com/v1 Widget; add its model to object-models.ts',
    ]);
  });
});

describe('knownTypes', () => {
  it('lists, sorted, every apiVersion/kind the tree may use, Argo CD kinds included', () => {
    const types = knownTypes();
    expect(types).toEqual([...types].sort());
    expect(types).toEqual(expect.arrayContaining(['apps/v1/Deployment', 'v1/Namespace', 'argoproj.io/v1alpha1/Application', 'argoproj.io/v1alpha1/AppProject']));
  });

  it('covers every object the rendered tree holds outside fleet/', () => {
    const rendered = files
      .filter((f) => f.path.endsWith('.yaml') && !f.path.startsWith('fleet/') && !/(kustomization|fleet)\.yaml$|\/patches\//.test(f.path))
      .flatMap((f) => parseYamlFile(f).documents as KubeObject[])
      .map((o) => `${o.apiVersion}/${o.kind}`);
    expect(knownTypes()).toEqual(expect.arrayContaining([...new Set(rendered)]));
  });
});
