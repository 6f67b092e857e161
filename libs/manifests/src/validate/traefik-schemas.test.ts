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
