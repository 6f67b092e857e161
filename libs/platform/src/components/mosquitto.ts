import type { IEnvVar } from 'kubernetes-models/v1';
import { configMap, env, service, statefulSet, tcpProbe } from '../kube/workload.ts';
import { resources } from '../kube/resources.ts';
import { edgeFirst } from '../model/placement.ts';
import type { BuildContext, ComponentDefinition, SecretRequirement, ServicePort } from '../model/types.ts';

// The Docker official image: Alpine, multi-arch (arm64 for the Raspberry Pi edge), uid/gid 1883.
const image = { repository: 'docker.io/library/eclipse-mosquitto', tag: '2.0.22' };
const mosquittoUid = 1883;

/** The plain MQTT port, reachable in the cluster by the components that declare a flow to it. */
export const mqttPort: ServicePort = { name: 'mqtt', port: 1883 };
/** The MQTT-over-TLS port, rendered only when a TLS Secret is configured (see `MosquittoProps`). */
export const mqttsPort: ServicePort = { name: 'mqtts', port: 8883 };

/** Where the broker's files live in its container; the broker test rewrites these to a temp dir. */
export const mosquittoPaths = {
  /** The ConfigMap (mosquitto.conf, acl), mounted read-only. */
  config: '/mosquitto/config',
  /** The PersistentVolumeClaim holding the persistence snapshot. */
  data: '/mosquitto/data',
  log: '/mosquitto/log',
  /** The `mosquitto-passwords` Secret (one file, `passwd`), mounted read-only. */
  passwords: '/mosquitto/passwords',
  /** The TLS Secret (`tls.crt`, `tls.key`), mounted read-only when TLS is on. */
  certs: '/mosquitto/certs',
} as const;

/** The factory's MQTT topics: `factory/<site>/<line>/<machine>/<kind>`. */
export const mqttTopics = {
  telemetry: 'factory/+/+/+/telemetry',
  alerts: 'factory/+/+/+/alerts',
  /** Where the edge gateway republishes what it cannot ingest, prefixed to the original topic. */
  deadLetter: 'dead-letter/#',
} as const;

/** The topic filters one MQTT user may read (receive) and write (publish). */
export interface MqttAccess {
  readonly read: readonly string[];
  readonly write: readonly string[];
}

/**
 * Who may do what on the broker, by MQTT user; each user is the component of the same name (its
 * `MQTT_USERNAME`). Everything not listed is denied, `$SYS` included.
 */
export const mqttAccess: Readonly<Record<string, MqttAccess>> = {
  'sensor-sim': { read: [], write: [mqttTopics.telemetry] },
  'edge-gateway': { read: [mqttTopics.telemetry], write: [mqttTopics.alerts, mqttTopics.deadLetter] },
  'node-red': { read: [mqttTopics.telemetry, mqttTopics.alerts], write: [] },
};

/** The broker settings `mosquittoConfig` renders; every default is pinned by a test. */
export interface MosquittoConfigOptions {
  /**
   * Renders the TLS listener on 8883 with `tls.crt` and `tls.key` from this directory.
   * @default undefined (plain listener only)
   */
  readonly tlsCertDir?: string;
  /** QoS 1/2 messages queued per client beyond those in flight. @default 100000 */
  readonly maxQueuedMessages?: number;
  /** Bytes of payload queued per client; whichever limit is reached first applies. @default 33554432 (32 MiB) */
  readonly maxQueuedBytes?: number;
  /** QoS 1/2 messages in flight (sent, not yet acknowledged) per client. @default 1000 */
  readonly maxInflightMessages?: number;
  /** Seconds between persistence snapshots. @default 60 */
  readonly autosaveIntervalSeconds?: number;
  /** Seconds between updates of the `$SYS` topics. @default 10 */
  readonly sysIntervalSeconds?: number;
}

/** The defaults of `MosquittoConfigOptions`. */
export const mosquittoConfigDefaults = {
  maxQueuedMessages: 100_000,
  maxQueuedBytes: 32 * 1024 * 1024,
  maxInflightMessages: 1000,
  autosaveIntervalSeconds: 60,
  sysIntervalSeconds: 10,
} as const;

/**
 * `mosquitto.conf`: no anonymous clients, a password file and an ACL on every listener,
 * persistence, queue limits set deliberately, and the plain listener plus an optional TLS one.
 */
