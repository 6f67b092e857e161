import { describe, expect, it } from 'vitest';
import { describeObject, type KubeObject } from '@millwright/kube';
import { ingressObjects } from '../kube/ingress.ts';
import { activeTcpRoute } from '../kube/tcp-ingress.ts';
import { buildContext, componentNamespace } from '../model/build-component.ts';
import { resolvePlatform } from '../config/resolve-platform.ts';
import type { Topology } from '../model/types.ts';
import { sampleConfig } from '../test-support/index.ts';
import { buildSample, componentNamed, containersOf, renderedObjects } from '../test-support/rendered-platform.ts';
import { catalogue } from './catalogue.ts';

const tcpRoutesOf = (topology: Topology) => buildSample(topology).flatMap(renderedObjects).filter((o) => o.kind === 'IngressRouteTCP');
const postgresObjects = (topology: Topology, changes: Parameters<typeof buildSample>[1] = {}) => componentNamed(buildSample(topology, changes), 'postgres').objects;
const namedObject = (objects: readonly KubeObject[], kind: string, name: string) => objects.find((o) => o.kind === kind && o.metadata.name === name);

interface TcpRouteSpec {
  entryPoints: string[];
  routes: { match: string; services: { name: string; port: number }[] }[];
  tls: { secretName?: string };
}

