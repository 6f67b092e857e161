import { describe, expect, it } from 'vitest';
import { labServices, labWorkloads } from '../rendered/index.ts';
import { deployment, service } from '../rendered/test-support/hand-made-objects.ts';
import type { LabRoute } from '../ingress/index.ts';
import { planLayout, siteNames, whyNotRun, type LabCluster } from './lab-layout.ts';

const registry = 'ghcr.io/millwright-platform';

function cluster(name: string, role: 'edge' | 'cloud', apps: readonly { name: string; image: string; component?: string }[], routes: readonly LabRoute[] = []): LabCluster {
  const objects = apps.flatMap((app) => [
    deployment(app.name, [{ name: app.name, image: app.image, ports: [{ name: 'http', containerPort: 8080 }] }], { labels: { 'app.kubernetes.io/name': app.name, 'millwright.io/component': app.component ?? app.name } }),
    service(app.name, { 'app.kubernetes.io/name': app.name }, [{ name: 'http', port: 8080, targetPort: 'http' }]),
  ]);
  const workloads = labWorkloads(objects, {}, { cluster: name });
  return { name, role, workloads, services: labServices(objects, workloads), routes };
}

const route = (host: string, service: string): LabRoute => ({ protocol: 'http', source: `Ingress x/${host}`, host, pathPrefix: '/', pathMatch: 'prefix', namespace: 'millwright-ot', service, port: 8080, upstreamScheme: 'http', tls: true, entrypoints: [], middlewares: [] });

describe('the lab layout', () => {
  const edge = cluster('edge-1', 'edge', [{ name: 'inference-api', image: `${registry}/millwright-inference-api:1` }, { name: 'node-red', image: 'docker.io/nodered/node-red:4' }], [route('api.example.com', 'inference-api')]);
  const cloud = cluster('core', 'cloud', [{ name: 'mlflow', image: 'ghcr.io/mlflow/mlflow:v3' }], [route('mlflow.example.com', 'mlflow')]);

  it('has an edge site in every topology (the plant, where the shop-floor client is) and a pod per runnable workload', () => {
    const hybrid = planLayout([edge, cloud], registry);
    expect(hybrid.sites).toEqual(['edge', 'cloud']);
    expect(hybrid.pods.map((p) => `${p.site}/${p.name}`)).toEqual(['edge/inference-api', 'edge/traefik', 'cloud/mlflow', 'cloud/traefik', 'edge/shop-floor', 'cloud/trainer-job']);
    expect(hybrid.notRun).toEqual([{ cluster: 'edge-1', workload: 'Deployment millwright-ot/node-red', reason: 'no stand-in for docker.io/nodered/node-red on this machine' }]);
    expect(planLayout([cloud], registry).sites).toEqual(['edge', 'cloud']);
    expect(planLayout([edge], registry).pods.find((p) => p.role === 'job')?.site).toBe('edge');
  });

  it("resolves the site's own Services and ingress hosts locally, and the other cluster's ingress hosts to the WAN proxy on the gateway", () => {
    const addresses: Record<string, string> = { 'edge/inference-api': '10.0.1.2', 'edge/traefik': '10.0.1.3', 'cloud/mlflow': '10.0.2.2', 'cloud/traefik': '10.0.2.3' };
    const names = siteNames('edge', [edge, cloud], (site, pod) => addresses[`${site}/${pod}`], '10.0.1.1');
    expect(names['inference-api.millwright-ot.svc.cluster.local']).toBe('10.0.1.2');
    expect(names['inference-api']).toBe('10.0.1.2');
    expect(names['api.example.com']).toBe('10.0.1.3');
    expect(names['mlflow.example.com']).toBe('10.0.1.1');
    expect(names['mlflow.millwright-ot.svc.cluster.local']).toBeUndefined();
  });

  it('does not run suspended CronJobs or batch jobs', () => {
    const [job] = labWorkloads([{ apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'load', namespace: 'x' }, spec: { schedule: '* * * * *', suspend: true, jobTemplate: { spec: { template: { spec: { restartPolicy: 'Never', enableServiceLinks: false, automountServiceAccountToken: false, containers: [{ name: 'k6', image: 'grafana/k6' }] } } } } } }], {}, { cluster: 'c' });
    expect(whyNotRun(job!, registry)).toBe('a suspended CronJob (run on demand)');
  });
});