export function mosquittoConfig(options: MosquittoConfigOptions = {}): string {
  const queued = options.maxQueuedMessages ?? mosquittoConfigDefaults.maxQueuedMessages;
  const queuedBytes = options.maxQueuedBytes ?? mosquittoConfigDefaults.maxQueuedBytes;
  const inflight = options.maxInflightMessages ?? mosquittoConfigDefaults.maxInflightMessages;
  const autosave = options.autosaveIntervalSeconds ?? mosquittoConfigDefaults.autosaveIntervalSeconds;
  const sysInterval = options.sysIntervalSeconds ?? mosquittoConfigDefaults.sysIntervalSeconds;
  const tls = options.tlsCertDir
    ? [
        '',
        '# MQTT over TLS, certificate and key from a kubernetes.io/tls Secret (e.g. issued by cert-manager).',
        `listener ${mqttsPort.port}`,
        'protocol mqtt',
        `certfile ${options.tlsCertDir}/tls.crt`,
        `keyfile ${options.tlsCertDir}/tls.key`,
        'tls_version tlsv1.2',
      ]
    : [];
  return [
    '# Eclipse Mosquitto broker of the Millwright OT plane (rendered by libs/platform mosquitto.ts).',
    '',
    '# The same authentication and access control on every listener: no anonymous client, a',
    '# hashed password file (Secret mosquitto-passwords) and an ACL that denies what it does not list.',
    'per_listener_settings false',
    'allow_anonymous false',
    `password_file ${mosquittoPaths.passwords}/passwd`,
    `acl_file ${mosquittoPaths.config}/acl`,
    '',
    '# Persistence is a periodic snapshot, not a per-message journal: a crash loses what arrived',
    `# since the last save. ${autosave} s bounds that loss; each save rewrites the whole file, so not more often.`,
    'persistence true',
    `persistence_location ${mosquittoPaths.data}/`,
    `autosave_interval ${autosave}`,
    'autosave_on_changes false',
    '# A persistent session whose client never returns (a changed client id) would queue forever.',
    'persistent_client_expiration 7d',
    '',
    '# Queue limits, set deliberately: the default max_queued_messages 1000 silently drops QoS 1',
    '# messages once a subscriber is 1000 behind (publishers still get their PUBACK; only',
    '# $SYS/broker/publish/messages/dropped counts them). These limits hold hours of telemetry',
    '# (10 machines at 1 Hz fill 100000 messages in almost 3 hours) for a restarting edge gateway,',
    '# and the byte limit keeps that within the container memory limit.',
    `max_queued_messages ${queued}`,
    `max_queued_bytes ${queuedBytes}`,
    '# The edge gateway acknowledges a batch only once it is committed to PostgreSQL, so a whole',
    '# batch is in flight at once; the default of 20 would cap every batch at 20 messages.',
    `max_inflight_messages ${inflight}`,
    '',
    `sys_interval ${sysInterval}`,
    '',
    'log_dest stdout',
    'log_type error',
    'log_type warning',
    'log_type notice',
    'log_type information',
    'log_timestamp_format %Y-%m-%dT%H:%M:%S',
    'connection_messages true',
    '',
    '# Plain MQTT inside the cluster; NetworkPolicy admits only the components that declare a flow.',
    `listener ${mqttPort.port}`,
    'protocol mqtt',
    ...tls,
    '',
  ].join('\n');
}

/** The ACL file: per user, the topics it may read and write; a user not listed may do nothing. */
export function mosquittoAcl(access: Readonly<Record<string, MqttAccess>> = mqttAccess): string {
  const users = Object.entries(access).map(([user, rules]) =>
    [`user ${user}`, ...rules.read.map((topic) => `topic read ${topic}`), ...rules.write.map((topic) => `topic write ${topic}`)].join('\n'),
  );
  return ['# Mosquitto ACL (rendered by libs/platform mosquitto.ts): what is not listed is denied.', '', users.join('\n\n'), ''].join('\n');
}

/** `mqtt://host:1883` in the cluster, `mqtts://host:443` across clusters (through the ingress). */
export function mqttUrl(context: BuildContext): string {
  const target = context.endpoint('mosquitto', mqttPort.name);
  return `${target.remote ? 'mqtts' : 'mqtt'}://${target.host}:${target.port}`;
}

/** `MQTT_URL` and `MQTT_USERNAME` of an MQTT client: its user is its component name (see `mqttAccess`). */
export function mqttClientEnv(context: BuildContext): IEnvVar[] {
  return [env('MQTT_URL', mqttUrl(context)), env('MQTT_USERNAME', context.component)];
}

/**
 * The Secret holding the broker's password file (key `passwd`). Mosquitto reads hashed passwords
 * only, so the operator makes the file with `mosquitto_passwd` (Debian package `mosquitto`, or
 * the broker image), one line per MQTT user, each password equal to the `mqtt-password` of that
 * client's own Secret, after creating those Secrets:
 *
 * ```sh
 * ns=millwright-ot
 * mqtt_password() { kubectl -n "$ns" get secret "$1-credentials" -o jsonpath='{.data.mqtt-password}' | base64 -d; }
 * mosquitto_passwd -b -c passwd sensor-sim "$(mqtt_password sensor-sim)"
 * mosquitto_passwd -b passwd edge-gateway "$(mqtt_password edge-gateway)"
 * mosquitto_passwd -b passwd node-red "$(mqtt_password node-red)"
 * kubectl -n "$ns" create secret generic mosquitto-passwords --from-file=passwd=passwd
 * rm passwd
 * ```
 *
 * The broker reads the file at start: after changing it, `kubectl -n "$ns" rollout restart statefulset/mosquitto`.
 */
