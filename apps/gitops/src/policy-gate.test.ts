import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { catalogue, resolvePlatform } from '@millwright/platform';
import { sampleConfig } from '@millwright/platform/testing';
import { renderTree, type OutputFile } from '@millwright/manifests';
import { formatText, policies } from '@millwright/policy';
import { loadPlatform } from './load-platform.ts';
import { runPolicyGate, type PolicyGateResult } from './policy-gate.ts';

const repoRoot = join(import.meta.dirname, '../../..');

/** Replaces one rendered file's content; the file must exist. */
function edit(files: readonly OutputFile[], path: string, change: (content: string) => string): OutputFile[] {
  expect(files.some((f) => f.path === path), path).toBe(true);
  return files.map((f) => (f.path === path ? { ...f, content: change(f.content) } : f));
}

describe('the policy gate on the tree rendered from platform.config.ts', () => {
  let files: readonly OutputFile[];
  let gate: PolicyGateResult;
  beforeAll(async () => {
    files = renderTree(await loadPlatform(join(repoRoot, 'platform.config.ts')), catalogue).files;
    gate = await runPolicyGate(files);
  });

  it('passes every policy, and every policy but no-literal-secrets tests some object', () => {
    expect(gate.problems).toEqual([]);
    expect(formatText(gate.report).split('\n').at(-1)).toMatch(/^\d+ tests, \d+ passed, 0 warnings, 0 failures$/);
    const tested = new Set(gate.report.results.map((r) => r.policy));
    expect(policies.map((p) => p.name).filter((name) => !tested.has(name))).toEqual(['millwright-no-literal-secrets']);
  });

  it('tests the Argo CD bootstrap objects, tagged with their root, and the built overlays, tagged with their cluster', () => {
    const applications = gate.report.results.filter((r) => r.policy === 'millwright-argocd-project');
    expect(applications.some((r) => r.file === 'bootstrap/root.yaml' && r.cluster === 'bootstrap')).toBe(true);
    expect(applications.some((r) => r.file.startsWith('bootstrap/children/applications/'))).toBe(true);
    const gateway = gate.report.results.find((r) => r.object.name === 'edge-gateway' && r.object.kind === 'Deployment');
    expect(gateway).toMatchObject({ file: 'k8s/edge-gateway/overlays/edge-line-1', cluster: 'edge-line-1' });
  });

  it('fails a mutated copy — :latest, privileged, a Secret with data, no default-deny — with one line per violation', async () => {
    let mutated = edit(files, 'k8s/ui/base/deployment-ui.yaml', (c) => c.replace('millwright-ui:0.1.0', 'millwright-ui:latest'));
    mutated = edit(mutated, 'k8s/edge-gateway/base/deployment-edge-gateway.yaml', (c) =>
      c.replace(/^(\s*)allowPrivilegeEscalation: false$/m, '$1allowPrivilegeEscalation: false\n$1privileged: true'),
    );
    mutated = edit(
      mutated,
      'k8s/mlflow/base/deployment-mlflow.yaml',
      (c) => `${c}---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: mlflow-leak\n  namespace: millwright-it\ndata:\n  password: c2VjcmV0\n`,
    );
    mutated = edit(mutated, 'k8s/namespaces/base/kustomization.yaml', (c) => c.replace(/^\s*- networkpolicy-millwright-ot-default-deny\.yaml\n/m, ''));
    mutated = mutated.filter((f) => f.path !== 'k8s/namespaces/base/networkpolicy-millwright-ot-default-deny.yaml');

    const gate = await runPolicyGate(mutated);
    expect(gate.problems).toEqual([]);
    const lines = formatText(gate.report).split('\n');
    const noDefaultDeny = (component: string, kind = 'Deployment') =>
      `FAIL - k8s/${component}/overlays/edge-line-1 - ${kind}/millwright-ot/${component} - millwright-default-deny-network-policy - no NetworkPolicy "default-deny" in namespace millwright-ot, which this policy requires (paramRef, parameterNotFoundAction: Deny)`;
    expect(lines.filter((l) => l.startsWith('FAIL'))).toEqual([
      'FAIL - k8s/edge-gateway/overlays/edge-line-1 - Deployment/millwright-ot/edge-gateway - millwright-pod-security-restricted - container(s) edge-gateway run privileged; remove securityContext.privileged',
      noDefaultDeny('edge-gateway'),
      noDefaultDeny('inference-api'),
      noDefaultDeny('load-test', 'CronJob'),
      'FAIL - k8s/mlflow/overlays/core - Secret/millwright-it/mlflow-leak - millwright-no-literal-secrets - Secret carries data (keys password) in Git; remove it and create the Secret out of band (see README)',
      noDefaultDeny('mosquitto', 'StatefulSet'),
      noDefaultDeny('node-red'),
      noDefaultDeny('redis-edge'),
      noDefaultDeny('sensor-sim'),
      'FAIL - k8s/ui/overlays/core - Deployment/millwright-it/ui - millwright-images-pinned - container(s) ui use the mutable tag :latest; pin a version tag',
    ]);
    expect(lines.at(-1)).toMatch(/^\d+ tests, \d+ passed, 0 warnings, 10 failures$/);
  });
});

describe.each(['edge-only', 'cloud-only'] as const)('the policy gate on the sample %s tree', (topology) => {
  it('passes every policy', async () => {
    const { files } = renderTree(resolvePlatform(sampleConfig(topology), catalogue), catalogue);
    const gate = await runPolicyGate(files);
    expect(gate.problems).toEqual([]);
    expect(gate.report.results.filter((r) => r.outcome !== 'pass')).toEqual([]);
  });
});
