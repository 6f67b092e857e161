import { describe, expect, it } from 'vitest';
import { catalogue, resolvePlatform } from '@millwright/platform';
import { sampleConfig } from '@millwright/platform/testing';
import { renderTree } from '@millwright/manifests';

/** Files whose every byte a reviewer should see change: one of each kind the renderers write. */
const goldenPaths = [
  'k8s/postgres/base/statefulset-postgres.yaml',
  'k8s/inference-api/fleet.yaml',
  'k8s/inference-api/overlays/edge-1/kustomization.yaml',
  'k8s/inference-api/overlays/edge-1/patches/deployment-inference-api.yaml',
  'bootstrap/root.yaml',
  'bootstrap/children/applications/core/mlflow.yaml',
  'fleet/gitrepo.yaml',
];

describe('the hybrid render of the sample config', () => {
  const { files } = renderTree(resolvePlatform(sampleConfig('hybrid'), catalogue), catalogue);

  it.each(goldenPaths)('writes %s as in its golden file', async (path) => {
    const file = files.find((f) => f.path === path);
    expect(file, path).toBeDefined();
    await expect(file!.content).toMatchFileSnapshot(`__golden__/hybrid/${path}`);
  });
});