export const mosquittoPasswordsSecret = 'mosquitto-passwords';

const passwordsRequirement: SecretRequirement = {
  name: mosquittoPasswordsSecret,
  keys: ['passwd'],
  description: `a mosquitto_passwd file (hashed) with the users ${Object.keys(mqttAccess).join(', ')}; see README "Secrets"`,
};

/** Options of the broker component. */
export interface MosquittoProps {
  /**
   * A kubernetes.io/tls Secret (`tls.crt`, `tls.key`; e.g. the `secretName` of a cert-manager
   * Certificate) that turns on the TLS listener `mqtts` on 8883. Clients reach it by declaring a
   * flow to port `mqtts`.
   * @default undefined (plain listener only)
   */
  readonly tlsSecret?: string;
}

/**
 * Eclipse Mosquitto as a StatefulSet: the config and ACL from a ConfigMap, the password file
 * (and TLS certificate) from Secrets, the persistence snapshot on a PersistentVolumeClaim.
 */
export function mosquittoComponent(props: MosquittoProps = {}): ComponentDefinition {
  const tlsSecret = props.tlsSecret;
  const ports = tlsSecret ? [mqttPort, mqttsPort] : [mqttPort];
  const secrets: SecretRequirement[] = [passwordsRequirement];
  if (tlsSecret) secrets.push({ name: tlsSecret, keys: ['tls.crt', 'tls.key'], description: 'TLS certificate and key of the mqtts listener' });
  // A TCP connect needs no credentials; an MQTT probe would need a probe user and its password in
  // the pod and an ACL on $SYS, and would start a process every period on a small edge node.
  const probe = tcpProbe(mqttPort.name);
  return {
    name: 'mosquitto',
    description: 'Eclipse Mosquitto MQTT broker: password authentication, per-client ACLs, persistence, deliberate queue limits',
    plane: 'ot',
    wave: 'data',
    placement: edgeFirst,
    settings: ['storage'],
    dependsOn: ['namespaces'],
    images: { mosquitto: image },
    imageSource: 'Docker official image (Eclipse Mosquitto, Alpine, multi-arch); runs as uid 1883',
    ports,
    flows: [],
    secrets,
    edgeResources: { mosquitto: resources('50m', '64Mi', '500m', '384Mi') },
    build: (context) => [
      configMap(context, {
        name: 'mosquitto-config',
        data: {
          'mosquitto.conf': mosquittoConfig(tlsSecret ? { tlsCertDir: mosquittoPaths.certs } : {}),
          acl: mosquittoAcl(),
        },
      }),
      service(context, { name: 'mosquitto', workload: 'mosquitto', ports }),
      statefulSet(context, {
        name: 'mosquitto',
        replicas: 1,
        serviceName: 'mosquitto',
        claims: [{ name: 'data', storage: context.settings.storage ?? '1Gi', mountPath: mosquittoPaths.data }],
        pod: {
          runAsUser: mosquittoUid,
          fsGroup: mosquittoUid,
          volumes: [
            { name: 'config', configMap: { name: 'mosquitto-config', defaultMode: 0o440 } },
            { name: 'passwords', secret: { secretName: mosquittoPasswordsSecret, defaultMode: 0o440 } },
            ...(tlsSecret ? [{ name: 'certs', secret: { secretName: tlsSecret, defaultMode: 0o440 } }] : []),
          ],
          containers: [
            {
              name: 'mosquitto',
              image,
              command: ['/usr/sbin/mosquitto', '-c', `${mosquittoPaths.config}/mosquitto.conf`],
              ports,
              startup: { ...probe, failureThreshold: 30, periodSeconds: 2 },
              liveness: probe,
              readiness: { ...probe, periodSeconds: 5 },
              resources: resources('100m', '128Mi', '1', '512Mi'),
              writableDirs: { [mosquittoPaths.log]: '16Mi' },
              volumeMounts: [
                { name: 'config', mountPath: mosquittoPaths.config, readOnly: true },
                { name: 'passwords', mountPath: mosquittoPaths.passwords, readOnly: true },
                ...(tlsSecret ? [{ name: 'certs', mountPath: mosquittoPaths.certs, readOnly: true }] : []),
              ],
            },
          ],
        },
      }),
    ],
  };
}

/**
 * The TLS Secret of the broker: set it to the `secretName` of your cert-manager Certificate (or
 * any kubernetes.io/tls Secret) to render the `mqtts` listener on 8883, then re-render.
 * @default undefined (plain listener only)
 */
export const mosquittoTlsSecret: string | undefined = undefined;

/** The OT plane's MQTT broker. */
export const mosquitto = mosquittoComponent({ tlsSecret: mosquittoTlsSecret });
