import { describe, expect, it } from 'vitest';
import { describeObject, type KubeObject } from '@millwright/kube';
import { IngressAuthError, ingressBasicAuthSecret, ingressObjects, ownLoginAllowList } from '../kube/ingress.ts';
import { buildContext } from '../model/build-component.ts';
import { resolvePlatform } from '../config/resolve-platform.ts';
import { allTopologies, sampleConfig, sampleConfigWithOptionals } from '../test-support/index.ts';
import { buildSample, componentNamed, renderedObjects } from '../test-support/rendered-platform.ts';
import { catalogue } from './catalogue.ts';

const middlewaresAnnotation = 'traefik.ingress.kubernetes.io/router.middlewares';
const hostOf = (ingress: KubeObject) => (ingress['spec'] as { rules: { host: string }[] }).rules[0]!.host;
const pathOf = (ingress: KubeObject) => (ingress['spec'] as { rules: { http: { paths: { path: string }[] } }[] }).rules[0]!.http.paths[0]!.path;

describe.each(allTopologies)('the ingresses under %s, optional components on', (topology) => {
  const built = buildSample(topology, { components: sampleConfigWithOptionals(topology).components });
  const objects = built.flatMap(renderedObjects);
  const ingresses = objects.filter((o) => o.kind === 'Ingress');

  it('guard every Ingress: basic auth through a Middleware of its namespace, or a UI of the own-login allow-list', () => {
    expect(ingresses.length).toBeGreaterThan(0);
    for (const ingress of ingresses) {
      const where = describeObject(ingress);
      const auth = ingress.metadata.annotations?.['millwright.io/ingress-auth'];
      if (auth === 'own-login') {
        expect(ownLoginAllowList, where).toContain(hostOf(ingress).split('.')[0]);
        continue;
      }
      expect(auth, where).toBe('basic-auth');
      // The basic auth runs first; a path prefix's StripPrefix may follow it.
      const reference = (ingress.metadata.annotations?.[middlewaresAnnotation] ?? '').split(',')[0];
      const middleware = objects.find(
        (o) => o.kind === 'Middleware' && reference === `${o.metadata.namespace}-${o.metadata.name}@kubernetescrd`,
      );
      expect(middleware?.['spec'], where).toEqual({ basicAuth: { secret: ingressBasicAuthSecret.name, realm: 'millwright', removeHeader: true } });
    }
  });

  it('list the basic-auth Secret as required wherever a Middleware reads it', () => {
    for (const component of built.filter((c) => c.objects.some((o) => o.kind === 'Middleware'))) {
      expect(component.definition.secrets.map((s) => s.name), component.definition.name).toContain(ingressBasicAuthSecret.name);
    }
  });

  it('serve HTTPS only, under <name>.<domain>, through Traefik', () => {
    for (const ingress of ingresses) {
      const path = pathOf(ingress);
      const name = path === '/' ? ingress.metadata.name : ingress.metadata.name.replace(/-[a-z0-9-]+$/, '');
      expect(hostOf(ingress)).toBe(`${name}.factory.example.com`);
      expect(ingress.metadata.annotations?.['traefik.ingress.kubernetes.io/router.entrypoints']).toBe('websecure');
      expect((ingress['spec'] as { ingressClassName: string }).ingressClassName).toBe('traefik');
    }
  });

  it('let Traefik reach the pods behind each Ingress through a NetworkPolicy', () => {
    for (const component of built.filter((c) => c.objects.some((o) => o.kind === 'Ingress'))) {
      const policy = component.objects.find((o) => o.kind === 'NetworkPolicy' && o.metadata.name === `${component.definition.name}-from-ingress`);
      expect(JSON.stringify(policy?.['spec']), component.definition.name).toContain('"kubernetes.io/metadata.name":"kube-system"');
    }
  });
});

