// The rendered platform itself, built with the real kubectl kustomize: the hybrid sample config and
// the repository's own committed k8s/ tree, each cluster turned into what the lab runs.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { names, type KubeObject } from '@millwright/kube';
import { renderTree } from '@millwright/manifests';
import { catalogue, requiredSecrets, resolvePlatform, type PlatformConfig } from '@millwright/platform';
import { sampleConfig } from '@millwright/platform/testing';
import { compareSync } from 'bcryptjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// The repository's own platform, whose render is committed in k8s/.
import repositoryConfig from '../../../../platform.config.ts';
import { labIngressRoutes } from '../ingress/lab-ingress-routes.ts';
import type { LabRoute } from '../ingress/lab-route.ts';
import { buildClusterObjects } from './build-cluster-objects.ts';
import { labSecretValues, type LabSecrets } from './lab-secret-values.ts';
import { labServices, type LabService } from './lab-services.ts';
import type { LabWorkload } from './lab-workload.ts';
import { labWorkloads } from './lab-workloads.ts';
import { seededRandomBytes } from './random-bytes.ts';
import { secretPath } from './secret-values.ts';
import { writeRenderedTree } from './write-rendered-tree.ts';

const repositoryRoot = fileURLToPath(new URL('../../../../', import.meta.url));

interface LabCluster {
  readonly objects: readonly KubeObject[];
  readonly workloads: readonly LabWorkload[];
  readonly services: readonly LabService[];
  readonly routes: readonly LabRoute[];
}

interface TreeUnderTest {
  readonly name: string;
  readonly config: PlatformConfig;
  readonly edge: string;
  readonly cloud: string;
  /** The directory holding k8s/: the repository, or a temporary directory the sample is written to. */
  readonly root: () => string;
}

let sampleRoot = '';
const trees: readonly TreeUnderTest[] = [
  { name: 'the hybrid sample', config: sampleConfig('hybrid'), edge: 'edge-1', cloud: 'core', root: () => sampleRoot },
  { name: "the repository's committed k8s/", config: repositoryConfig, edge: 'edge-line-1', cloud: 'core', root: () => repositoryRoot },
];

beforeAll(() => {
  sampleRoot = mkdtempSync(join(tmpdir(), 'millwright-lab-tree-'));
  const platform = resolvePlatform(sampleConfig('hybrid'), catalogue);
  writeRenderedTree(sampleRoot, renderTree(platform, catalogue).files);
});

afterAll(() => rmSync(sampleRoot, { recursive: true, force: true }));

describe.each(trees)('$name', (tree) => {
  const clusters: Record<string, LabCluster> = {};
  let secrets: LabSecrets;

  beforeAll(async () => {
    const platform = resolvePlatform(tree.config, catalogue);
    secrets = labSecretValues(requiredSecrets(platform, renderTree(platform, catalogue).components), seededRandomBytes(tree.name));
    for (const cluster of [tree.edge, tree.cloud]) {
      const objects = await buildClusterObjects(tree.root(), cluster);
      const workloads = labWorkloads(objects, secrets.values, { cluster, podIp: '10.42.0.10' });
      clusters[cluster] = { objects, workloads, services: labServices(objects, workloads), routes: labIngressRoutes(objects, secrets.values, { cluster }) };
    }
  });

  it('runs the platform workloads of each cluster', () => {
    const workloadNames = (cluster: string) => clusters[cluster]!.workloads.map((workload) => `${workload.kind} ${workload.name}`).sort();
    expect(workloadNames(tree.edge)).toEqual(['CronJob load-test', 'Deployment edge-gateway', 'Deployment inference-api', 'Deployment node-red', 'Deployment redis-edge', 'Deployment sensor-sim', 'StatefulSet mosquitto']);
    expect(workloadNames(tree.cloud)).toEqual(['Deployment mlflow', 'Deployment redis-cloud', 'Deployment ui', 'Job minio-buckets', 'StatefulSet minio', 'StatefulSet postgres']);
  });

  it('resolves every environment variable, command and argument with no $(...) reference left', () => {
    for (const cluster of [tree.edge, tree.cloud]) {
      for (const workload of clusters[cluster]!.workloads) {
        for (const container of [...workload.initSteps, ...workload.containers]) {
          const where = `${cluster} ${workload.kind} ${workload.name} ${container.name}`;
          expect(container.unresolved, where).toEqual([]);
          for (const [name, value] of Object.entries(container.env)) expect(value, `${where} ${name}`).not.toMatch(/\$\(/);
        }
      }
    }
  });

  it("embeds the inference API's database password into its DATABASE_URL, the value the cloud's PostgreSQL holds", () => {
    const api = clusters[tree.edge]!.workloads.find((workload) => workload.name === 'inference-api')!.containers[0]!;
    const password = secrets.values[secretPath(tree.cloud, 'millwright-it', 'postgres-credentials')]!['inference-password']!;
    expect(api.env['DATABASE_PASSWORD']).toBe(password);
    expect(api.env['DATABASE_URL']).toBe(`postgresql://inference:${password}@postgres.factory.example.com:443/inference?sslmode=require`);
  });

  it('gives every mounted Secret and ConfigMap its content', () => {
    const broker = clusters[tree.edge]!.workloads.find((workload) => workload.name === 'mosquitto')!.containers[0]!;
    const passwords = broker.mounts.find((mount) => mount.mountPath === '/mosquitto/passwords')!.content;
    expect(passwords.kind === 'files' && passwords.files.map((file) => [file.path, file.mode])).toEqual([['passwd', 0o440]]);
    const config = broker.mounts.find((mount) => mount.mountPath === '/mosquitto/config')!.content;
    expect(config.kind === 'files' && config.files.map((file) => file.path).sort()).toEqual(['acl', 'mosquitto.conf']);
  });

  it('selects exactly one workload with every Service and resolves every target port', () => {
    for (const cluster of [tree.edge, tree.cloud]) {
      for (const service of clusters[cluster]!.services) {
        expect(service.problems, `${cluster} Service ${service.namespace}/${service.name}`).toEqual([]);
        expect(service.workload, `${cluster} Service ${service.name}`).toBeDefined();
      }
    }
  });

  it("resolves every Ingress route's middlewares to basic auth the lab operator passes", () => {
    for (const cluster of [tree.edge, tree.cloud]) {
      const ingresses = clusters[cluster]!.objects.filter((object) => object.kind === 'Ingress');
      expect(ingresses.length).toBeGreaterThan(0);
      for (const ingress of ingresses) {
        const declared = (ingress.metadata.annotations?.[names.annotations.traefikMiddlewares] ?? '').split(',').filter((item) => item !== '');
        const routes = clusters[cluster]!.routes.filter((route) => route.source === `Ingress ${ingress.metadata.namespace}/${ingress.metadata.name}`);
        expect(routes.length, ingress.metadata.name).toBeGreaterThan(0);
        for (const route of routes) {
          if (route.protocol !== 'http') throw new Error(`${route.source} is not an HTTP route`);
          expect(route.middlewares, route.source).toHaveLength(declared.length);
          expect(route.tls, route.source).toBe(true);
          for (const middleware of route.middlewares) {
            if (middleware.kind !== 'basicAuth') throw new Error(`${route.source}: unexpected ${middleware.kind}`);
            const operatorLine = middleware.users.find((line) => line.startsWith(`${secrets.operator.user}:`))!;
            expect(compareSync(secrets.operator.password, operatorLine.split(':')[1]!), route.source).toBe(true);
          }
        }
      }
    }
  });
});
