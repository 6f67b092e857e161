import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKubeControlPlane, type KubeControlPlane } from './kube-control-plane.ts';
import { upstreamCrdsFor } from './upstream-crds.ts';

const namespace = (name: string, labels: Record<string, string> = {}) =>
  JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } });

/** A Deployment that Pod Security "restricted" finds fault with (no securityContext at all). */
const unrestrictedDeployment = (namespaceName: string) =>
  JSON.stringify({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'plain', namespace: namespaceName },
    spec: {
      selector: { matchLabels: { app: 'plain' } },
      template: { metadata: { labels: { app: 'plain' } }, spec: { containers: [{ name: 'app', image: 'example/app:1.0' }] } },
    },
  });

describe('a test Kubernetes control plane (envtest assets)', () => {
  let plane: KubeControlPlane;

  beforeAll(async () => {
    plane = await startKubeControlPlane({ auditLog: true });
  });

  afterAll(async () => {
    await plane?.destroy();
  });

  it('serves the API on loopback to the admin of its kubeconfig', async () => {
    expect(plane.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const result = await plane.kubectl(['auth', 'can-i', '*', '*']);
    expect(result.stdout.trim()).toBe('yes');
  });

  it('stores what a server-side apply sends, and nothing of a server-side dry run', async () => {
    expect((await plane.apply(namespace('stored'))).exitCode).toBe(0);
    const dryRun = await plane.apply(namespace('not-stored'), { dryRun: true });
    expect(dryRun.stdout).toContain('serverside-applied (server dry run)');
    const listed = await plane.kubectl(['get', 'namespaces', '-o', 'name']);
    expect(listed.stdout).toContain('namespace/stored');
    expect(listed.stdout).not.toContain('namespace/not-stored');
  });

  it('hands back the warnings the API server sends (Pod Security in a "restricted" namespace)', async () => {
    await plane.apply(namespace('restricted', { 'pod-security.kubernetes.io/warn': 'restricted' }));
    const result = await plane.apply(unrestrictedDeployment('restricted'), { dryRun: true });
    expect(result.exitCode).toBe(0);
    expect(result.warnings.some((warning) => warning.startsWith('would violate PodSecurity "restricted:latest"'))).toBe(true);
  });

  it('reports a refused object with a non-zero exit and the reason', async () => {
    const result = await plane.apply(JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'nowhere', namespace: 'no-such-namespace' } }));
    expect(result.exitCode).not.toBe(0);
    expect(result.stderr).toContain('namespaces "no-such-namespace" not found');
  });

  it('refuses a field the schema does not declare, once a CRD is installed', async () => {
    await plane.installCrds(upstreamCrdsFor([{ apiVersion: 'traefik.io/v1alpha1', kind: 'Middleware' }]));
    const middleware = (spec: object) => JSON.stringify({ apiVersion: 'traefik.io/v1alpha1', kind: 'Middleware', metadata: { name: 'auth', namespace: 'stored' }, spec });
    expect((await plane.apply(middleware({ basicAuth: { secret: 'users' } }), { dryRun: true })).exitCode).toBe(0);
    const unknown = await plane.apply(middleware({ basicAuth: { secret: 'users', realmm: 'typo' } }), { dryRun: true });
    expect(unknown.exitCode).not.toBe(0);
    expect(unknown.stderr).toMatch(/field not declared in schema|unknown field/);
  });

  it('records requests in its audit log when asked to', () => {
    const events = plane.auditEvents();
    expect(events.some((event) => event.objectRef?.resource === 'namespaces' && event.objectRef.name === 'stored')).toBe(true);
  });

  it('stops its processes and deletes its directory', async () => {
    const other = await startKubeControlPlane();
    const dir = dirname(other.kubeconfig);
    expect(existsSync(dir)).toBe(true);
    await other.destroy();
    expect(existsSync(dir)).toBe(false);
    const refused = await plane.kubectl([`--server=${other.url}`, '--request-timeout=2s', 'get', 'namespaces']);
    expect(refused.exitCode).not.toBe(0);
  });
});
