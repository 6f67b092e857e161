import type { KubeObject } from '@millwright/kube';
import { describe, expect, it } from 'vitest';
import { labServices } from './lab-services.ts';
import { labWorkloads } from './lab-workloads.ts';
import { deployment, namespace, service } from './test-support/hand-made-objects.ts';

const api = deployment('api', [{ name: 'api', image: 'api:1', ports: [{ name: 'http', containerPort: 8080 }, { name: 'metrics', containerPort: 9100 }] }], { labels: { app: 'api', tier: 'web' } });
const worker = deployment('worker', [{ name: 'worker', image: 'worker:1', ports: [{ name: 'http', containerPort: 8081 }] }], { labels: { app: 'worker', tier: 'web' } });
const elsewhere: KubeObject = { ...deployment('api', [{ name: 'api', image: 'api:1' }], { labels: { app: 'api', tier: 'web' } }), metadata: { name: 'api', namespace: 'other' } };
const objects = [api, worker, elsewhere];
const workloads = labWorkloads(objects, {}, { cluster: 'edge-1' });

function servicesOf(...services: KubeObject[]) {
  return labServices([...objects, ...services], workloads);
}

describe('labServices', () => {
  it('names a Service the four ways a pod can resolve it', () => {
    const [api] = servicesOf(service('api', { app: 'api' }, [{ port: 80, targetPort: 'http' }]));
    expect(api!.dnsNames).toEqual(['api', 'api.millwright-ot', 'api.millwright-ot.svc', 'api.millwright-ot.svc.cluster.local']);
  });

  it('selects the one workload of its namespace whose pod labels match, and resolves named target ports through its containers', () => {
    const [api] = servicesOf(
      service('api', { app: 'api' }, [
        { name: 'http', port: 80, targetPort: 'http' },
        { name: 'metrics', port: 9100, targetPort: 9100 },
        { name: 'same', port: 8080 },
      ]),
    );
    expect(api).toMatchObject({ namespace, name: 'api', headless: false, workload: { kind: 'Deployment', namespace, name: 'api' }, problems: [] });
    expect(api!.ports).toEqual([
      { name: 'http', port: 80, protocol: 'TCP', targetPort: 8080 },
      { name: 'metrics', port: 9100, protocol: 'TCP', targetPort: 9100 },
      { name: 'same', port: 8080, protocol: 'TCP', targetPort: 8080 },
    ]);
  });

  it('reports a Service that selects several workloads or none', () => {
    const [both, none] = servicesOf(service('web', { tier: 'web' }, [{ port: 80 }]), service('ghost', { app: 'ghost' }, [{ port: 80 }]));
    expect(both!.workload).toBeUndefined();
    expect(both!.problems).toEqual(['selects 2 workloads: Deployment millwright-ot/api, Deployment millwright-ot/worker']);
    expect(none!.problems).toEqual(['selects no workload of namespace millwright-ot (selector {"app":"ghost"})']);
  });

  it('reports a target port no container names, a Service without selector and an ExternalName', () => {
    const [wrongPort, manual, external] = servicesOf(
      service('api', { app: 'api' }, [{ port: 80, targetPort: 'grpc' }]),
      service('manual', {}, [{ port: 80 }]),
      service('external', {}, [{ port: 80 }], { type: 'ExternalName', externalName: 'db.example.com' }),
    );
    expect(wrongPort!.problems).toEqual(['port 80 targets "grpc", which no container of Deployment millwright-ot/api names']);
    expect(manual!.problems).toEqual(['has no selector, so its endpoints are managed by hand, which the lab does not do']);
    expect(external!.problems).toEqual(['type ExternalName (db.example.com) is not supported by the lab']);
  });

  it('marks a headless Service', () => {
    const [headless] = servicesOf(service('api', { app: 'api' }, [{ port: 80, targetPort: 'http' }], { clusterIP: 'None' }));
    expect(headless!.headless).toBe(true);
  });
});
