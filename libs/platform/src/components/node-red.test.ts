import { describe, expect, it } from 'vitest';
import { buildSample, componentNamed, containersOf, podSpecOf, renderedObjects } from '../test-support/rendered-platform.ts';
import { hmiBrokerId, hmiFlow, hmiFlowCredentials, hmiMaxMachines, hmiPath, nodeRedRequiredEnv, nodeRedSettings, type NodeRedNode } from './node-red.ts';

const built = componentNamed(buildSample('hybrid'), 'node-red');
const configData = built.objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'node-red-config')!['data'] as Record<string, string>;
const flow = JSON.parse(configData['flows.json']!) as NodeRedNode[];
const byId = new Map(flow.map((node) => [node.id, node]));
const ofType = (type: string) => flow.filter((node) => node.type === type);

/** The nodes a message from `start` passes through, following every wire (breadth first). */
function downstream(start: string): NodeRedNode[] {
  const seen: NodeRedNode[] = [];
  const queue = [...(byId.get(start)?.wires ?? []).flat()];
  while (queue.length > 0) {
    const node = byId.get(queue.shift()!);
    if (!node || seen.includes(node)) continue;
    seen.push(node);
    queue.push(...(node.wires ?? []).flat());
  }
  return seen;
}

/** Runs a function node's code the way Node-RED does, with an in-memory flow context. */
function functionNode(name: string) {
  const code = ofType('function').find((node) => node['name'] === name)!['func'] as string;
  const context: Record<string, unknown> = {};
  const node = { status: (status: unknown) => status, warn: (message: string) => warnings.push(message) };
  const warnings: string[] = [];
  const flowContext = { get: (key: string) => context[key], set: (key: string, value: unknown) => (context[key] = value) };
  const run = new Function('msg', 'flow', 'node', code) as (msg: object, f: typeof flowContext, n: typeof node) => unknown;
  return { send: (msg: object) => run(msg, flowContext, node), context, warnings };
}

describe('the HMI flow file', () => {
  it('is a JSON array of nodes with unique ids', () => {
    expect(new Set(flow.map((node) => node.id)).size).toBe(flow.length);
  });

  it('wires only to nodes that exist, all on its one tab', () => {
    const tabs = ofType('tab').map((node) => node.id);
    const wired = flow.flatMap((node) => (node.wires ?? []).flat());

    expect(wired.every((id) => byId.has(id))).toBe(true);
    expect(tabs).toHaveLength(1);
    expect(flow.filter((node) => node.z !== undefined).every((node) => node.z === tabs[0])).toBe(true);
  });

  it('uses only core nodes, so no palette install is needed', () => {
    const core = ['tab', 'mqtt-broker', 'mqtt in', 'json', 'function', 'debug', 'http in', 'template', 'http response'];

    expect(flow.every((node) => core.includes(node.type))).toBe(true);
  });

  it('connects to mosquitto in its cluster without TLS', () => {
    expect(ofType('mqtt-broker').map((node) => [node.id, node['broker'], node['port'], node['usetls']])).toEqual([
      [hmiBrokerId, 'mosquitto.millwright-ot.svc.cluster.local', '1883', false],
    ]);
  });

  it('subscribes with QoS 1 to telemetry and alerts through that broker', () => {
    expect(ofType('mqtt in').map((node) => [node['topic'], node['qos'], node['broker']])).toEqual([
      ['factory/+/+/+/telemetry', '1', hmiBrokerId],
      ['factory/+/+/+/alerts', '1', hmiBrokerId],
    ]);
  });

  it('wires telemetry and alerts through a JSON parse into the function that keeps the latest per machine', () => {
    for (const input of ofType('mqtt in')) {
      expect(downstream(input.id).slice(0, 2).map((node) => [node.type, node['name']])).toEqual([
        ['json', 'parse'],
        ['function', 'keep latest per machine'],
      ]);
    }
  });

  it(`serves the HMI page at GET ${hmiPath} as HTML`, () => {
    const page = ofType('http in')[0]!;

    expect([page['url'], page['method']]).toEqual(['/hmi', 'get']);
    expect(downstream(page.id).map((node) => node.type)).toEqual(['function', 'template', 'http response']);
  });

  it('holds no credential: the broker user and password are in flows_cred.json as environment references', () => {
    expect(configData['flows.json']).not.toMatch(/password|"user"/i);
    expect(JSON.parse(configData['flows_cred.json']!)).toEqual({ [hmiBrokerId]: { user: '${MQTT_USERNAME}', password: '${MQTT_PASSWORD}' } });
    expect(hmiFlowCredentials()).toEqual(JSON.parse(configData['flows_cred.json']!));
  });

  it('is what hmiFlow renders for the broker endpoint', () => {
    expect(flow).toEqual(hmiFlow({ broker: { host: 'mosquitto.millwright-ot.svc.cluster.local', port: 1883, remote: false } }));
  });
});

