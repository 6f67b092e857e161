import type { IEnvVar } from 'kubernetes-models/v1';
import { deployment, env, httpProbe, service } from '../kube/workload.ts';
import { resources } from '../kube/resources.ts';
import { names } from '../model/names.ts';
import { serviceMonitorFor } from './metrics-collection.ts';
import type { BuildContext, ComponentDefinition, Flow, Plane, ResourceSpec, SecretRequirement } from '../model/types.ts';

/** What differs between the platform's own apps; everything else is shared. */
export interface OwnAppProps {
  readonly name: string;
  readonly description: string;
  readonly plane: Plane;
  readonly placement: ComponentDefinition['placement'];
  readonly dependsOn: readonly string[];
  readonly flows: readonly Flow[];
  readonly secrets: readonly SecretRequirement[];
  readonly livenessPath: string;
  readonly readinessPath: string;
  readonly resources: ResourceSpec;
  readonly edgeResources?: ResourceSpec;
  /** @default 1 */
  readonly defaultReplicas?: number;
  readonly env: (context: BuildContext) => readonly IEnvVar[];
}

/** The port every app of ours serves HTTP (API, UI, metrics, probes) on. */
export const ownAppPort = { name: 'http', port: 8080 } as const;

/**
 * A component for one of the platform's own apps: image from the configured registry, one
 * HTTP port, probes, and a read-only root with a small writable /tmp.
 */
export function ownApp(props: OwnAppProps): ComponentDefinition {
  const definition: ComponentDefinition = {
    name: props.name,
    description: props.description,
    plane: props.plane,
    wave: 'apps',
    placement: props.placement,
    settings: ['replicas'],
    dependsOn: props.dependsOn,
    images: { [props.name]: 'own' },
    imageSource: 'built from apps/ by CI for linux/amd64 and linux/arm64, pinned by digest on promotion',
    ports: [ownAppPort],
    flows: props.flows,
    secrets: props.secrets,
    ...(props.edgeResources && { edgeResources: { [props.name]: props.edgeResources } }),
    build: (context) => {
      const image = context.ownImage(props.name);
      return [
        service(context, { name: props.name, workload: props.name, ports: [ownAppPort] }),
        deployment(context, {
          name: props.name,
          replicas: context.settings.replicas ?? props.defaultReplicas ?? 1,
          // Once CI has promoted the app (set-image), the images-pinned policy requires its digest.
          ...(image.digest && { annotations: { [names.annotations.promoted]: 'true' } }),
          pod: {
            containers: [
              {
                name: props.name,
                image,
                ports: [ownAppPort],
                env: [env('PORT', String(ownAppPort.port)), env('NODE_ENV', 'production'), ...props.env(context)],
                liveness: httpProbe(props.livenessPath, ownAppPort.name),
                readiness: httpProbe(props.readinessPath, ownAppPort.name, { periodSeconds: 5 }),
                resources: props.resources,
                writableDirs: { '/tmp': '256Mi' },
              },
            ],
          },
        }),
        ...serviceMonitorFor(context, props.placement, props.name, { port: ownAppPort.name }),
      ];
    },
  };
  return definition;
}

/**
 * `postgresql://user:$(VAR)@host:port/db` (with `sslmode=require` across clusters); Kubernetes
 * expands `$(VAR)` from an env var declared before it.
 */
export function postgresUrl(context: BuildContext, database: string, passwordVariable: string): string {
  const target = context.endpoint('postgres', 'postgres');
  const tls = target.remote ? '?sslmode=require' : '';
  return `postgresql://${database}:$(${passwordVariable})@${target.host}:${target.port}/${database}${tls}`;
}

/** `http://host:port` in the cluster, `https://host` across clusters. */
export function httpUrl(context: BuildContext, component: string, port: string): string {
  const target = context.endpoint(component, port);
  return target.remote ? `https://${target.host}` : `http://${target.host}:${target.port}`;
}

/** The feature store an app on this topology uses: the edge one when there is an edge. */
export function featureStoreName(context: BuildContext): string {
  return context.platform.topology === 'cloud-only' ? 'redis-cloud' : 'redis-edge';
}

/** `REDIS_PASSWORD` then `REDIS_URL`, or nothing when the feature store is off (apps fall back to memory). */
export function featureStoreEnv(context: BuildContext, secret: string): IEnvVar[] {
  const store = featureStoreName(context);
  if (!context.isDeployed(store)) return [];
  const target = context.endpoint(store, 'redis');
  return [
    { name: 'REDIS_PASSWORD', valueFrom: { secretKeyRef: { name: secret, key: 'redis-password' } } },
    env('REDIS_URL', `${target.remote ? 'rediss' : 'redis'}://:$(REDIS_PASSWORD)@${target.host}:${target.port}/0`),
  ];
}

export { resources };