/** The host of `HostSNI(\`<host>\`)`, the route's only rule. */
function sniHost(route: KubeObject): string {
  const match = (route['spec'] as TcpRouteSpec).routes[0]!.match;
  const host = /^HostSNI\(`([^`]+)`\)$/.exec(match)?.[1];
  if (!host) throw new Error(`${describeObject(route)}: match ${match} is not one HostSNI rule`);
  return host;
}

/** The DATABASE_URL an app's container is given, parsed (`$(VAR)`, the password Kubernetes expands, is valid userinfo). */
function databaseUrlOf(topology: Topology, app: string): URL {
  const deployment = componentNamed(buildSample(topology), app).objects.find((o) => o.kind === 'Deployment')!;
  const value = containersOf(deployment)
    .flatMap((c) => c.env ?? [])
    .find((e) => e.name === 'DATABASE_URL')?.value;
  if (!value) throw new Error(`${app} has no DATABASE_URL under ${topology}`);
  return new URL(value);
}

describe('the cloud PostgreSQL in hybrid, where the edge apps reach it across clusters', () => {
  it("routes postgres.<domain> on Traefik's HTTPS entry point to the postgres Service, terminating TLS", () => {
    const route = namedObject(postgresObjects('hybrid'), 'IngressRouteTCP', 'postgres');
    expect(route?.apiVersion).toBe('traefik.io/v1alpha1');
    expect(route?.metadata.namespace).toBe('millwright-it');
    expect(route?.['spec']).toEqual({
      entryPoints: ['websecure'],
      routes: [{ match: 'HostSNI(`postgres.factory.example.com`)', services: [{ name: 'postgres', port: 5432 }] }],
      tls: {},
    });
  });

  it.each(['edge-gateway', 'inference-api'])('serves the very host and port that the DATABASE_URL of %s names, over TLS', (app) => {
    const url = databaseUrlOf('hybrid', app);
    const route = namedObject(postgresObjects('hybrid'), 'IngressRouteTCP', 'postgres')!;
    expect(url.hostname).toBe(sniHost(route));
    // websecure is Traefik's port 443; the client must start TLS, which the TLS router requires.
    expect(url.port).toBe('443');
    expect(url.searchParams.get('sslmode')).toBe('require');
  });

  it('admits Traefik to the PostgreSQL pods on 5432, selected as every *-from-ingress policy selects it', () => {
    const objects = postgresObjects('hybrid');
    const policy = namedObject(objects, 'NetworkPolicy', 'postgres-from-ingress')!;
    const mlflowPolicy = namedObject(componentNamed(buildSample('hybrid'), 'mlflow').objects, 'NetworkPolicy', 'mlflow-from-ingress')!;
    const ingressRule = (p: KubeObject) => (p['spec'] as { ingress: { from: unknown[]; ports: unknown[] }[] }).ingress;
    expect(policy['spec']).toMatchObject({ podSelector: { matchLabels: { 'millwright.io/component': 'postgres' } }, policyTypes: ['Ingress'] });
    expect(ingressRule(policy)).toEqual([{ from: ingressRule(mlflowPolicy)[0]!.from, ports: [{ protocol: 'TCP', port: 5432 }] }]);
  });

  it('finds exactly the edge apps as the clients on another cluster', () => {
    const platform = resolvePlatform(sampleConfig('hybrid'), catalogue);
    const postgres = catalogue.find((c) => c.name === 'postgres')!;
    const graph = { platform, catalogue, namespaceOf: (c: (typeof catalogue)[number]) => componentNamespace(platform, c) };
    expect(activeTcpRoute(graph, postgres)?.clients).toEqual(['inference-api', 'edge-gateway']);
  });

  it('requests no certificate by default: Traefik serves its default one, as for the Ingresses', () => {
    expect(postgresObjects('hybrid').filter((o) => o.kind === 'Certificate')).toEqual([]);
  });

  it("asks cert-manager for the host's certificate from the config's ClusterIssuer and serves it", () => {
    const objects = postgresObjects('hybrid', { ingress: { clusterIssuer: 'letsencrypt-prod' } });
    const route = namedObject(objects, 'IngressRouteTCP', 'postgres')!;
    const certificate = namedObject(objects, 'Certificate', 'postgres-tls');
    expect(certificate?.apiVersion).toBe('cert-manager.io/v1');
    expect(certificate?.['spec']).toEqual({
      secretName: 'postgres-tls',
      dnsNames: [sniHost(route)],
      issuerRef: { group: 'cert-manager.io', kind: 'ClusterIssuer', name: 'letsencrypt-prod' },
    });
    expect((route['spec'] as TcpRouteSpec).tls).toEqual({ secretName: 'postgres-tls' });
  });
});

describe.each(['edge-only', 'cloud-only'] as const)('PostgreSQL under %s, where every client runs beside it', (topology) => {
  it('is reached in the cluster, not through the ingress', () => {
    expect(databaseUrlOf(topology, 'edge-gateway').hostname).toBe('postgres.millwright-it.svc.cluster.local');
  });

  it('renders no TCP route and lets no ingress controller reach it', () => {
    expect(tcpRoutesOf(topology)).toEqual([]);
    expect(namedObject(postgresObjects(topology), 'NetworkPolicy', 'postgres-from-ingress')).toBeUndefined();
  });
});

describe('a TCP route', () => {
  const platform = resolvePlatform(sampleConfig('hybrid'), catalogue);
  const postgres = catalogue.find((c) => c.name === 'postgres')!;
  const graph = { platform, catalogue, namespaceOf: (c: (typeof catalogue)[number]) => componentNamespace(platform, c) };

  it('is refused beside an HTTP route on the same host, which Traefik would hand to the TCP route', () => {
    const both = { ...postgres, ingress: [{ host: 'postgres', service: 'postgres', servicePort: 5432, podPort: 5432, auth: 'basic-auth' as const }] };
    expect(() => ingressObjects(buildContext(platform, catalogue, both), both, activeTcpRoute(graph, both))).toThrow(
      'component postgres: ingress route postgres and the TCP route share postgres.factory.example.com, where Traefik would send HTTPS to the TCP route; give the HTTP route another host',
    );
  });

  it('is refused when it names a port the component does not serve', () => {
    const wrong = { ...postgres, tcpIngress: { port: 'pg', service: 'postgres', podPort: 5432 } };
    expect(() => activeTcpRoute(graph, wrong)).toThrow('component postgres: tcpIngress names port "pg", which postgres does not serve');
  });
});