describe('the function that keeps the latest per machine', () => {
  it('keeps only the latest telemetry of each machine', () => {
    const keep = functionNode('keep latest per machine');
    keep.send({ topic: 'factory/plant-a/line-1/m-1/telemetry', payload: { torque: 40 } });
    keep.send({ topic: 'factory/plant-a/line-1/m-1/telemetry', payload: { torque: 42 } });
    keep.send({ topic: 'factory/plant-a/line-1/m-2/telemetry', payload: { torque: 38 } });
    const machines = keep.context['machines'] as Record<string, { telemetry: unknown }>;

    expect(Object.fromEntries(Object.entries(machines).map(([id, m]) => [id, m.telemetry]))).toEqual({
      'plant-a/line-1/m-1': { torque: 42 },
      'plant-a/line-1/m-2': { torque: 38 },
    });
  });

  it('keeps the latest alert beside the telemetry and passes only alerts on', () => {
    const keep = functionNode('keep latest per machine');
    const telemetry = keep.send({ topic: 'factory/a/l/m/telemetry', payload: { torque: 40 } });
    const alert = { topic: 'factory/a/l/m/alerts', payload: { failure: 'TWF' } };

    expect([telemetry, keep.send(alert)]).toEqual([null, alert]);
    expect(keep.context['machines']).toMatchObject({ 'a/l/m': { telemetry: { torque: 40 }, alerts: { failure: 'TWF' } } });
  });

  it(`ignores new machines beyond ${hmiMaxMachines}, with a warning`, () => {
    const keep = functionNode('keep latest per machine');
    for (let i = 0; i <= hmiMaxMachines; i++) keep.send({ topic: `factory/a/l/m${i}/telemetry`, payload: {} });

    expect(Object.keys(keep.context['machines'] as object)).toHaveLength(hmiMaxMachines);
    expect(keep.warnings).toEqual([`ignoring machine a/l/m${hmiMaxMachines}: the HMI already shows ${hmiMaxMachines} machines`]);
  });

  it('gives the page one row per machine, sorted, with the readings as JSON text', () => {
    const keep = functionNode('keep latest per machine');
    keep.send({ topic: 'factory/a/l/m2/telemetry', payload: { torque: 40 } });
    keep.send({ topic: 'factory/a/l/m1/alerts', payload: { failure: 'HDF' } });
    const rows = functionNode('machines to rows');
    Object.assign(rows.context, keep.context);
    const page = rows.send({}) as { payload: { count: number; machines: { id: string; telemetry: string; alert: string }[] } };

    expect(page.payload.count).toBe(2);
    expect(page.payload.machines.map((m) => [m.id, m.telemetry, m.alert])).toEqual([
      ['a/l/m1', '', '{"failure":"HDF"}'],
      ['a/l/m2', '{"torque":40}', ''],
    ]);
  });
});

