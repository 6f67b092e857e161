import type { KubeObject } from '@millwright/kube';
import { describe, expect, it } from 'vitest';
import { labWorkloads } from './lab-workloads.ts';
import { RenderedObjectsError } from './rendered-objects-error.ts';
import { secretPath } from './secret-values.ts';
import { configMap, deployment, namespace, podSpec } from './test-support/hand-made-objects.ts';

const cluster = 'edge-1';
const secrets = { [secretPath(cluster, namespace, 'broker-passwords')]: { passwd: 'user:hash\n', unused: 'x' } };

function problemsOf(objects: readonly KubeObject[]): readonly string[] {
  try {
    labWorkloads(objects, secrets, { cluster });
  } catch (error) {
    if (error instanceof RenderedObjectsError) return error.problems;
    throw error;
  }
  throw new Error('expected a RenderedObjectsError');
}

const broker: KubeObject = {
  apiVersion: 'apps/v1',
  kind: 'StatefulSet',
  metadata: { name: 'broker', namespace, labels: { 'millwright.io/component': 'mosquitto' } },
  spec: {
    replicas: 2,
    template: {
      metadata: { labels: { app: 'broker' } },
      spec: podSpec(
        [
          {
            name: 'broker',
            image: 'broker:2',
            ports: [{ name: 'mqtt', containerPort: 1883 }, { containerPort: 9000 }],
            readinessProbe: { tcpSocket: { port: 'mqtt' }, periodSeconds: 5 },
            livenessProbe: { httpGet: { path: '/healthz', port: 9000, httpHeaders: [{ name: 'X-Probe', value: '1' }] } },
            startupProbe: { exec: { command: ['check', '--quick'] }, failureThreshold: 30 },
            volumeMounts: [
              { name: 'config', mountPath: '/config', readOnly: true },
              { name: 'passwords', mountPath: '/passwords', readOnly: true },
              { name: 'scratch', mountPath: '/tmp' },
              { name: 'data', mountPath: '/data' },
              { name: 'shared', mountPath: '/shared', subPath: 'broker' },
            ],
          },
        ],
        {
          initContainers: [
            { name: 'first', image: 'tools:1', command: ['prepare'] },
            { name: 'second', image: 'tools:1', command: ['migrate'] },
          ],
          volumes: [
            { name: 'config', configMap: { name: 'broker-config', defaultMode: 0o440, items: [{ key: 'broker.conf', path: 'conf/broker.conf' }, { key: 'acl', path: 'acl', mode: 0o400 }] } },
            { name: 'passwords', secret: { secretName: 'broker-passwords', items: [{ key: 'passwd', path: 'passwd' }] } },
            { name: 'scratch', emptyDir: { sizeLimit: '16Mi' } },
            { name: 'shared', persistentVolumeClaim: { claimName: 'shared-files' } },
          ],
        },
      ),
    },
    volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
  },
};

const brokerConfig = configMap('broker-config', { 'broker.conf': 'listener 1883\n', acl: 'user a\n', ignored: 'x' }, { binaryData: { logo: 'iVBORw==' } });

