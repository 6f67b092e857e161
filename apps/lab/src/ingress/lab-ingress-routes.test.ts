import { createHash } from 'node:crypto';
import type { KubeObject } from '@millwright/kube';
import { describe, expect, it } from 'vitest';
import { RenderedObjectsError } from '../rendered/rendered-objects-error.ts';
import { secretPath, type SecretValuesByPath } from '../rendered/secret-values.ts';
import { namespace, renderedSecret, service } from '../rendered/test-support/hand-made-objects.ts';
import { labIngressRoutes } from './lab-ingress-routes.ts';

const cluster = 'edge-1';
const secrets: SecretValuesByPath = {
  [secretPath(cluster, namespace, 'ingress-basic-auth')]: { users: 'alice:$2y$10$abc\n\nbob:$2y$10$def' },
  [secretPath(cluster, namespace, 'two-keys')]: { users: 'alice:x', auth: 'alice:x' },
};

function middleware(name: string, spec: Record<string, unknown>): KubeObject {
  return { apiVersion: 'traefik.io/v1alpha1', kind: 'Middleware', metadata: { name, namespace }, spec };
}

function ingress(name: string, annotations: Record<string, string>, spec: Record<string, unknown>): KubeObject {
  return { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name, namespace, annotations }, spec: { ingressClassName: 'traefik', ...spec } };
}

const rule = (host: string, paths: readonly Record<string, unknown>[]) => ({ host, http: { paths } });
const path = (value: string, pathType: string, port: Record<string, unknown>, serviceName = 'app') => ({ path: value, pathType, backend: { service: { name: serviceName, port } } });
const basicAuth = middleware('app-basic-auth', { basicAuth: { secret: 'ingress-basic-auth', realm: 'millwright', removeHeader: true } });
const headers = middleware('app-headers', { headers: { customRequestHeaders: { 'X-Lab': 'yes', 'X-Drop': '' }, customResponseHeaders: { Server: '' } } });
const appService = service('app', { app: 'app' }, [
  { name: 'http', port: 8080, targetPort: 'http' },
  { name: 'https-api', port: 8443 },
]);
const annotations = {
  'traefik.ingress.kubernetes.io/router.middlewares': 'millwright-ot-app-basic-auth@kubernetescrd, millwright-ot-app-headers@kubernetescrd',
  'traefik.ingress.kubernetes.io/router.entrypoints': 'websecure',
  'traefik.ingress.kubernetes.io/router.tls': 'true',
};

function problemsOf(objects: readonly KubeObject[]): readonly string[] {
  try {
    labIngressRoutes(objects, secrets, { cluster });
  } catch (error) {
    if (error instanceof RenderedObjectsError) return error.problems;
    throw error;
  }
  throw new Error('expected a RenderedObjectsError');
}

