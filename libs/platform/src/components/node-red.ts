import { configMap, env, httpProbe, secretEnv, service, deployment } from '../kube/workload.ts';
import { resources } from '../kube/resources.ts';
import { edgeFirst } from '../model/placement.ts';
import type { ComponentDefinition, Endpoint } from '../model/types.ts';
import { mqttPort, mqttTopics } from './mosquitto.ts';
import { ingressBasicAuthSecret } from '../kube/ingress.ts';

// The Node-RED project's image on Docker Hub: Node.js 22, Alpine, multi-arch, uid/gid 1000.
const image = { repository: 'docker.io/nodered/node-red', tag: '4.1.14-22' };
const nodeRedUid = 1000;
const httpPort = { name: 'http', port: 1880 } as const;

/** The Secret the HMI reads its credentials from (as environment variables, never rendered). */
export const nodeRedSecret = 'node-red-credentials';

/** Where the HMI's files live in its container. */
const paths = { config: '/config', data: '/data' } as const;

/** The path of the HMI page Node-RED serves. */
export const hmiPath = '/hmi';

/**
 * The most machines the HMI keeps; readings of further machines are ignored, so a publisher
 * inventing machine ids cannot grow Node-RED's memory without bound.
 */
export const hmiMaxMachines = 500;

/** One node of a Node-RED flow file, as Node-RED itself writes them. */
export interface NodeRedNode {
  readonly id: string;
  readonly type: string;
  readonly z?: string;
  readonly wires?: readonly (readonly string[])[];
  readonly [property: string]: unknown;
}

/** The id of the flow's MQTT broker config node; its credentials live in `flows_cred.json`. */
export const hmiBrokerId = 'millwright-mosquitto';

const tab = 'millwright-hmi';

// Keeps the latest telemetry and the latest alert of each machine in flow context; passes alerts
// on (to the debug sidebar). Topics are factory/<site>/<line>/<machine>/<telemetry|alerts>.
const keepLatestCode = `const [, site, line, machine, kind] = msg.topic.split('/');
const id = site + '/' + line + '/' + machine;
const machines = flow.get('machines') || {};
if (!machines[id] && Object.keys(machines).length >= ${hmiMaxMachines}) {
  node.warn('ignoring machine ' + id + ': the HMI already shows ${hmiMaxMachines} machines');
  return null;
}
const entry = machines[id] || { id: id };
entry[kind] = msg.payload;
entry[kind + 'At'] = new Date().toISOString();
machines[id] = entry;
flow.set('machines', machines);
node.status({ fill: 'green', shape: 'dot', text: Object.keys(machines).length + ' machines' });
return kind === 'alerts' ? msg : null;`;

// Turns the flow context into rows for the page template (which HTML-escapes every value).
const hmiRowsCode = `const machines = Object.values(flow.get('machines') || {});
machines.sort((a, b) => a.id.localeCompare(b.id));
msg.payload = {
  count: machines.length,
  generatedAt: new Date().toISOString(),
  machines: machines.map((m) => ({
    id: m.id,
    telemetry: m.telemetry === undefined ? '' : JSON.stringify(m.telemetry),
    telemetryAt: m.telemetryAt || '',
    alert: m.alerts === undefined ? '' : JSON.stringify(m.alerts),
    alertAt: m.alertsAt || '',
  })),
};
return msg;`;

