import { configMap, env, execProbe, secretEnv, service, statefulSet } from '../kube/workload.ts';
import { resources } from '../kube/resources.ts';
import { cloudFirst } from '../model/placement.ts';
import type { ComponentDefinition } from '../model/types.ts';

/** The databases the platform keeps, each with its own login role of the same name. */
export const platformDatabases = [
  { name: 'telemetry', purpose: 'raw sensor telemetry written by the edge gateway' },
  { name: 'inference', purpose: 'the inference log of the inference API' },
  { name: 'mlflow', purpose: 'the MLflow tracking and registry backend store' },
  { name: 'airflow', purpose: 'the Airflow metadata database' },
] as const;

const secretName = 'postgres-credentials';

function passwordVariable(database: string): string {
  return `${database.toUpperCase()}_PASSWORD`;
}

/**
 * The init script the postgres image runs once, on an empty data directory: one login role and
 * one database per platform database, idempotent (psql's \gexec runs only the missing CREATEs).
 */
export function databaseInitScript(databases: readonly { name: string }[]): string {
  const calls = databases.map((db) => `create_database ${db.name} "$${passwordVariable(db.name)}"`);
  return [
    '#!/bin/sh',
    '# Creates one login role and one database per platform database if they do not exist yet.',
    'set -eu',
    'create_database() {',
    '  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres --set=db="$1" --set=pw="$2" <<\'SQL\'',
    "SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', :'db', :'pw') WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'db')\\gexec",
    "SELECT format('CREATE DATABASE %I OWNER %I', :'db', :'db') WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'db')\\gexec",
    'SQL',
    '}',
    ...calls,
    '',
  ].join('\n');
}

const image = { repository: 'docker.io/library/postgres', tag: '17.11-bookworm' };

const postgresPort = { name: 'postgres', port: 5432 } as const;

/** PostgreSQL: telemetry, inference log, MLflow and Airflow databases. */
export const postgres: ComponentDefinition = {
  name: 'postgres',
  description: 'PostgreSQL for raw telemetry, the inference log, MLflow and Airflow',
  plane: 'it',
  wave: 'data',
  placement: cloudFirst,
  settings: ['storage'],
  dependsOn: ['namespaces'],
  images: { postgres: image },
  imageSource: 'Docker official image (Debian, multi-arch, maintained by the Docker library team); runs as uid 999',
  ports: [postgresPort],
  flows: [],
  // In hybrid the edge apps write telemetry and the inference log here across clusters, at
  // postgres.<domain>:443 with sslmode=require; each database role's password guards it.
  tcpIngress: { port: postgresPort.name, service: 'postgres', podPort: postgresPort.port },
  secrets: [
    {
      name: secretName,
      keys: ['postgres-password', ...platformDatabases.map((db) => `${db.name}-password`)],
      description: 'superuser password and one password per platform database role',
      shared: Object.fromEntries(platformDatabases.map((db) => [`${db.name}-password`, `${db.name}-database-password`])),
    },
  ],
  edgeResources: { postgres: resources('100m', '256Mi', '1', '512Mi') },
  build: (context) => {
    const probe = execProbe(['pg_isready', '--host', '127.0.0.1', '--username', 'postgres', '--dbname', 'postgres']);
    return [
      configMap(context, { name: 'postgres-init', data: { '01-databases.sh': databaseInitScript(platformDatabases) } }),
      service(context, { name: 'postgres', workload: 'postgres', ports: postgres.ports }),
      statefulSet(context, {
        name: 'postgres',
        replicas: 1,
        serviceName: 'postgres',
        claims: [{ name: 'data', storage: context.settings.storage ?? '10Gi', mountPath: '/var/lib/postgresql/data' }],
        pod: {
          runAsUser: 999,
          fsGroup: 999,
          // A fast shutdown needs time to checkpoint before the kubelet kills the process.
          terminationGracePeriodSeconds: 60,
          volumes: [{ name: 'init', configMap: { name: 'postgres-init', defaultMode: 0o555 } }],
          containers: [
            {
              name: 'postgres',
              image,
              ports: postgres.ports,
              env: [
                env('PGDATA', '/var/lib/postgresql/data/pgdata'),
                env('POSTGRES_USER', 'postgres'),
                secretEnv('POSTGRES_PASSWORD', secretName, 'postgres-password'),
                ...platformDatabases.map((db) => secretEnv(passwordVariable(db.name), secretName, `${db.name}-password`)),
              ],
              startup: { ...probe, failureThreshold: 30, periodSeconds: 5 },
              liveness: probe,
              readiness: { ...probe, periodSeconds: 5 },
              resources: resources('250m', '512Mi', '2', '1Gi'),
              writableDirs: { '/var/run/postgresql': '16Mi', '/tmp': '256Mi', '/dev/shm': '256Mi' },
              volumeMounts: [{ name: 'init', mountPath: '/docker-entrypoint-initdb.d', readOnly: true }],
            },
          ],
        },
      }),
    ];
  },
};