describe('labIngressRoutes from Ingresses', () => {
  const app = ingress('app', annotations, { rules: [rule('app.example.test', [path('/', 'Prefix', { number: 8080 }), path('/status', 'Exact', { name: 'http' }), path('/secure', 'ImplementationSpecific', { name: 'https-api' })])] });
  const routes = labIngressRoutes([app, appService, basicAuth, headers], secrets, { cluster });

  it('routes each host and path to its Service port, with TLS and entry points from the annotations', () => {
    expect(routes.map((route) => route.protocol === 'http' && [route.host, route.pathPrefix, route.pathMatch, route.service, route.port, route.upstreamScheme, route.tls, route.entrypoints])).toEqual([
      ['app.example.test', '/', 'prefix', 'app', 8080, 'http', true, ['websecure']],
      ['app.example.test', '/status', 'exact', 'app', 8080, 'http', true, ['websecure']],
      ['app.example.test', '/secure', 'prefix', 'app', 8443, 'https', true, ['websecure']],
    ]);
    expect(routes[0]!.source).toBe('Ingress millwright-ot/app');
  });

  it('resolves the middlewares in annotation order: basic auth with the lines of its Secret, custom headers', () => {
    expect(routes[0]!.protocol === 'http' && routes[0]!.middlewares).toEqual([
      { kind: 'basicAuth', namespace, name: 'app-basic-auth', users: ['alice:$2y$10$abc', 'bob:$2y$10$def'], realm: 'millwright', removeHeader: true },
      { kind: 'headers', namespace, name: 'app-headers', requestHeaders: { 'X-Lab': 'yes', 'X-Drop': '' }, responseHeaders: { Server: '' } },
    ]);
  });

  it("reads a kubernetes.io/basic-auth Secret's username and password as a {SHA} line, as Traefik does", () => {
    const typed = renderedSecret('typed', { username: 'carol', password: 'pw' }, { type: 'kubernetes.io/basic-auth' });
    const auth = middleware('typed-auth', { basicAuth: { secret: 'typed' } });
    const [route] = labIngressRoutes([ingress('x', { 'traefik.ingress.kubernetes.io/router.middlewares': 'millwright-ot-typed-auth@kubernetescrd' }, { rules: [rule('x.test', [path('/', 'Prefix', { number: 80 }, 'other')])] }), typed, auth], secrets, { cluster });
    const sha = createHash('sha1').update('pw').digest('base64');
    expect(route!.protocol === 'http' && route!.middlewares[0]).toMatchObject({ users: [`carol:{SHA}${sha}`], realm: 'traefik', removeHeader: false });
  });

  it('reports every middleware it cannot apply, by name, and every reference that does not resolve', () => {
    const strip = middleware('app-strip', { stripPrefix: { prefixes: ['/api'], forceSlash: true } });
    const cors = middleware('app-cors', { headers: { accessControlAllowOriginList: ['*'] } });
    const twoKeys = middleware('app-two-keys', { basicAuth: { secret: 'two-keys' } });
    const missingSecret = middleware('app-no-secret', { basicAuth: { secret: 'absent' } });
    const references = ['app-strip', 'app-cors', 'app-two-keys', 'app-no-secret', 'app-missing'].map((name) => `millwright-ot-${name}@kubernetescrd`);
    const broken = ingress('broken', { 'traefik.ingress.kubernetes.io/router.middlewares': [...references, 'millwright-ot-app-headers@file'].join(',') }, { rules: [rule('b.test', [path('/', 'Prefix', { number: 8080 })])] });
    expect(problemsOf([broken, appService, strip, cors, twoKeys, missingSecret, headers])).toEqual([
      'Middleware millwright-ot/app-strip: stripPrefix field(s) forceSlash are not supported by the lab (only prefixes)',
      'Middleware millwright-ot/app-cors: headers field(s) accessControlAllowOriginList are not supported by the lab (only customRequestHeaders, customResponseHeaders)',
      "Middleware millwright-ot/app-two-keys: Secret millwright-ot/two-keys has 2 keys (users, auth); Traefik's basicAuth needs exactly one and refuses the Middleware otherwise",
      "Middleware millwright-ot/app-no-secret: Secret millwright-ot/absent does not exist (neither rendered nor among the lab's Secret values)",
      'Ingress millwright-ot/broken: middleware reference "millwright-ot-app-missing@kubernetescrd" names no traefik.io/v1alpha1 Middleware among the objects',
      'Ingress millwright-ot/broken: middleware reference "millwright-ot-app-headers@file" is not of the form <namespace>-<name>@kubernetescrd, the only provider the lab reads',
    ]);
  });

  it('refuses another ingress class, a rule without host, a named port of an unknown Service and Traefik annotations it does not read', () => {
    const otherClass = { ...ingress('nginx', {}, { rules: [rule('n.test', [path('/', 'Prefix', { number: 80 })])] }), spec: { ingressClassName: 'nginx', rules: [] } };
    const hostless = ingress('hostless', { 'traefik.ingress.kubernetes.io/router.priority': '10' }, { rules: [{ http: { paths: [path('/', 'Prefix', { number: 80 })] } }, rule('h.test', [path('/', 'Prefix', { name: 'web' }, 'absent')])] });
    expect(problemsOf([otherClass, hostless])).toEqual([
      'Ingress millwright-ot/nginx: ingress class nginx, but the clusters run only Traefik (class traefik)',
      'Ingress millwright-ot/hostless: annotation traefik.ingress.kubernetes.io/router.priority is not supported by the lab',
      'Ingress millwright-ot/hostless: a rule without host is not supported by the lab, which routes by host',
      'Ingress millwright-ot/hostless, host h.test: port "web" of Service millwright-ot/absent cannot be resolved: the Service is not among the objects',
    ]);
  });

  it('takes a Service that is not among the objects (a chart makes it) at its word when the port is a number', () => {
    const chart = ingress('grafana', {}, { rules: [rule('grafana.test', [path('/', 'Prefix', { number: 80 }, 'kube-prometheus-stack-grafana')])] });
    const [route] = labIngressRoutes([chart], secrets, { cluster });
    expect(route).toMatchObject({ service: 'kube-prometheus-stack-grafana', port: 80, tls: false, entrypoints: [], middlewares: [] });
  });
});

