import type { KubeObject } from '@millwright/kube';
import { describe, expect, it } from 'vitest';
import { labWorkloads } from './lab-workloads.ts';
import { RenderedObjectsError } from './rendered-objects-error.ts';
import { secretPath, type SecretValuesByPath } from './secret-values.ts';
import { configMap, deployment, namespace, renderedSecret } from './test-support/hand-made-objects.ts';

const cluster = 'edge-1';
const labSecrets: SecretValuesByPath = { [secretPath(cluster, namespace, 'app-credentials')]: { password: 's3cret', 'looks-like-ref': '$(PASSWORD)' } };

type Fields = Record<string, unknown>;

/** The environment of the one container of a Deployment `app` with these env, envFrom and extra objects. */
function environmentOf(container: Fields, objects: readonly KubeObject[] = [], options: { podIp?: string } = {}) {
  const workloads = labWorkloads([deployment('app', [{ name: 'app', image: 'app:1', ...container }]), ...objects], labSecrets, { cluster, ...options });
  return workloads[0]!.containers[0]!;
}

function problemsOf(run: () => unknown): readonly string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof RenderedObjectsError) return error.problems;
    throw error;
  }
  throw new Error('expected a RenderedObjectsError');
}

const secretRef = (name: string, key: string, optional?: boolean) => ({ valueFrom: { secretKeyRef: { name, key, ...(optional !== undefined ? { optional } : {}) } } });