describe('the ingress routes', () => {
  const hosts = (topology: (typeof allTopologies)[number]) =>
    buildSample(topology)
      .flatMap(renderedObjects)
      .filter((o) => o.kind === 'Ingress')
      .map((o) => o.metadata.name)
      .sort();

  it('expose every UI of a hybrid platform', () => {
    expect(hosts('hybrid')).toEqual(
      ['airflow', 'api', 'argo-workflows', 'grafana', 'inference-api', 'kube-prometheus-stack', 'loki', 'mlflow', 'node-red', 'prometheus', 'ui'].sort(),
    );
  });

  it('leave out the receivers only edge clusters of a hybrid platform push to', () => {
    expect(hosts('cloud-only')).not.toContain('loki');
    expect(hosts('cloud-only')).not.toContain('kube-prometheus-stack');
  });

  it('request no certificate by default', () => {
    const ingress = componentNamed(buildSample('hybrid'), 'mlflow').objects.find((o) => o.kind === 'Ingress')!;
    expect(ingress.metadata.annotations?.['cert-manager.io/cluster-issuer']).toBeUndefined();
    expect((ingress['spec'] as { tls?: unknown }).tls).toBeUndefined();
  });

  it("request a cert-manager certificate from the config's ClusterIssuer when one is named", () => {
    const ingress = componentNamed(buildSample('hybrid', { ingress: { clusterIssuer: 'letsencrypt-prod' } }), 'mlflow').objects.find((o) => o.kind === 'Ingress')!;
    expect(ingress.metadata.annotations?.['cert-manager.io/cluster-issuer']).toBe('letsencrypt-prod');
    expect((ingress['spec'] as { tls: unknown }).tls).toEqual([{ hosts: ['mlflow.factory.example.com'], secretName: 'mlflow-tls' }]);
  });

  it('refuse a UI outside the allow-list that would rely on its own login', () => {
    const platform = resolvePlatform(sampleConfig('hybrid'), catalogue);
    const mlflow = catalogue.find((c) => c.name === 'mlflow')!;
    const unguarded = { ...mlflow, ingress: [{ ...mlflow.ingress![0]!, auth: 'own-login' as const }] };
    expect(() => ingressObjects(buildContext(platform, catalogue, unguarded), unguarded)).toThrow(IngressAuthError);
    expect(() => ingressObjects(buildContext(platform, catalogue, unguarded), unguarded)).toThrow(
      "component mlflow: ingress route mlflow uses its own login, which only grafana, airflow may; use auth: 'basic-auth'",
    );
  });
});

describe("the inference API under the UI's host", () => {
  const uiApiIngress = (topology: (typeof allTopologies)[number]) =>
    componentNamed(buildSample(topology), 'inference-api').objects.find((o) => o.kind === 'Ingress' && o.metadata.name === 'ui-api');

  it.each(['edge-only', 'cloud-only'] as const)('routes https://ui.<domain>/api to the inference API behind the same basic auth (%s)', (topology) => {
    const ingress = uiApiIngress(topology)!;
    expect(hostOf(ingress)).toBe('ui.factory.example.com');
    expect((ingress['spec'] as { rules: { http: unknown }[] }).rules[0]!.http).toEqual({
      paths: [{ path: '/api', pathType: 'Prefix', backend: { service: { name: 'inference-api', port: { number: 8080 } } } }],
    });
    expect(ingress.metadata.annotations?.[middlewaresAnnotation]).toBe(
      'millwright-ot-inference-api-basic-auth@kubernetescrd,millwright-ot-inference-api-strip-api@kubernetescrd',
    );
  });

  it('strips /api before the request reaches the API, so /api/predict arrives as /predict', () => {
    const strip = componentNamed(buildSample('cloud-only'), 'inference-api').objects.find((o) => o.kind === 'Middleware' && o.metadata.name === 'inference-api-strip-api');
    expect(strip?.['spec']).toEqual({ stripPrefix: { prefixes: ['/api'] } });
  });

  it('keeps api.<domain> for machine clients', () => {
    const names = componentNamed(buildSample('cloud-only'), 'inference-api').objects.filter((o) => o.kind === 'Ingress').map((o) => o.metadata.name);
    expect(names.sort()).toEqual(['api', 'inference-api', 'ui-api']);
  });

  it('is left out in hybrid, where the UI runs in the cloud and the API on the edge', () => {
    expect(uiApiIngress('hybrid')).toBeUndefined();
  });

  it('refuses a path prefix the Ingress and StripPrefix would read differently', () => {
    const platform = resolvePlatform(sampleConfig('cloud-only'), catalogue);
    const api = catalogue.find((c) => c.name === 'inference-api')!;
    const odd = { ...api, ingress: [{ ...api.ingress![0]!, pathPrefix: '/api/' }] };
    expect(() => ingressObjects(buildContext(platform, catalogue, odd), odd)).toThrow(
      'component inference-api: ingress route api has path prefix "/api/"; use lowercase path segments such as "/api"',
    );
  });
});
