import { describe, expect, it } from 'vitest';
import { catalogue, resolvePlatform } from '@millwright/platform';
import { sampleConfig } from '@millwright/platform/testing';
import { renderTree } from '@millwright/manifests';

/** Files whose every byte a reviewer should see change: one of each kind the renderers write, and every chart's generated values. */
const goldenPaths = [
  'k8s/postgres/base/statefulset-postgres.yaml',
  'k8s/inference-api/fleet.yaml',
  'k8s/inference-api/overlays/edge-1/kustomization.yaml',
  'k8s/inference-api/overlays/edge-1/patches/deployment-inference-api.yaml',
  'bootstrap/root.yaml',
  'bootstrap/children/applications/core/mlflow.yaml',
  'bootstrap/children/applications/core/kube-prometheus-stack.yaml',
  'bootstrap/children/applications/edge-1/prometheus-agent.yaml',
  'bootstrap/children/applications/core/loki.yaml',
  'bootstrap/children/applications/edge-1/alloy.yaml',
  'k8s/kube-prometheus-stack/chart/fleet.yaml',
  'k8s/prometheus-agent/chart/fleet.yaml',
  'k8s/loki/chart/fleet.yaml',
  'k8s/alloy/chart/fleet.yaml',
  'k8s/argo-workflows/chart/fleet.yaml',
  'k8s/airflow/chart/fleet.yaml',
  'bootstrap/children/applications/core/airflow.yaml',
  'k8s/mlflow/base/ingress-mlflow.yaml',
  'k8s/mlflow/base/middleware-mlflow-basic-auth.yaml',
  'k8s/postgres/base/ingressroutetcp-postgres.yaml',
  'k8s/postgres/base/networkpolicy-postgres-from-ingress.yaml',
  'k8s/load-test/base/configmap-load-test-script.yaml',
  'k8s/inference-api/base/servicemonitor-inference-api.yaml',
  'bootstrap/children/projects/governance.yaml',
  'fleet/gitrepo.yaml',
  'k8s/admission-policies/base/validatingadmissionpolicy-millwright-images-pinned.yaml',
  'k8s/admission-policies/overlays/edge-1/validatingadmissionpolicybinding-millwright-images-pinned.yaml',
];

describe('the hybrid render of the sample config', () => {
  const { files } = renderTree(resolvePlatform(sampleConfig('hybrid'), catalogue), catalogue);

  it.each(goldenPaths)('writes %s as in its golden file', async (path) => {
    const file = files.find((f) => f.path === path);
    expect(file, path).toBeDefined();
    await expect(file!.content).toMatchFileSnapshot(`__golden__/hybrid/${path}`);
  });
});
