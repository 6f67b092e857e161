import { spawnSync } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildPlatform, catalogue, requiredSecrets, resolvePlatform } from '@millwright/platform';
import { allTopologies, sampleConfig, sampleConfigWithOptionals } from '@millwright/platform/testing';
import { renderTree } from '@millwright/manifests';
import { formatSecretsScript } from './secrets-script.ts';
import { FakeKube } from './test-support/fake-kube.ts';
import { validateBuilds } from './validate-builds.ts';

const platform = resolvePlatform(sampleConfig('hybrid'), catalogue);
const components = buildPlatform(platform, catalogue);
const script = formatSecretsScript(platform, components);
const required = requiredSecrets(platform, components);

/** The script as the README says to run it: in one shell, kubectl switched to each cluster before its section. */
function runAsOperator(kube: FakeKube, source = script) {
  const [header, ...sections] = source.split(/^(?=# cluster \S+$)/m);
  const switched = sections.map((section) => `kubectl config use-context ${/^# cluster (\S+)/.exec(section)![1]} >/dev/null\n${section}`);
  return kube.run([header, ...switched].join(''));
}

describe('the secrets script (npm run gitops -- secrets), run with bash against fake clusters', () => {
  let kube: FakeKube;
  beforeEach(() => {
    kube = new FakeKube();
  });
  afterEach(() => kube.dispose());

  it('creates every Secret with all its keys on empty clusters, creating each namespace first', () => {
    const run = runAsOperator(kube);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    for (const secret of required) {
      const created = kube.secret(secret.cluster, secret.namespace, secret.name);
      expect(Object.keys(created ?? {}).sort(), `${secret.cluster}/${secret.namespace}/${secret.name}`).toEqual([...secret.keys].sort());
    }
    expect(run.stdout).toContain('namespace millwright-it: created\n');
    expect(run.stdout).toContain('secret millwright-it/postgres-credentials: created\n');
  });

  it('creates each namespace with the labels its rendered overlay gives it, so Argo CD and Fleet find it as they would make it', async () => {
    runAsOperator(kube);
    const { files } = renderTree(platform, catalogue);
    const builds = await validateBuilds(files.filter((file) => file.path.startsWith('k8s/namespaces/')));
    expect(builds.problems).toEqual([]);
    for (const { cluster, namespace } of new Map(required.map((s) => [`${s.cluster}/${s.namespace}`, s])).values()) {
      const rendered = builds.built.get(`k8s/namespaces/overlays/${cluster}`)!.find((o) => o.kind === 'Namespace' && o.metadata.name === namespace)!;
      const created = parse(kube.namespaceManifest(cluster, namespace)!) as typeof rendered;
      expect(created, `${cluster}/${namespace}`).toEqual({ apiVersion: 'v1', kind: 'Namespace', metadata: rendered.metadata });
    }
  });

  it('changes nothing and generates no value when run again, saying it kept each Secret', () => {
    runAsOperator(kube);
    const before = kube.snapshot();
    kube.clearCalls();
    const again = runAsOperator(kube);
    expect(again.code).toBe(0);
    expect(kube.snapshot()).toEqual(before);
    expect(kube.calls().filter((call) => call.includes(' create ') || call.startsWith('openssl'))).toEqual([]);
    expect(again.stdout).toContain('namespace millwright-it: exists, left as it is\n');
    expect(again.stdout).toContain('secret millwright-it/postgres-credentials: exists, kept as it is (never overwritten; delete it to create it anew)\n');
  });

  it('never overwrites an existing Secret, and gives the Secrets that share its values the same ones', () => {
    kube.addSecret('edge-1', 'millwright-ot', 'redis-credentials', { password: 'chosen-by-hand' });
    const run = runAsOperator(kube);
    expect(run.code).toBe(0);
    expect(kube.secret('edge-1', 'millwright-ot', 'redis-credentials')).toEqual({ password: 'chosen-by-hand' });
    expect(run.stdout).toContain('secret millwright-ot/redis-credentials: exists, kept as it is (never overwritten; delete it to create it anew)\n');
    expect(kube.secret('edge-1', 'millwright-ot', 'edge-gateway-credentials')!['redis-password']).toBe('chosen-by-hand');
    expect(kube.secret('edge-1', 'millwright-ot', 'inference-api-credentials')!['redis-password']).toBe('chosen-by-hand');
    expect(kube.secret('core', 'millwright-it', 'redis-credentials')).toEqual({ password: 'chosen-by-hand' });
  });

  it('generates each shared value once, so every Secret holding it matches across namespaces and clusters', () => {
    runAsOperator(kube);
    const telemetry = kube.secret('core', 'millwright-it', 'postgres-credentials')!['telemetry-password'];
    expect(telemetry).toMatch(/^generated\d+$/);
    expect(kube.secret('edge-1', 'millwright-ot', 'edge-gateway-credentials')!['database-password']).toBe(telemetry);
    const client = kube.secret('core', 'millwright-it', 'ui-api-client-credentials')!;
    expect(kube.secret('edge-1', 'millwright-ot', 'ingress-basic-auth')).toEqual({ users: `${client['username']}:bcrypt(${client['password']})` });
  });

  it('stops at a kubectl error other than "not found", creating nothing after it', () => {
    const run = runAsOperator(kube, script.replace('set -eu\n', 'set -eu\nkubectl() { echo "error: You must be logged in to the server (Unauthorized)" >&2; return 1; }\n'));
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('Unauthorized');
    expect(run.stdout).not.toContain('created');
  });
});

describe('the secrets script when a value cannot be made', () => {
  let kube: FakeKube;
  beforeEach(() => {
    kube = new FakeKube();
  });
  afterEach(() => kube.dispose());

  it.each(['htpasswd', 'openssl'] as const)('stops when %s fails, never creating a Secret with an empty value', (tool) => {
    kube.breakTool(tool);
    const run = runAsOperator(kube);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain(`${tool}: cannot run`);
    const empty = required.flatMap(({ cluster, namespace, name }) =>
      Object.entries(kube.secret(cluster, namespace, name) ?? {}).flatMap(([key, value]) => (value === '' ? [`${namespace}/${name}: ${key}`] : [])),
    );
    expect(empty).toEqual([]);
  });

  it('stops when a Secret that holds a shared value lacks its key, instead of generating a value that would not match', () => {
    const holder = required.find((secret) => Object.keys(secret.shared).length > 0)!;
    const [key] = Object.keys(holder.shared);
    const otherKeys = Object.fromEntries(holder.keys.filter((k) => k !== key).map((k) => [k, 'kept-value']));
    kube.addSecret(holder.cluster, holder.namespace, holder.name, { ...otherKeys, unrelated: 'x' });
    const run = runAsOperator(kube);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain(`secret ${holder.namespace}/${holder.name} has no key ${key}`);
  });

  it('names a missing program before it creates anything', () => {
    const run = kube.run(script.replace('require kubectl ', 'require no-such-program-here '));
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('no-such-program-here is needed to');
    expect(run.stdout).not.toContain('created');
  });
});

describe('formatSecretsScript', () => {
  it.each(allTopologies)('finds the rendered namespace of every Secret (%s, optional components on)', (topology) => {
    const resolved = resolvePlatform(sampleConfigWithOptionals(topology), catalogue);
    expect(() => formatSecretsScript(resolved, buildPlatform(resolved, catalogue))).not.toThrow();
  });

  it('is a POSIX sh script: /bin/sh parses it', () => {
    expect(script.startsWith('#!/bin/sh\n')).toBe(true);
    expect(spawnSync('sh', ['-n', '-c', script], { encoding: 'utf8' })).toMatchObject({ status: 0, stderr: '' });
  });
});
