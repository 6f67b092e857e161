import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { INetworkPolicyIngressRule } from 'kubernetes-models/networking.k8s.io/v1';
import { StatefulSet } from 'kubernetes-models/apps/v1';
import { buildPlatform, catalogue, resolvePlatform, type KubeObject } from '@millwright/platform';
import { allTopologies, sampleConfig } from '@millwright/platform/testing';
import { buildSample, componentNamed, containersOf, podSpecOf, renderedObjects } from '../test-support/rendered-platform.ts';
import { mosquittoAcl, mosquittoComponent, mosquittoConfig, mosquittoConfigDefaults, mqttAccess, mqttTopics } from './mosquitto.ts';

/** The directives of a mosquitto.conf, without comments and blank lines: `[name, value]`. */
function directives(config: string): [string, string][] {
  return config
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'))
    .map((line) => {
      const [name, ...value] = line.split(' ');
      return [name!, value.join(' ')];
    });
}

/** The value of a directive that may appear once; fails when it appears more often. */
function single(config: string, name: string): string | undefined {
  const values = directives(config).filter(([key]) => key === name);
  expect(values.length, name).toBeLessThanOrEqual(1);
  return values[0]?.[1];
}

const listeners = (config: string) => directives(config).filter(([key]) => key === 'listener').map(([, value]) => value);

/** The ACL as user -> { read, write }, parsed back from the file. */
function parseAcl(acl: string): Record<string, { read: string[]; write: string[] }> {
  const users: Record<string, { read: string[]; write: string[] }> = {};
  let current: { read: string[]; write: string[] } | undefined;
  for (const line of acl.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('#'))) {
    const [keyword, access, topic] = line.split(' ');
    if (keyword === 'user') users[access!] = current = { read: [], write: [] };
    else if (keyword === 'topic' && current && (access === 'read' || access === 'write')) current[access].push(topic!);
    else throw new Error(`unexpected ACL line (before any user, or not read/write): ${line}`);
  }
  return users;
}

const objectOf = (objects: readonly KubeObject[], kind: string, name: string) => objects.find((o) => o.kind === kind && o.metadata.name === name)!;