describe('labWorkloads', () => {
  it('gives a StatefulSet its replicas, component, labels and its init containers as ordered steps', () => {
    const [workload] = labWorkloads([broker, brokerConfig], secrets, { cluster });
    expect(workload).toMatchObject({ kind: 'StatefulSet', namespace, name: 'broker', component: 'mosquitto', replicas: 2, podLabels: { app: 'broker' }, restartPolicy: 'Always' });
    expect(workload!.initSteps.map((step) => [step.name, step.command])).toEqual([
      ['first', ['prepare']],
      ['second', ['migrate']],
    ]);
  });

  it("runs each container as its securityContext's user and group, the container's over the pod's", () => {
    const [workload] = labWorkloads(
      [deployment('app', [{ name: 'main', image: 'x' }, { name: 'side', image: 'y', securityContext: { runAsUser: 1883 } }, { name: 'grouped', image: 'z', securityContext: { runAsGroup: 7 } }], { pod: { securityContext: { runAsUser: 10001, runAsGroup: 10002 } } })],
      secrets,
      { cluster },
    );
    expect(workload!.containers.map((c) => c.runAs)).toEqual([{ uid: 10001, gid: 10002 }, { uid: 1883, gid: 10002 }, { uid: 10001, gid: 7 }]);
    const [unset] = labWorkloads([deployment('plain', [{ name: 'main', image: 'x' }])], secrets, { cluster });
    expect(unset!.containers[0]!.runAs).toBeUndefined();
  });

  it('names ports, resolves probe ports by name and fills in Kubernetes probe defaults', () => {
    const container = labWorkloads([broker, brokerConfig], secrets, { cluster })[0]!.containers[0]!;
    expect(container.ports).toEqual({ mqtt: 1883, '9000': 9000 });
    expect(container.readiness).toEqual({ check: { kind: 'tcp', port: 1883 }, initialDelaySeconds: 0, periodSeconds: 5, timeoutSeconds: 1, failureThreshold: 3, successThreshold: 1 });
    expect(container.liveness?.check).toEqual({ kind: 'http', path: '/healthz', port: 9000, scheme: 'HTTP', headers: { 'X-Probe': '1' } });
    expect(container.startup).toMatchObject({ check: { kind: 'exec', command: ['check', '--quick'] }, failureThreshold: 30, periodSeconds: 10 });
  });

  it('gives each mount its content: listed ConfigMap and Secret items with their modes, scratch and persistent volumes', () => {
    const mounts = labWorkloads([broker, brokerConfig], secrets, { cluster })[0]!.containers[0]!.mounts;
    expect(mounts.map((mount) => [mount.mountPath, mount.readOnly, mount.content])).toEqual([
      [
        '/config',
        true,
        {
          kind: 'files',
          source: 'configMap',
          name: 'broker-config',
          files: [
            { path: 'conf/broker.conf', content: 'listener 1883\n', encoding: 'utf8', mode: 0o440 },
            { path: 'acl', content: 'user a\n', encoding: 'utf8', mode: 0o400 },
          ],
        },
      ],
      ['/passwords', true, { kind: 'files', source: 'secret', name: 'broker-passwords', files: [{ path: 'passwd', content: 'user:hash\n', encoding: 'utf8', mode: 0o644 }] }],
      ['/tmp', false, { kind: 'scratch', sizeLimit: '16Mi' }],
      ['/data', false, { kind: 'persistent', claimName: 'data', perReplica: true, size: '1Gi' }],
      ['/shared', false, { kind: 'persistent', claimName: 'shared-files', perReplica: false }],
    ]);
    expect(mounts[4]!.subPath).toBe('broker');
  });

  it('projects every key of a ConfigMap volume without items, binary data as base64', () => {
    const app = deployment('app', [{ name: 'app', image: 'app:1', volumeMounts: [{ name: 'config', mountPath: '/config' }] }], { pod: { volumes: [{ name: 'config', configMap: { name: 'broker-config' } }] } });
    const content = labWorkloads([app, brokerConfig], secrets, { cluster })[0]!.containers[0]!.mounts[0]!.content;
    expect(content.kind === 'files' && content.files.map((file) => [file.path, file.encoding])).toEqual([
      ['logo', 'base64'],
      ['broker.conf', 'utf8'],
      ['acl', 'utf8'],
      ['ignored', 'utf8'],
    ]);
  });

  it('takes a CronJob schedule, suspension and the parallelism and restart policy of its job', () => {
    const cronJob: KubeObject = {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'load', namespace },
      spec: { schedule: '0 3 * * *', suspend: true, jobTemplate: { spec: { parallelism: 3, template: { metadata: { labels: { app: 'load' } }, spec: podSpec([{ name: 'k6', image: 'k6:1', args: ['run'] }], { restartPolicy: 'Never' }) } } } },
    };
    const job: KubeObject = { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'once', namespace }, spec: { template: { spec: podSpec([{ name: 'once', image: 'once:1' }], { restartPolicy: 'OnFailure' }) } } };
    const [load, once] = labWorkloads([cronJob, job], secrets, { cluster });
    expect(load).toMatchObject({ kind: 'CronJob', schedule: '0 3 * * *', suspended: true, replicas: 3, restartPolicy: 'Never' });
    expect(once).toMatchObject({ kind: 'Job', replicas: 1, restartPolicy: 'OnFailure' });
    expect(once!.schedule).toBeUndefined();
  });

  it('defaults a Deployment to one replica and ignores custom resources that share a workload kind', () => {
    const custom: KubeObject = { apiVersion: 'example.com/v1', kind: 'Deployment', metadata: { name: 'not-apps', namespace } };
    const workloads = labWorkloads([deployment('app', [{ name: 'app', image: 'app:1' }]), custom], secrets, { cluster });
    expect(workloads.map((workload) => [workload.name, workload.replicas])).toEqual([['app', 1]]);
  });

  it('uses options.podName for metadata.name', () => {
    const app = deployment('app', [{ name: 'app', image: 'app:1', env: [{ name: 'POD', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }] }]);
    const workloads = labWorkloads([app], secrets, { cluster, podName: (workload) => `${workload.name}-7d9f-abcde` });
    expect(workloads[0]!.containers[0]!.env['POD']).toBe('app-7d9f-abcde');
  });

  it('reports every problem at once: missing ConfigMap, missing item key, unknown volume, unsupported volume and probe port', () => {
    const app = deployment(
      'app',
      [
        {
          name: 'app',
          image: 'app:1',
          ports: [{ name: 'http', containerPort: 8080 }],
          readinessProbe: { httpGet: { path: '/', port: 'metrics' } },
          volumeMounts: [
            { name: 'missing-config', mountPath: '/a' },
            { name: 'bad-item', mountPath: '/b' },
            { name: 'undeclared', mountPath: '/c' },
            { name: 'host', mountPath: '/d' },
            { name: 'optional-config', mountPath: '/e' },
          ],
        },
      ],
      {
        pod: {
          volumes: [
            { name: 'missing-config', configMap: { name: 'absent' } },
            { name: 'bad-item', secret: { secretName: 'broker-passwords', items: [{ key: 'nope', path: 'nope' }] } },
            { name: 'host', hostPath: { path: '/etc' } },
            { name: 'optional-config', configMap: { name: 'absent', optional: true } },
          ],
        },
      },
    );
    expect(problemsOf([app])).toEqual([
      'Deployment millwright-ot/app, container app, readinessProbe: port "metrics" is not a named port of the container (it has http)',
      'Deployment millwright-ot/app, container app, volume missing-config: ConfigMap millwright-ot/absent (a volume) does not exist on cluster edge-1; add it, or mark the volume optional: true',
      'Deployment millwright-ot/app, container app, volume bad-item: Secret millwright-ot/broker-passwords has no key "nope" that its volume lists; add the key or remove the item',
      'Deployment millwright-ot/app, container app, volumeMount /c: no volume or volumeClaimTemplate is named "undeclared"',
      'Deployment millwright-ot/app, container app, volume host: volume "host" is of type hostPath, which the lab does not support (supported: configMap, secret, emptyDir, persistentVolumeClaim, volumeClaimTemplates)',
    ]);
  });

  it('refuses pods that would get service-link variables, a service-account token or native sidecars', () => {
    const app = deployment('app', [{ name: 'app', image: 'app:1' }], { pod: { enableServiceLinks: true, automountServiceAccountToken: undefined, initContainers: [{ name: 'proxy', image: 'proxy:1', restartPolicy: 'Always' }] } });
    const problems = problemsOf([app]);
    expect(problems).toHaveLength(3);
    expect(problems[0]).toContain('enableServiceLinks is not false');
    expect(problems[1]).toContain('automountServiceAccountToken is not false');
    expect(problems[2]).toContain('initContainer proxy: native sidecars');
  });
});
