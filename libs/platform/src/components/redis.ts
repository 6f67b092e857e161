import { deployment, execProbe, secretEnv, service } from '../kube/workload.ts';
import { resources } from '../kube/resources.ts';
import type { ComponentDefinition, Plane } from '../model/types.ts';

// Valkey is the BSD-licensed continuation of Redis (Linux Foundation); it speaks the Redis
// protocol, so every Redis client works. Redis 7.4+ is no longer BSD (RSAL/SSPL, AGPL from 8).
const image = { repository: 'docker.io/valkey/valkey', tag: '8.1.11-alpine' };

export const redisSecret = 'redis-credentials';

/**
 * The server command: the password goes into a config file under /tmp rather than onto the
 * command line, where any process in the pod could read it.
 */
export const redisServerCommand = [
  'umask 077',
  'printf "requirepass %s\\n" "$REDIS_PASSWORD" > /tmp/valkey.conf',
  'exec valkey-server /tmp/valkey.conf --port 6379 --dir /data --save "" --appendonly no --maxmemory 200mb --maxmemory-policy volatile-lru',
].join('\n');

/**
 * A Redis-protocol feature store: the latest engineered features per machine, with a TTL. It is
 * a cache of what PostgreSQL holds, so it keeps no persistence and evicts by TTL under pressure.
 */
export function featureStore(options: {
  name: string;
  description: string;
  plane: Plane;
  placement: ComponentDefinition['placement'];
}): ComponentDefinition {
  const ports = [{ name: 'redis', port: 6379 }];
  const definition: ComponentDefinition = {
    name: options.name,
    description: options.description,
    plane: options.plane,
    wave: 'data',
    placement: options.placement,
    dependsOn: ['namespaces'],
    images: { valkey: image },
    imageSource: 'Valkey official image (BSD-3-Clause, Redis-compatible, multi-arch); runs as uid 999',
    ports,
    flows: [],
    secrets: [
      { name: redisSecret, keys: ['password'], description: 'password of the feature store', shared: { password: 'feature-store-password' } },
    ],
    edgeResources: { valkey: resources('50m', '96Mi', '500m', '256Mi') },
    build: (context) => {
      const ping = execProbe(['/bin/sh', '-c', 'REDISCLI_AUTH="$REDIS_PASSWORD" valkey-cli -p 6379 ping | grep -q PONG']);
      return [
        service(context, { name: options.name, workload: options.name, ports }),
        deployment(context, {
          name: options.name,
          replicas: 1,
          pod: {
            runAsUser: 999,
            runAsGroup: 1000,
            fsGroup: 1000,
            containers: [
              {
                name: 'valkey',
                image,
                command: ['/bin/sh', '-c', redisServerCommand],
                ports,
                env: [secretEnv('REDIS_PASSWORD', redisSecret, 'password')],
                liveness: ping,
                readiness: { ...ping, periodSeconds: 5 },
                resources: resources('100m', '128Mi', '1', '320Mi'),
                writableDirs: { '/data': '64Mi', '/tmp': '8Mi' },
              },
            ],
          },
        }),
      ];
    },
  };
  return definition;
}

/** The edge feature store, next to the machines (hybrid and edge-only). */
export const redisEdge = featureStore({
  name: 'redis-edge',
  description: 'Edge feature store (Valkey): latest features per machine for online scoring',
  plane: 'ot',
  placement: { 'edge-only': ['edge'], hybrid: ['edge'], 'cloud-only': [] },
});

/** The cloud feature store (hybrid and cloud-only). */
export const redisCloud = featureStore({
  name: 'redis-cloud',
  description: 'Cloud feature store (Valkey): features for training and cloud-side scoring',
  plane: 'it',
  placement: { 'edge-only': [], hybrid: ['cloud'], 'cloud-only': ['cloud'] },
});