describe('mosquittoConfig', () => {
  const config = mosquittoConfig();

  it('refuses anonymous clients', () => {
    expect(single(config, 'allow_anonymous')).toBe('false');
  });

  it('checks every client against the mounted password file and ACL', () => {
    expect([single(config, 'password_file'), single(config, 'acl_file')]).toEqual(['/mosquitto/passwords/passwd', '/mosquitto/config/acl']);
  });

  it('applies the same authentication to every listener', () => {
    expect(single(config, 'per_listener_settings')).toBe('false');
  });

  it('sets the queue and in-flight limits deliberately instead of the silently dropping default of 1000', () => {
    const limits = {
      max_queued_messages: single(config, 'max_queued_messages'),
      max_queued_bytes: single(config, 'max_queued_bytes'),
      max_inflight_messages: single(config, 'max_inflight_messages'),
    };
    expect(limits).toEqual({ max_queued_messages: '100000', max_queued_bytes: '33554432', max_inflight_messages: '1000' });
  });

  it('says in a comment why the queue limits are set', () => {
    expect(config).toMatch(/# .*default max_queued_messages 1000 silently drops QoS 1/);
  });

  it('persists to the data volume every 60 seconds', () => {
    const persistence = ['persistence', 'persistence_location', 'autosave_interval'].map((name) => single(config, name));
    expect(persistence).toEqual(['true', '/mosquitto/data/', '60']);
  });

  it('updates $SYS every 10 seconds', () => {
    expect(single(config, 'sys_interval')).toBe('10');
  });

  it('documents the defaults it applies', () => {
    expect(mosquittoConfigDefaults).toEqual({
      maxQueuedMessages: 100_000,
      maxQueuedBytes: 33_554_432,
      maxInflightMessages: 1000,
      autosaveIntervalSeconds: 60,
      sysIntervalSeconds: 10,
    });
  });

  it('renders the limits and intervals it is given', () => {
    const count = fc.integer({ min: 1, max: 10_000_000 });
    fc.assert(
      fc.property(count, count, count, count, count, (queued, bytes, inflight, autosave, sys) => {
        const rendered = mosquittoConfig({
          maxQueuedMessages: queued,
          maxQueuedBytes: bytes,
          maxInflightMessages: inflight,
          autosaveIntervalSeconds: autosave,
          sysIntervalSeconds: sys,
        });
        const values = ['max_queued_messages', 'max_queued_bytes', 'max_inflight_messages', 'autosave_interval', 'sys_interval'].map((name) =>
          single(rendered, name),
        );
        expect(values).toEqual([queued, bytes, inflight, autosave, sys].map(String));
        expect(single(rendered, 'allow_anonymous')).toBe('false');
      }),
    );
  });

  it('renders only the plain listener on 1883 by default', () => {
    expect(listeners(config)).toEqual(['1883']);
    expect(config).not.toMatch(/^(certfile|keyfile)/m);
  });

  it('renders a TLS listener on 8883 with the certificate from the given directory', () => {
    const tls = mosquittoConfig({ tlsCertDir: '/mosquitto/certs' });
    const afterTlsListener = tls.slice(tls.indexOf('listener 8883'));

    expect(listeners(tls)).toEqual(['1883', '8883']);
    expect(directives(afterTlsListener).slice(1)).toEqual([
      ['protocol', 'mqtt'],
      ['certfile', '/mosquitto/certs/tls.crt'],
      ['keyfile', '/mosquitto/certs/tls.key'],
      ['tls_version', 'tlsv1.2'],
    ]);
  });
});

describe('mosquittoAcl', () => {
  const acl = parseAcl(mosquittoAcl());

  it('lets sensor-sim only write telemetry', () => {
    expect(acl['sensor-sim']).toEqual({ read: [], write: ['factory/+/+/+/telemetry'] });
  });

  it('lets edge-gateway read telemetry and write alerts and dead letters', () => {
    expect(acl['edge-gateway']).toEqual({ read: ['factory/+/+/+/telemetry'], write: ['factory/+/+/+/alerts', 'dead-letter/#'] });
  });

  it('lets node-red only read telemetry and alerts', () => {
    expect(acl['node-red']).toEqual({ read: ['factory/+/+/+/telemetry', 'factory/+/+/+/alerts'], write: [] });
  });

  it('names no other user and grants nothing to anonymous clients', () => {
    expect(Object.keys(acl)).toEqual(['sensor-sim', 'edge-gateway', 'node-red']);
  });

  it('writes back exactly the access table it is given', () => {
    const topic = fc.constantFrom(...Object.values(mqttTopics), 'a/b', '$SYS/#');
    const access = fc.dictionary(fc.stringMatching(/^[a-z][a-z0-9-]{0,15}$/), fc.record({ read: fc.array(topic), write: fc.array(topic) }));
    fc.assert(
      fc.property(access, (table) => {
        expect(parseAcl(mosquittoAcl(table))).toEqual(table);
      }),
    );
  });
});

describe('the mosquitto component', () => {
  it.each([
    ['edge-only', ['edge-1']],
    ['hybrid', ['edge-1']],
    ['cloud-only', ['core']],
  ] as const)('runs under %s on %j', (topology, clusters) => {
    expect(componentNamed(buildSample(topology), 'mosquitto').clusters.map((c) => c.name)).toEqual(clusters);
  });

  it('ships the rendered config and ACL in its ConfigMap', () => {
    const config = objectOf(componentNamed(buildSample('hybrid'), 'mosquitto').objects, 'ConfigMap', 'mosquitto-config');

    expect(config['data']).toEqual({ 'mosquitto.conf': mosquittoConfig(), acl: mosquittoAcl() });
  });

  it.each(allTopologies)('admits to port 1883 exactly sensor-sim, edge-gateway and node-red under %s', (topology) => {
    const policy = objectOf(componentNamed(buildSample(topology), 'mosquitto').objects, 'NetworkPolicy', 'mosquitto-ingress');
    const rules = (policy['spec'] as { ingress: INetworkPolicyIngressRule[] }).ingress;

    expect(rules.map((rule) => ({ ports: rule.ports, from: rule.from?.map((peer) => peer.podSelector?.matchLabels?.['millwright.io/component']) }))).toEqual([
      { ports: [{ protocol: 'TCP', port: 1883 }], from: ['edge-gateway', 'sensor-sim', 'node-red'] },
    ]);
  });

  it('gives every MQTT client a user of its own name that the ACL knows, and the in-cluster broker URL', () => {
    const built = buildSample('hybrid');
    const clients = catalogue.filter((c) => c.flows.some((f) => f.to === 'mosquitto')).map((c) => c.name);
    const env = clients.map((name) => {
      const workload = componentNamed(built, name).objects.find((o) => o.kind === 'Deployment')!;
      const vars = Object.fromEntries((containersOf(workload).at(-1)?.env ?? []).map((e) => [e.name, e.value ?? e.valueFrom?.secretKeyRef?.name]));
      return { name, user: vars['MQTT_USERNAME'], password: vars['MQTT_PASSWORD'] };
    });

    expect(env.map((e) => e.user)).toEqual(clients);
    expect([...clients].sort()).toEqual(Object.keys(mqttAccess).sort());
    expect(env.every((e) => e.password === `${e.name}-credentials`)).toBe(true);
  });

  it('points sensor-sim and edge-gateway at the broker in their own cluster', () => {
    const built = buildSample('hybrid');
    for (const name of ['sensor-sim', 'edge-gateway']) {
      const workload = componentNamed(built, name).objects.find((o) => o.kind === 'Deployment')!;
      expect(containersOf(workload)[0]?.env?.find((e) => e.name === 'MQTT_URL')?.value, name).toBe(
        'mqtt://mosquitto.millwright-ot.svc.cluster.local:1883',
      );
    }
  });

  describe('its StatefulSet', () => {
    const objects = renderedObjects(componentNamed(buildSample('edge-only'), 'mosquitto'));
    const statefulSet = objectOf(objects, 'StatefulSet', 'mosquitto');
    const pod = podSpecOf(statefulSet)!;
    const container = pod.containers[0]!;
    const volume = (name: string) => pod.volumes?.find((v) => v.name === name);

    it('runs the pinned broker as uid and gid 1883, non-root, on a read-only root filesystem', () => {
      expect({
        image: container.image,
        user: pod.securityContext?.runAsUser,
        group: pod.securityContext?.runAsGroup,
        fsGroup: pod.securityContext?.fsGroup,
        nonRoot: pod.securityContext?.runAsNonRoot,
        readOnlyRoot: container.securityContext?.readOnlyRootFilesystem,
      }).toEqual({ image: 'docker.io/library/eclipse-mosquitto:2.0.22', user: 1883, group: 1883, fsGroup: 1883, nonRoot: true, readOnlyRoot: true });
    });

    it('keeps its persistence on a 1Gi claim at /mosquitto/data and writes logs to an emptyDir', () => {
      const claims = (statefulSet['spec'] as { volumeClaimTemplates: { metadata: { name: string }; spec: { resources: unknown } }[] }).volumeClaimTemplates;

      expect(claims.map((c) => [c.metadata.name, c.spec.resources])).toEqual([['data', { requests: { storage: '1Gi' } }]]);
      expect(container.volumeMounts?.find((m) => m.name === 'data')?.mountPath).toBe('/mosquitto/data');
      expect(volume('mosquitto-mosquitto-log')?.emptyDir).toEqual({ sizeLimit: '16Mi' });
    });

    it('claims the storage the config asks for', () => {
      const claimed = objectOf(renderedObjects(componentNamed(buildSample('edge-only', { components: { mosquitto: { storage: '5Gi' } } }), 'mosquitto')), 'StatefulSet', 'mosquitto');

      expect(JSON.stringify(claimed['spec'])).toContain('"storage":"5Gi"');
    });

    it('mounts its config and the password Secret read-only', () => {
      const mounts = container.volumeMounts?.filter((m) => m.readOnly).map((m) => [m.name, m.mountPath]);

      expect(mounts).toEqual([
        ['config', '/mosquitto/config'],
        ['passwords', '/mosquitto/passwords'],
      ]);
      expect(volume('passwords')?.secret).toEqual({ secretName: 'mosquitto-passwords', defaultMode: 0o440 });
    });

    it('probes the MQTT port over TCP, needing no credential in the pod', () => {
      const probes = [container.startupProbe, container.livenessProbe, container.readinessProbe].map((p) => p?.tcpSocket);

      expect(probes).toEqual([{ port: 'mqtt' }, { port: 'mqtt' }, { port: 'mqtt' }]);
    });

    it('starts the broker with the mounted config and limits it on the edge', () => {
      expect(container.command).toEqual(['/usr/sbin/mosquitto', '-c', '/mosquitto/config/mosquitto.conf']);
      expect(container.resources?.limits).toEqual({ cpu: '1', memory: '512Mi' });
    });
  });

  it('declares the password Secret and renders no Secret', () => {
    const built = componentNamed(buildSample('hybrid'), 'mosquitto');

    expect(built.definition.secrets.map((s) => [s.name, s.keys])).toEqual([['mosquitto-passwords', ['passwd']]]);
    expect(renderedObjects(built).filter((o) => o.kind === 'Secret')).toEqual([]);
  });

  it('serves no TLS port unless a TLS Secret is configured', () => {
    const objects = renderedObjects(componentNamed(buildSample('hybrid'), 'mosquitto'));

    expect(JSON.stringify(objects)).not.toContain('8883');
  });
});

describe('the mosquitto component with a TLS Secret', () => {
  const withTls = catalogue.map((c) => (c.name === 'mosquitto' ? mosquittoComponent({ tlsSecret: 'mosquitto-tls' }) : c));
  const built = componentNamed(buildPlatform(resolvePlatform(sampleConfig('edge-only'), withTls), withTls), 'mosquitto');
  const statefulSet = objectOf(built.objects, 'StatefulSet', 'mosquitto');
  const pod = podSpecOf(statefulSet)!;

  it('renders the TLS listener into the ConfigMap', () => {
    const data = objectOf(built.objects, 'ConfigMap', 'mosquitto-config')['data'] as Record<string, string>;

    expect(data['mosquitto.conf']).toBe(mosquittoConfig({ tlsCertDir: '/mosquitto/certs' }));
  });

  it('serves mqtts on 8883 beside mqtt on 1883', () => {
    const service = objectOf(built.objects, 'Service', 'mosquitto');

    expect((service['spec'] as { ports: { name: string; port: number }[] }).ports.map((p) => [p.name, p.port])).toEqual([
      ['mqtt', 1883],
      ['mqtts', 8883],
    ]);
    expect(pod.containers[0]?.ports?.map((p) => p.containerPort)).toEqual([1883, 8883]);
  });

  it('mounts the certificate Secret read-only where the config expects it', () => {
    expect(pod.volumes?.find((v) => v.name === 'certs')?.secret?.secretName).toBe('mosquitto-tls');
    expect(pod.containers[0]?.volumeMounts?.find((m) => m.name === 'certs')).toEqual({ name: 'certs', mountPath: '/mosquitto/certs', readOnly: true });
  });

  it('declares the certificate Secret', () => {
    expect(built.definition.secrets.map((s) => s.name)).toEqual(['mosquitto-passwords', 'mosquitto-tls']);
  });

  it('still builds a valid StatefulSet', () => {
    expect(() => new StatefulSet(statefulSet as never).validate()).not.toThrow();
  });
});
