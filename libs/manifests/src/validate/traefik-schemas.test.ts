import { describe, expect, it } from 'vitest';
import { validateObject } from '@millwright/manifests';
import type { KubeObject } from '@millwright/platform';

const middleware = (spec: Record<string, unknown>): KubeObject => ({
  apiVersion: 'traefik.io/v1alpha1',
  kind: 'Middleware',
  metadata: { name: 'mlflow-basic-auth', namespace: 'millwright-it' },
  spec,
});

describe('the Traefik Middleware schema', () => {
  it('accepts a basic-auth Middleware reading its users from a Secret', () => {
    expect(validateObject(middleware({ basicAuth: { secret: 'ingress-basic-auth', realm: 'millwright', removeHeader: true } }))).toEqual([]);
  });

  it('reports a misspelt field, which Traefik would ignore and leave the route unguarded', () => {
    expect(validateObject(middleware({ basicAuth: { secret: 'ingress-basic-auth', removeHeaders: true } }))).toEqual([
      'Middleware/millwright-it/mlflow-basic-auth: /spec/basicAuth: unknown field "removeHeaders"',
    ]);
  });

  it('reports a basic-auth Middleware without its Secret', () => {
    expect(validateObject(middleware({ basicAuth: { realm: 'millwright' } }))).toEqual([
      "Middleware/millwright-it/mlflow-basic-auth: /spec/basicAuth: must have required property 'secret'",
    ]);
  });

  it('accepts a StripPrefix Middleware with its prefixes', () => {
    expect(validateObject(middleware({ stripPrefix: { prefixes: ['/api'] } }))).toEqual([]);
  });

  it('reports a misspelt StripPrefix field, which Traefik would ignore and pass /api on to the backend', () => {
    expect(validateObject(middleware({ stripPrefix: { prefix: ['/api'] } }))).toEqual([
      "Middleware/millwright-it/mlflow-basic-auth: /spec/stripPrefix: must have required property 'prefixes'",
      'Middleware/millwright-it/mlflow-basic-auth: /spec/stripPrefix: unknown field "prefix"',
    ]);
  });

  it('reports a StripPrefix prefix that is not a path', () => {
    expect(validateObject(middleware({ stripPrefix: { prefixes: ['api'] } }))).toEqual([
      'Middleware/millwright-it/mlflow-basic-auth: /spec/stripPrefix/prefixes/0: must match pattern "^/"',
    ]);
  });
});

const tcpRoute = (spec: Record<string, unknown>): KubeObject => ({
  apiVersion: 'traefik.io/v1alpha1',
  kind: 'IngressRouteTCP',
  metadata: { name: 'postgres', namespace: 'millwright-it' },
  spec,
});

const postgresRoute = {
  entryPoints: ['websecure'],
  routes: [{ match: 'HostSNI(`postgres.factory.example.com`)', services: [{ name: 'postgres', port: 5432 }] }],
  tls: {},
};

describe('the Traefik IngressRouteTCP schema', () => {
  it('accepts a TLS route by server name to a Service port, with the default or its own certificate', () => {
    expect(validateObject(tcpRoute(postgresRoute))).toEqual([]);
    expect(validateObject(tcpRoute({ ...postgresRoute, tls: { secretName: 'postgres-tls' } }))).toEqual([]);
  });

  it('reports a misspelt field, which Traefik would ignore and listen on every entry point', () => {
    const { entryPoints, ...rest } = postgresRoute;
    expect(validateObject(tcpRoute({ ...rest, entrypoints: entryPoints }))).toEqual([
      "IngressRouteTCP/millwright-it/postgres: /spec: must have required property 'entryPoints'",
      'IngressRouteTCP/millwright-it/postgres: /spec: unknown field "entrypoints"',
    ]);
  });

  it('reports a route without TLS, where Traefik could not read the server name', () => {
    const withoutTls = { entryPoints: postgresRoute.entryPoints, routes: postgresRoute.routes };
    expect(validateObject(tcpRoute(withoutTls))).toEqual(["IngressRouteTCP/millwright-it/postgres: /spec: must have required property 'tls'"]);
  });

  it('reports a rule that is not one HostSNI host', () => {
    const catchAll = { ...postgresRoute, routes: [{ ...postgresRoute.routes[0], match: 'HostSNI(`*`)' }] };
    expect(validateObject(tcpRoute(catchAll))).toEqual([
      'IngressRouteTCP/millwright-it/postgres: /spec/routes/0/match: must match pattern "^HostSNI\\(`[a-z0-9.-]+`\\)$"',
    ]);
  });
});
