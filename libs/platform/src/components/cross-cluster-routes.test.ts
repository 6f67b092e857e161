import { describe, expect, it } from 'vitest';
import type { KubeObject } from '@millwright/kube';
import { buildPlatform } from '../model/build-component.ts';
import { resolvePlatform } from '../config/resolve-platform.ts';
import type { BuildContext, ComponentDefinition, Endpoint } from '../model/types.ts';
import { allTopologies, sampleConfigWithOptionals } from '../test-support/index.ts';
import { catalogue } from './catalogue.ts';

/** One resolved address a component was given for another component on another cluster. */
interface RemoteUse {
  readonly client: string;
  readonly target: string;
  readonly port: string;
  readonly endpoint: Endpoint;
}

/**
 * The catalogue with every definition's context wrapped so that each `endpoint` call that
 * resolves across clusters is recorded, wherever the definition asks: objects, per-cluster
 * objects, chart values and route conditions.
 */
function recordingRemoteUses(uses: RemoteUse[]): ComponentDefinition[] {
  return catalogue.map((definition) => {
    const recording = (context: BuildContext): BuildContext => ({
      ...context,
      endpoint: (target, port) => {
        const endpoint = context.endpoint(target, port);
        if (endpoint.remote) uses.push({ client: definition.name, target, port, endpoint });
        return endpoint;
      },
    });
    const { buildForCluster, helm, ingress } = definition;
    return {
      ...definition,
      build: (context) => definition.build(recording(context)),
      ...(buildForCluster && { buildForCluster: (context, cluster) => buildForCluster(recording(context), cluster) }),
      ...(helm && { helm: { ...helm, values: (context, cluster) => helm.values(recording(context), cluster) } }),
      ...(ingress && { ingress: ingress.map((route) => ({ ...route, ...(route.when && { when: (context: BuildContext) => route.when!(recording(context)) }) })) }),
    };
  });
}

/** The hosts an object serves through Traefik, each with the Service port it ends at. */
function servedHosts(object: KubeObject): { host: string; servicePort: number }[] {
  if (object.kind === 'Ingress') {
    const rules = (object['spec'] as { rules: { host: string; http: { paths: { backend: { service: { port: { number: number } } } }[] } }[] }).rules;
    return rules.flatMap((rule) => rule.http.paths.map((path) => ({ host: rule.host, servicePort: path.backend.service.port.number })));
  }
  if (object.kind === 'IngressRouteTCP') {
    const routes = (object['spec'] as { routes: { match: string; services: { port: number }[] }[] }).routes;
    return routes.flatMap((route) => route.services.map((service) => ({ host: /HostSNI\(`([^`]+)`\)/.exec(route.match)?.[1] ?? '', servicePort: service.port })));
  }
  return [];
}

describe.each(allTopologies)('every address across clusters under %s, optional components on', (topology) => {
  const uses: RemoteUse[] = [];
  const recorded = recordingRemoteUses(uses);
  const built = buildPlatform(resolvePlatform(sampleConfigWithOptionals(topology), recorded), recorded);

  it("is served by a route of the target, on the target's cluster, for its host and the port asked for", () => {
    for (const use of uses) {
      const target = built.find((component) => component.definition.name === use.target)!;
      const port = target.definition.ports.find((p) => p.name === use.port)!.port;
      const served = target.objects.flatMap(servedHosts);
      expect(served, `${use.client} reaches ${use.target} port ${use.port} at ${use.endpoint.host}:${use.endpoint.port}`).toContainEqual({
        host: use.endpoint.host,
        servicePort: port,
      });
    }
  });

  it(topology === 'hybrid' ? 'includes the edge apps writing to the cloud PostgreSQL' : 'does not occur: every component runs on the one role', () => {
    const postgresClients = uses.filter((use) => use.target === 'postgres').map((use) => use.client);
    expect([...new Set(postgresClients)].sort()).toEqual(topology === 'hybrid' ? ['edge-gateway', 'inference-api'] : []);
    if (topology !== 'hybrid') expect(uses).toEqual([]);
  });
});