describe('labIngressRoutes from Traefik IngressRoutes', () => {
  const ingressRoute: KubeObject = {
    apiVersion: 'traefik.io/v1alpha1',
    kind: 'IngressRoute',
    metadata: { name: 'app', namespace },
    spec: {
      entryPoints: ['websecure'],
      routes: [{ kind: 'Rule', match: 'Host(`app.example.test`) && PathPrefix(`/api`)', services: [{ name: 'app', port: 'http' }], middlewares: [{ name: 'app-basic-auth' }] }],
      tls: {},
    },
  };
  const tcpRoute: KubeObject = {
    apiVersion: 'traefik.io/v1alpha1',
    kind: 'IngressRouteTCP',
    metadata: { name: 'db', namespace },
    spec: { entryPoints: ['websecure'], routes: [{ match: 'HostSNI(`db.example.test`)', services: [{ name: 'db', port: 5432 }] }], tls: { passthrough: true } },
  };

  it('parses Host and PathPrefix rules and resolves middlewares by name in the route namespace', () => {
    const [route] = labIngressRoutes([ingressRoute, appService, basicAuth], secrets, { cluster });
    expect(route).toMatchObject({ protocol: 'http', source: 'IngressRoute millwright-ot/app', host: 'app.example.test', pathPrefix: '/api', pathMatch: 'prefix', service: 'app', port: 8080, tls: true, entrypoints: ['websecure'] });
    expect(route!.protocol === 'http' && route!.middlewares.map((found) => found.name)).toEqual(['app-basic-auth']);
  });

  it('turns an IngressRouteTCP into a TCP route by server name', () => {
    const [route] = labIngressRoutes([tcpRoute], secrets, { cluster });
    expect(route).toEqual({ protocol: 'tcp', source: 'IngressRouteTCP millwright-ot/db', hostSni: 'db.example.test', namespace, service: 'db', port: 5432, tls: true, passthrough: true, entrypoints: ['websecure'] });
  });

  it('refuses rules it cannot imitate and weighted services', () => {
    const complex: KubeObject = {
      ...ingressRoute,
      spec: {
        routes: [
          { match: 'Host(`a.test`) || Host(`b.test`)', services: [{ name: 'app', port: 8080 }] },
          { match: 'Host(`c.test`)', services: [{ name: 'app', port: 8080 }, { name: 'app', port: 8443 }] },
        ],
      },
    };
    expect(problemsOf([complex, appService])).toEqual([
      'IngressRoute millwright-ot/app: rule "Host(`a.test`) || Host(`b.test`)": the lab understands only Host, HostSNI, PathPrefix and Path joined by &&, not "Host(`a.test`) || Host(`b.test`)"',
      'IngressRoute millwright-ot/app: route "Host(`c.test`)" must have exactly one service of kind Service for the lab (weighted and TraefikService routing are not supported)',
    ]);
  });
});
