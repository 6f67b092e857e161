import { describe, expect, it } from 'vitest';
import { catalogue, resolvePlatform } from '@millwright/platform';
import { allTopologies, sampleConfig, sampleConfigWithOptionals } from '@millwright/platform/testing';
import { renderTree } from '@millwright/manifests';
import { overlayDirs, validateBuilds } from './validate-builds.ts';

const variants = allTopologies.flatMap((topology) => [
  { name: topology, config: sampleConfig(topology) },
  { name: `${topology} (optional components on)`, config: sampleConfigWithOptionals(topology) },
]);

describe.each(variants)('kubectl kustomize on the $name tree', ({ config }) => {
  const { files, components } = renderTree(resolvePlatform(config, catalogue), catalogue);
  const expected = components.flatMap((c) => c.clusters.map((cluster) => `k8s/${c.definition.name}/overlays/${cluster.name}`)).sort();

  it('enumerates one overlay per component per cluster it runs on', () => {
    expect(overlayDirs(files)).toEqual(expected);
  });

  it('builds every overlay and every built object passes its schema with no unknown field', async () => {
    const report = await validateBuilds(files);
    expect(report.problems).toEqual([]);
    expect([...report.built.keys()].sort()).toEqual(expected);
    for (const [dir, objects] of report.built) {
      expect(objects.length, dir).toBeGreaterThan(0);
      for (const object of objects) expect(object.metadata.labels?.['millwright.io/cluster'], `${dir} ${object.kind}`).toBeDefined();
    }
  });
});

describe('validateBuilds', () => {
  it('reports the overlay whose build fails, naming its kustomization file', async () => {
    const { files } = renderTree(resolvePlatform(sampleConfig('cloud-only'), catalogue), catalogue);
    const broken = files.map((f) =>
      f.path === 'k8s/mlflow/overlays/core/kustomization.yaml' ? { ...f, content: f.content.replace('../../base', '../../missing') } : f,
    );
    const report = await validateBuilds(broken);
    expect(report.problems).toHaveLength(1);
    expect(report.problems[0]!.file).toBe('k8s/mlflow/overlays/core/kustomization.yaml');
    expect(report.problems[0]!.message).toMatch(/kubectl kustomize failed/);
  });

  it('validates what the patches produce, not only the base', async () => {
    const { files } = renderTree(resolvePlatform(sampleConfig('cloud-only'), catalogue), catalogue);
    const patched = files.map((f) =>
      f.path === 'k8s/ui/overlays/core/patches/deployment-ui.yaml' ? { ...f, content: f.content.replace('nodeSelector:', 'nodeSelectr:') } : f,
    );
    const report = await validateBuilds(patched);
    expect(report.problems.map((p) => p.message)).toEqual([expect.stringMatching(/unknown field spec\.template\.spec\.nodeSelectr/)]);
  });
});