describe('the environment of a rendered container', () => {
  it('takes envFrom sources first, in order and with their prefix, then env in order, a later definition winning', () => {
    const container = environmentOf(
      {
        envFrom: [{ configMapRef: { name: 'settings' } }, { prefix: 'DB_', secretRef: { name: 'app-credentials' } }],
        env: [
          { name: 'MODE', value: 'from-env' },
          { name: 'LEVEL', value: 'first' },
          { name: 'LEVEL', value: 'second' },
        ],
      },
      [configMap('settings', { MODE: 'from-config', COLOUR: 'blue' })],
    );
    expect(container.env).toEqual({ MODE: 'from-env', COLOUR: 'blue', DB_password: 's3cret', 'DB_looks-like-ref': '$(PASSWORD)', LEVEL: 'second' });
  });

  it('expands $(NAME) only against names defined earlier in the list, envFrom included', () => {
    const { env, unresolved } = environmentOf(
      {
        envFrom: [{ configMapRef: { name: 'settings' } }],
        env: [
          { name: 'EARLY', value: '$(HOST):$(PORT)' },
          { name: 'PORT', value: '8080' },
          { name: 'LATE', value: '$(HOST):$(PORT)' },
          { name: 'HOST', value: 'redefined-$(HOST)' },
        ],
      },
      [configMap('settings', { HOST: 'db' })],
    );
    expect(env['EARLY']).toBe('db:$(PORT)');
    expect(env['LATE']).toBe('db:8080');
    expect(env['HOST']).toBe('redefined-db');
    expect(unresolved).toEqual(['EARLY: $(PORT)']);
  });

  it('embeds a Secret value defined before it, as a database URL does', () => {
    const { env } = environmentOf({ env: [{ name: 'DATABASE_PASSWORD', ...secretRef('app-credentials', 'password') }, { name: 'DATABASE_URL', value: 'postgresql://app:$(DATABASE_PASSWORD)@db:5432/app' }] });
    expect(env['DATABASE_URL']).toBe('postgresql://app:s3cret@db:5432/app');
  });

  it('gives $$(NAME) as the literal $(NAME) and never expands a value taken from a Secret', () => {
    const { env } = environmentOf({
      env: [
        { name: 'PASSWORD', value: 'x' },
        { name: 'ESCAPED', value: '$$(PASSWORD)' },
        { name: 'FROM_SECRET', ...secretRef('app-credentials', 'looks-like-ref') },
      ],
    });
    expect(env['ESCAPED']).toBe('$(PASSWORD)');
    expect(env['FROM_SECRET']).toBe('$(PASSWORD)');
  });

  it('leaves out a variable whose optional Secret or key is missing, keeping an earlier definition of it', () => {
    const { env } = environmentOf(
      {
        envFrom: [{ configMapRef: { name: 'settings' } }],
        env: [
          { name: 'TOKEN', ...secretRef('app-credentials', 'no-such-key', true) },
          { name: 'OTHER', ...secretRef('no-such-secret', 'token', true) },
        ],
      },
      [configMap('settings', { TOKEN: 'from-config' })],
    );
    expect(env).toEqual({ TOKEN: 'from-config' });
  });

  it('reads a rendered Secret before the lab values, its stringData over its data', () => {
    const rendered = renderedSecret('app-credentials', { password: 'rendered' }, { data: { password: Buffer.from('encoded').toString('base64'), user: Buffer.from('ann').toString('base64') } });
    const { env } = environmentOf({ env: [{ name: 'P', ...secretRef('app-credentials', 'password') }, { name: 'U', ...secretRef('app-credentials', 'user') }] }, [rendered]);
    expect(env).toEqual({ P: 'rendered', U: 'ann' });
  });

  it('fails naming the workload, container, variable, Secret and key of a reference that cannot resolve', () => {
    const problems = problemsOf(() => environmentOf({ env: [{ name: 'DATABASE_PASSWORD', ...secretRef('app-credentials', 'database-password') }, { name: 'TOKEN', ...secretRef('missing', 'token') }] }));
    expect(problems).toEqual([
      'Deployment millwright-ot/app, container app, env DATABASE_PASSWORD: secretKeyRef to Secret millwright-ot/app-credentials key "database-password": the Secret has no key "database-password" (it has password, looks-like-ref); add it to the component (rendered, or among its required Secrets), or mark the reference optional: true',
      'Deployment millwright-ot/app, container app, env TOKEN: secretKeyRef to Secret millwright-ot/missing key "token": the Secret does not exist on cluster edge-1; add it to the component (rendered, or among its required Secrets), or mark the reference optional: true',
    ]);
  });

  it('fails on a missing ConfigMap of a configMapKeyRef or envFrom unless it is optional', () => {
    const problems = problemsOf(() => environmentOf({ envFrom: [{ configMapRef: { name: 'absent' } }, { configMapRef: { name: 'absent-too', optional: true } }], env: [{ name: 'A', valueFrom: { configMapKeyRef: { name: 'absent', key: 'a' } } }] }));
    expect(problems).toHaveLength(2);
    expect(problems[0]).toContain('envFrom ConfigMap millwright-ot/absent: the ConfigMap does not exist on cluster edge-1');
    expect(problems[1]).toContain('env A: configMapKeyRef to ConfigMap millwright-ot/absent key "a"');
  });

  it('resolves the pod name, namespace, IP and labels from the downward API', () => {
    const { env } = environmentOf(
      {
        env: [
          { name: 'POD', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
          { name: 'NS', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
          { name: 'IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
          { name: 'APP', valueFrom: { fieldRef: { fieldPath: "metadata.labels['app.kubernetes.io/name']" } } },
          { name: 'URL', value: 'http://$(IP):8080' },
        ],
      },
      [],
      { podIp: '10.0.0.7' },
    );
    expect(env).toEqual({ POD: 'app-0', NS: namespace, IP: '10.0.0.7', APP: 'app', URL: 'http://10.0.0.7:8080' });
  });

  it('refuses status.podIP without a pod address, and any field or source it does not support, naming it', () => {
    const problems = problemsOf(() =>
      environmentOf({
        env: [
          { name: 'IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
          { name: 'NODE', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } },
          { name: 'CPU', valueFrom: { resourceFieldRef: { resource: 'limits.cpu' } } },
        ],
      }),
    );
    expect(problems).toEqual([
      'Deployment millwright-ot/app, container app, env IP: fieldRef status.podIP needs the pod address: pass options.podIp',
      "Deployment millwright-ot/app, container app, env NODE: fieldRef spec.nodeName is not supported by the lab (supported: metadata.name, metadata.namespace, status.podIP, metadata.labels[...], metadata.annotations[...])",
      'Deployment millwright-ot/app, container app, env CPU: valueFrom resourceFieldRef is not supported by the lab (supported: fieldRef, configMapKeyRef, secretKeyRef)',
    ]);
  });

  it('refuses an envFrom key that is not a valid variable name rather than guess what the kubelet does', () => {
    const problems = problemsOf(() => environmentOf({ envFrom: [{ configMapRef: { name: 'settings' } }] }, [configMap('settings', { '1st': 'x', ok: 'y' })]));
    expect(problems).toEqual([expect.stringContaining('envFrom ConfigMap millwright-ot/settings key "1st" gives the variable name "1st"')]);
  });

  it('expands command and args against the final environment, later definitions included', () => {
    const container = environmentOf({
      command: ['/bin/app', '--url=$(URL)'],
      args: ['--token=$(TOKEN)', '$$(TOKEN)', '$(UNDEFINED)'],
      env: [
        { name: 'URL', value: 'http://$(TOKEN)' },
        { name: 'TOKEN', ...secretRef('app-credentials', 'password') },
      ],
    });
    expect(container.command).toEqual(['/bin/app', '--url=http://$(TOKEN)']);
    expect(container.args).toEqual(['--token=s3cret', '$(TOKEN)', '$(UNDEFINED)']);
    expect(container.unresolved).toEqual(['URL: $(TOKEN)', 'args[2]: $(UNDEFINED)']);
  });

  it('leaves command and args unset when the container does not set them (the image decides)', () => {
    const container = environmentOf({});
    expect(container.command).toBeUndefined();
    expect(container.args).toBeUndefined();
  });
});