const hmiPage = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="refresh" content="5">
<title>Millwright HMI</title>
<style>
body { font-family: sans-serif; margin: 1.5rem; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #ccc; padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; }
tr.alert td { background: #fde8e8; }
code { font-size: 0.85rem; }
</style>
</head>
<body>
<h1>Machines ({{payload.count}})</h1>
<p>Latest telemetry and alert per machine, refreshed every 5 s; generated {{payload.generatedAt}}.</p>
<table>
<thead><tr><th>machine</th><th>latest telemetry</th><th>received</th><th>latest alert</th><th>received</th></tr></thead>
<tbody>
{{#payload.machines}}<tr{{#alert}} class="alert"{{/alert}}><td>{{id}}</td><td><code>{{telemetry}}</code></td><td>{{telemetryAt}}</td><td><code>{{alert}}</code></td><td>{{alertAt}}</td></tr>
{{/payload.machines}}{{^payload.machines}}<tr><td colspan="5">no telemetry received yet</td></tr>{{/payload.machines}}
</tbody>
</table>
</body>
</html>
`;

/**
 * The HMI flow (Node-RED flow JSON, core nodes only): MQTT in on telemetry and alerts from the
 * broker, JSON parse, a function that keeps the latest reading and alert per machine, and the
 * page `GET /hmi` that shows them. The broker's user and password are credentials of the broker
 * node, in `flows_cred.json` (see `hmiFlowCredentials`).
 */
export function hmiFlow(options: { broker: Endpoint }): NodeRedNode[] {
  const { broker } = options;
  /** A node on the HMI tab at (x, y), wired to the node `next` (if any). */
  const onTab = (id: string, type: string, name: string, at: readonly [number, number], next: string | undefined, properties: object) => ({
    id,
    type,
    z: tab,
    name,
    ...properties,
    x: at[0],
    y: at[1],
    wires: next ? [[next]] : [],
  });
  const mqttIn = (id: string, name: string, topic: string, y: number): NodeRedNode =>
    onTab(id, 'mqtt in', name, [150, y], 'hmi-parse-json', { topic, qos: '1', datatype: 'utf8', broker: hmiBrokerId, nl: false, rap: true, rh: 0, inputs: 0 });
  const functionNode = (id: string, name: string, func: string, at: readonly [number, number], next: string): NodeRedNode =>
    onTab(id, 'function', name, at, next, { func, outputs: 1, timeout: 0, noerr: 0, initialize: '', finalize: '', libs: [] });
  return [
    { id: tab, type: 'tab', label: 'HMI', disabled: false, info: 'Provisioned from Git by Millwright: edits made here are lost on restart.' },
    {
      id: hmiBrokerId,
      type: 'mqtt-broker',
      name: 'mosquitto',
      broker: broker.host,
      port: String(broker.port),
      clientid: '',
      autoConnect: true,
      usetls: broker.remote,
      protocolVersion: '4',
      keepalive: '60',
      cleansession: true,
      autoUnsubscribe: true,
      birthTopic: '',
      closeTopic: '',
      willTopic: '',
    },
    mqttIn('hmi-telemetry-in', 'telemetry', mqttTopics.telemetry, 80),
    mqttIn('hmi-alerts-in', 'alerts', mqttTopics.alerts, 140),
    onTab('hmi-parse-json', 'json', 'parse', [370, 110], 'hmi-keep-latest', { property: 'payload', action: 'obj', pretty: false }),
    functionNode('hmi-keep-latest', 'keep latest per machine', keepLatestCode, [580, 110], 'hmi-alerts-debug'),
    onTab('hmi-alerts-debug', 'debug', 'alerts', [810, 110], undefined, {
      active: true,
      tosidebar: true,
      console: false,
      tostatus: false,
      complete: 'true',
      targetType: 'full',
    }),
    onTab('hmi-page-in', 'http in', 'HMI page', [160, 220], 'hmi-rows', { url: hmiPath, method: 'get', upload: false, swaggerDoc: '' }),
    functionNode('hmi-rows', 'machines to rows', hmiRowsCode, [370, 220], 'hmi-page'),
    onTab('hmi-page', 'template', 'page', [560, 220], 'hmi-page-out', {
      field: 'payload',
      fieldType: 'msg',
      format: 'html',
      syntax: 'mustache',
      template: hmiPage,
      output: 'str',
    }),
    onTab('hmi-page-out', 'http response', '', [740, 220], undefined, {
      statusCode: '200',
      headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' },
    }),
  ];
}

/**
 * `flows_cred.json`: the broker node's user and password as `${VAR}` references, which Node-RED
 * resolves from the environment when it starts the node. It holds no credential itself; once an
 * editor deploy changes credentials, Node-RED rewrites it encrypted with its credential secret.
 */
export function hmiFlowCredentials(): Record<string, { user: string; password: string }> {
  return { [hmiBrokerId]: { user: '${MQTT_USERNAME}', password: '${MQTT_PASSWORD}' } };
}

/** The environment variables `settings.js` requires; all but the user name come from `node-red-credentials`. */
export const nodeRedRequiredEnv = ['NODE_RED_CREDENTIAL_SECRET', 'NODE_RED_ADMIN_PASSWORD_HASH', 'MQTT_USERNAME', 'MQTT_PASSWORD'] as const;

/**
 * Node-RED's `settings.js`: editor login (`adminAuth`, user `admin`, bcrypt hash), the
 * credential secret, no palette or npm installs, flows in `/data`. Every credential is read from
 * the environment; a missing one stops Node-RED at start with a message naming it.
 */
export function nodeRedSettings(): string {
  return `// Node-RED settings of the Millwright HMI (rendered by libs/platform node-red.ts). Every
// credential comes from the environment (Secret ${nodeRedSecret}); this file holds none.
const required = ${JSON.stringify(nodeRedRequiredEnv)};
const missing = required.filter((name) => !process.env[name]);
if (missing.length > 0) {
  throw new Error('settings.js: ' + missing.join(', ') + ' not set; they come from the Secret ${nodeRedSecret} (README "Secrets").');
}

module.exports = {
  uiPort: ${httpPort.port},
  flowFile: 'flows.json',
  flowFilePretty: true,
  credentialSecret: process.env.NODE_RED_CREDENTIAL_SECRET,
  adminAuth: {
    type: 'credentials',
    users: [{ username: 'admin', password: process.env.NODE_RED_ADMIN_PASSWORD_HASH, permissions: '*' }],
  },
  // Core nodes only: the image is read-only and edge clusters may have no route to npm.
  externalModules: { autoInstall: false, palette: { allowInstall: false }, modules: { allowInstall: false } },
  functionExternalModules: false,
  exportGlobalContextKeys: false,
  contextStorage: { default: { module: 'memory' } },
  editorTheme: { projects: { enabled: false } },
  logging: { console: { level: 'info', metrics: false, audit: false } },
};
`;
}

/**
 * Node-RED, the OT plane's HMI. The flow file and settings come from a ConfigMap; an init
 * container copies the flows into `/data`, an emptyDir, so Git stays the source of truth (an
 * editor deploy lasts until the pod is replaced) and no volume wears the edge node's SD card.
 * The latest readings live in memory: telemetry refills from MQTT within seconds of a restart,
 * and the page shows the alerts received since then.
 */
export const nodeRed: ComponentDefinition = {
  name: 'node-red',
  description: 'Node-RED HMI: latest telemetry and alerts per machine from MQTT, flow provisioned from Git',
  plane: 'ot',
  wave: 'apps',
  placement: edgeFirst,
  dependsOn: ['namespaces', 'mosquitto'],
  images: { 'node-red': image },
  imageSource: "Node-RED project's image on Docker Hub (Node.js 22, Alpine, multi-arch); runs as uid 1000; core nodes only",
  ports: [httpPort],
  flows: [{ to: 'mosquitto', port: mqttPort.name }],
  secrets: [
    {
      name: nodeRedSecret,
      keys: ['credential-secret', 'admin-password-hash', 'mqtt-password'],
      description: "the key Node-RED encrypts credentials with, the editor admin's bcrypt password hash, the MQTT password",
    },
    ingressBasicAuthSecret,
  ],
  // The editor has its own login, the HMI page has none: both sit behind the ingress's basic auth.
  ingress: [{ host: 'node-red', service: 'node-red', servicePort: httpPort.port, podPort: httpPort.port, auth: 'basic-auth' }],
  edgeResources: { 'node-red': resources('50m', '96Mi', '500m', '256Mi') },
  build: (context) => {
    const probe = httpProbe('/', httpPort.name);
    const configMount = { name: 'config', mountPath: paths.config, readOnly: true };
    const dataMount = { name: 'data', mountPath: paths.data };
    const flows = hmiFlow({ broker: context.endpoint('mosquitto', mqttPort.name) });
    return [
      configMap(context, {
        name: 'node-red-config',
        data: {
          'settings.js': nodeRedSettings(),
          'flows.json': `${JSON.stringify(flows, null, 2)}\n`,
          'flows_cred.json': `${JSON.stringify(hmiFlowCredentials(), null, 2)}\n`,
        },
      }),
      service(context, { name: 'node-red', workload: 'node-red', ports: [httpPort] }),
      deployment(context, {
        name: 'node-red',
        replicas: 1,
        pod: {
          runAsUser: nodeRedUid,
          fsGroup: nodeRedUid,
          volumes: [
            { name: 'config', configMap: { name: 'node-red-config' } },
            { name: 'data', emptyDir: { sizeLimit: '64Mi' } },
          ],
          initContainers: [
            {
              name: 'provision-flows',
              image,
              command: ['cp', `${paths.config}/flows.json`, `${paths.config}/flows_cred.json`, `${paths.data}/`],
              resources: resources('10m', '16Mi', '100m', '32Mi'),
              volumeMounts: [configMount, dataMount],
            },
          ],
          containers: [
            {
              name: 'node-red',
              image,
              // The image's entrypoint starts Node-RED with --userDir /data; these come after.
              args: ['--settings', `${paths.config}/settings.js`],
              ports: [httpPort],
              env: [
                secretEnv('NODE_RED_CREDENTIAL_SECRET', nodeRedSecret, 'credential-secret'),
                secretEnv('NODE_RED_ADMIN_PASSWORD_HASH', nodeRedSecret, 'admin-password-hash'),
                env('MQTT_USERNAME', context.component),
                secretEnv('MQTT_PASSWORD', nodeRedSecret, 'mqtt-password'),
              ],
              startup: { ...probe, failureThreshold: 30, periodSeconds: 5 },
              liveness: probe,
              readiness: { ...probe, periodSeconds: 5 },
              resources: resources('100m', '128Mi', '1', '384Mi'),
              writableDirs: { '/tmp': '32Mi' },
              volumeMounts: [configMount, dataMount],
            },
          ],
        },
      }),
    ];
  },
};