describe('nodeRedSettings', () => {
  const env = { NODE_RED_CREDENTIAL_SECRET: 'k', NODE_RED_ADMIN_PASSWORD_HASH: '$2b$08$hash', MQTT_USERNAME: 'node-red', MQTT_PASSWORD: 'p' };

  /** Evaluates settings.js as Node-RED's require would, with the given environment. */
  function load(environment: Record<string, string>): Record<string, unknown> {
    const module = { exports: {} as Record<string, unknown> };
    new Function('module', 'process', nodeRedSettings())(module, { env: environment });
    return module.exports;
  }

  it('is what the ConfigMap gives Node-RED', () => {
    expect(configData['settings.js']).toBe(nodeRedSettings());
  });

  it('guards the editor with the admin password hash from the environment', () => {
    expect(load(env)['adminAuth']).toEqual({ type: 'credentials', users: [{ username: 'admin', password: '$2b$08$hash', permissions: '*' }] });
  });

  it('encrypts stored credentials with the credential secret from the environment', () => {
    expect(load(env)['credentialSecret']).toBe('k');
  });

  it('allows no palette or module installs', () => {
    expect(load(env)['externalModules']).toEqual({ autoInstall: false, palette: { allowInstall: false }, modules: { allowInstall: false } });
  });

  it('refuses to start without a credential, naming what is missing', () => {
    expect(() => load({ ...env, MQTT_PASSWORD: '' })).toThrow(
      'settings.js: MQTT_PASSWORD not set; they come from the Secret node-red-credentials (README "Secrets").',
    );
  });

  it('contains no literal credential', () => {
    expect(nodeRedSettings()).not.toMatch(/\$2[aby]\$|password:\s*['"]/);
  });
});

describe('the node-red component', () => {
  const deployment = built.objects.find((o) => o.kind === 'Deployment')!;
  const pod = podSpecOf(deployment)!;
  const [init, main] = containersOf(deployment);

  it.each([
    ['edge-only', ['edge-1']],
    ['hybrid', ['edge-1']],
    ['cloud-only', ['core']],
  ] as const)('runs under %s on %j', (topology, clusters) => {
    expect(componentNamed(buildSample(topology), 'node-red').clusters.map((c) => c.name)).toEqual(clusters);
  });

  it('runs the pinned image as uid 1000, non-root, on a read-only root filesystem', () => {
    expect([main?.image, pod.securityContext?.runAsUser, pod.securityContext?.runAsNonRoot, main?.securityContext?.readOnlyRootFilesystem]).toEqual([
      'docker.io/nodered/node-red:4.1.14-22',
      1000,
      true,
      true,
    ]);
  });

  it('copies the provisioned flows into the /data emptyDir before Node-RED starts', () => {
    expect(init?.command).toEqual(['cp', '/config/flows.json', '/config/flows_cred.json', '/data/']);
    expect(pod.volumes?.find((v) => v.name === 'data')?.emptyDir).toEqual({ sizeLimit: '64Mi' });
    expect([init, main].map((c) => c?.volumeMounts?.find((m) => m.name === 'data')?.mountPath)).toEqual(['/data', '/data']);
  });

  it('hardens the init container like the main one', () => {
    expect(init?.securityContext).toEqual(main?.securityContext);
    expect(init?.resources?.limits).toBeDefined();
  });

  it('starts Node-RED with the provisioned settings', () => {
    expect(main?.args).toEqual(['--settings', '/config/settings.js']);
  });

  it('reads every credential settings.js needs from node-red-credentials', () => {
    const env = Object.fromEntries((main?.env ?? []).map((e) => [e.name, e.valueFrom?.secretKeyRef ?? e.value]));

    expect(Object.keys(env).sort()).toEqual([...nodeRedRequiredEnv].sort());
    expect(env).toEqual({
      NODE_RED_CREDENTIAL_SECRET: { name: 'node-red-credentials', key: 'credential-secret' },
      NODE_RED_ADMIN_PASSWORD_HASH: { name: 'node-red-credentials', key: 'admin-password-hash' },
      MQTT_USERNAME: 'node-red',
      MQTT_PASSWORD: { name: 'node-red-credentials', key: 'mqtt-password' },
    });
  });

  it('probes GET / on the http port 1880', () => {
    expect([main?.livenessProbe?.httpGet, main?.readinessProbe?.httpGet]).toEqual([
      { path: '/', port: 'http' },
      { path: '/', port: 'http' },
    ]);
    expect(main?.ports).toEqual([{ name: 'http', containerPort: 1880, protocol: 'TCP' }]);
  });

  it('may reach mosquitto on 1883 and nothing else', () => {
    const egress = renderedObjects(built).find((o) => o.metadata.name === 'node-red-egress')!;

    expect(egress['spec']).toMatchObject({
      egress: [{ to: [{ podSelector: { matchLabels: { 'millwright.io/component': 'mosquitto' } } }], ports: [{ protocol: 'TCP', port: 1883 }] }],
    });
    expect((egress['spec'] as { egress: unknown[] }).egress).toHaveLength(1);
  });

  it('declares its credentials Secret and depends on the broker', () => {
    expect(built.definition.secrets.map((s) => [s.name, s.keys])).toEqual([
      ['node-red-credentials', ['credential-secret', 'admin-password-hash', 'mqtt-password']],
      ['ingress-basic-auth', ['users']],
    ]);
    expect(built.definition.dependsOn).toContain('mosquitto');
  });
});
