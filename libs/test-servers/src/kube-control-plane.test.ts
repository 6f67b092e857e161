import { existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startKubeControlPlane } from './kube-control-plane.ts';

// The rest of the control plane's behaviour needs the envtest assets: kube-control-plane.cluster.test.ts.
describe('startKubeControlPlane without envtest assets', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  const controlPlaneDirs = () => (existsSync(tmpdir()) ? readdirSync(tmpdir()).filter((name) => name.startsWith('millwright-kube-')) : []);

  it('fails, saying how to get the assets, when KUBEBUILDER_ASSETS is not set (never a skip)', async () => {
    vi.stubEnv('KUBEBUILDER_ASSETS', '');
    await expect(startKubeControlPlane()).rejects.toThrow(/KUBEBUILDER_ASSETS is not set.*`setup-envtest use 1\.33 -p path`.*export KUBEBUILDER_ASSETS/);
  });

  it('fails naming the directory when KUBEBUILDER_ASSETS holds no kube-apiserver, and leaves no directory behind', async () => {
    const before = controlPlaneDirs();
    vi.stubEnv('KUBEBUILDER_ASSETS', tmpdir());
    await expect(startKubeControlPlane()).rejects.toThrow(`KUBEBUILDER_ASSETS=${tmpdir()} has no executable etcd`);
    expect(controlPlaneDirs()).toEqual(before);
  });
});
