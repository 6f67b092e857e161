import { names, type KubeObject } from '@millwright/kube';
import type { IIngressSpec } from 'kubernetes-models/networking.k8s.io/v1';
import type { IServiceSpec } from 'kubernetes-models/v1';
import { dataSources, type DataSources } from '../rendered/data-sources.ts';
import { indexObjects, namespaceOf, type ObjectIndex } from '../rendered/object-index.ts';
import { throwIfProblems } from '../rendered/rendered-objects-error.ts';
import type { SecretValuesByPath } from '../rendered/secret-values.ts';
import type { LabHttpRoute, LabMiddleware, LabRoute, LabTcpRoute } from './lab-route.ts';
import { parseTraefikRule } from './traefik-rule.ts';
import { labMiddleware, middlewareApiVersion, middlewareByReference } from './traefik-middlewares.ts';

export interface LabIngressRoutesOptions {
  /** The cluster the objects were built for: basicAuth Secrets are looked up among the lab's values under it. */
  readonly cluster: string;
}

/** The Traefik Ingress annotations the lab reads; any other `traefik.ingress.kubernetes.io/` annotation is refused. */
const readAnnotations: readonly string[] = [names.annotations.traefikMiddlewares, names.annotations.traefikEntrypoints, names.annotations.traefikTls];
const traefikAnnotationPrefix = 'traefik.ingress.kubernetes.io/';
/** Traefik's per-Service annotation choosing how it talks to the service's pods. */
const serversSchemeAnnotation = 'traefik.ingress.kubernetes.io/service.serversscheme';

interface Context {
  readonly index: ObjectIndex;
  readonly sources: DataSources;
  readonly problems: string[];
  readonly middlewares: Map<string, LabMiddleware | undefined>;
}

function commaList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/**
 * The Service port a backend names (by number or name) and the scheme Traefik uses to reach it:
 * the Service's serversscheme annotation, else https for port 443 or a port named https*. A
 * Service that is not among the objects (one a Helm chart makes) is taken at its word when the
 * port is a number.
 */
function backendPort(namespace: string, service: string, port: number | string, context: Context, where: string): { port: number; scheme: 'http' | 'https' } | undefined {
  const object = context.index.get('Service', namespace, service);
  if (!object) {
    if (typeof port === 'number') return { port, scheme: port === 443 ? 'https' : 'http' };
    context.problems.push(`${where}: port "${port}" of Service ${namespace}/${service} cannot be resolved: the Service is not among the objects`);
    return undefined;
  }
  const spec = (object['spec'] ?? {}) as IServiceSpec;
  const found = (spec.ports ?? []).find((candidate) => (typeof port === 'number' ? candidate.port === port : candidate.name === port));
  if (!found) {
    context.problems.push(`${where}: Service ${namespace}/${service} has no port ${typeof port === 'number' ? port : `named "${port}"`}`);
    return undefined;
  }
  const declared = object.metadata.annotations?.[serversSchemeAnnotation];
  if (declared !== undefined && declared !== 'http' && declared !== 'https') {
    context.problems.push(`${where}: Service ${namespace}/${service} asks for servers scheme ${declared}, which the lab does not support`);
    return undefined;
  }
  const scheme = declared ?? (found.port === 443 || (found.name ?? '').startsWith('https') ? 'https' : 'http');
  return { port: found.port, scheme };
}

/** Resolves a Middleware object once, remembering failures so each is reported once. */
function resolvedMiddleware(object: KubeObject, context: Context): LabMiddleware | undefined {
  const key = `${namespaceOf(object)}/${object.metadata.name}`;
  if (context.middlewares.has(key)) return context.middlewares.get(key);
  const found = labMiddleware(object, context.index, context.sources);
  const middleware = 'middleware' in found ? found.middleware : undefined;
  if ('problems' in found) context.problems.push(...found.problems);
  context.middlewares.set(key, middleware);
  return middleware;
}

function ingressRoutes(ingress: KubeObject, context: Context): LabHttpRoute[] {
  const namespace = namespaceOf(ingress);
  const where = `Ingress ${namespace}/${ingress.metadata.name}`;
  const annotations = ingress.metadata.annotations ?? {};
  const spec = (ingress['spec'] ?? {}) as IIngressSpec;
  const ingressClass = spec.ingressClassName ?? annotations['kubernetes.io/ingress.class'];
  if (ingressClass !== undefined && ingressClass !== names.traefik.ingressClass) {
    context.problems.push(`${where}: ingress class ${ingressClass}, but the clusters run only Traefik (class ${names.traefik.ingressClass})`);
    return [];
  }
  for (const annotation of Object.keys(annotations).filter((key) => key.startsWith(traefikAnnotationPrefix) && !readAnnotations.includes(key))) {
    context.problems.push(`${where}: annotation ${annotation} is not supported by the lab`);
  }
  if (spec.defaultBackend) context.problems.push(`${where}: defaultBackend is not supported by the lab (give each rule a host)`);
  const middlewares = commaList(annotations[names.annotations.traefikMiddlewares]).flatMap((reference) => {
    const found = middlewareByReference(reference, context.index);
    if ('problem' in found) {
      context.problems.push(`${where}: ${found.problem}`);
      return [];
    }
    const middleware = resolvedMiddleware(found.object, context);
    return middleware ? [middleware] : [];
  });
  const tls = annotations[names.annotations.traefikTls] === 'true' || (spec.tls ?? []).length > 0;
  const entrypoints = commaList(annotations[names.annotations.traefikEntrypoints]);
  return (spec.rules ?? []).flatMap((rule) => {
    if (!rule.host) {
      context.problems.push(`${where}: a rule without host is not supported by the lab, which routes by host`);
      return [];
    }
    return (rule.http?.paths ?? []).flatMap((path): LabHttpRoute[] => {
      const service = path.backend.service;
      if (!service) {
        context.problems.push(`${where}: host ${rule.host} path ${path.path ?? '/'} has a resource backend, which the lab does not support`);
        return [];
      }
      const port = backendPort(namespace, service.name, service.port?.number ?? service.port?.name ?? '', context, `${where}, host ${rule.host}`);
      if (!port) return [];
      return [
        {
          protocol: 'http',
          source: where,
          host: rule.host!,
          pathPrefix: path.path ?? '/',
          // Traefik turns Prefix and ImplementationSpecific into PathPrefix, Exact into Path.
          pathMatch: path.pathType === 'Exact' ? 'exact' : 'prefix',
          namespace,
          service: service.name,
          port: port.port,
          upstreamScheme: port.scheme,
          tls,
          entrypoints,
          middlewares,
        },
      ];
    });
  });
}

interface IngressRouteSpec {
  entryPoints?: string[];
  routes?: { match: string; kind?: string; priority?: number; services?: { name: string; namespace?: string; port?: number | string; kind?: string }[]; middlewares?: { name: string; namespace?: string }[] }[];
  tls?: { passthrough?: boolean };
}

function crdRoutes(object: KubeObject, context: Context): LabRoute[] {
  const namespace = namespaceOf(object);
  const where = `${object.kind} ${namespace}/${object.metadata.name}`;
  const spec = (object['spec'] ?? {}) as IngressRouteSpec;
  const tcp = object.kind === 'IngressRouteTCP';
  return (spec.routes ?? []).flatMap((route): LabRoute[] => {
    const parsed = parseTraefikRule(route.match);
    if ('problem' in parsed) {
      context.problems.push(`${where}: ${parsed.problem}`);
      return [];
    }
    if (route.priority !== undefined) context.problems.push(`${where}: route priority is not supported by the lab (it orders by path length, as Traefik does by default)`);
    const services = route.services ?? [];
    const service = services[0];
    if (services.length !== 1 || !service || (service.kind ?? 'Service') !== 'Service') {
      context.problems.push(`${where}: route "${route.match}" must have exactly one service of kind Service for the lab (weighted and TraefikService routing are not supported)`);
      return [];
    }
    const serviceNamespace = service.namespace ?? namespace;
    const port = backendPort(serviceNamespace, service.name, service.port ?? '', context, `${where}, route "${route.match}"`);
    if (!port) return [];
    const base = { source: where, namespace: serviceNamespace, service: service.name, port: port.port, tls: spec.tls !== undefined, entrypoints: spec.entryPoints ?? [] };
    if (tcp) {
      if ((route.middlewares ?? []).length > 0) context.problems.push(`${where}: TCP middlewares are not supported by the lab`);
      return [{ protocol: 'tcp', ...base, hostSni: parsed.rule.host ?? '*', passthrough: spec.tls?.passthrough ?? false } satisfies LabTcpRoute];
    }
    if (parsed.rule.host === undefined) {
      context.problems.push(`${where}: route "${route.match}" has no Host, which the lab routes by`);
      return [];
    }
    const middlewares = (route.middlewares ?? []).flatMap((reference) => {
      const found = context.index.get('Middleware', reference.namespace ?? namespace, reference.name);
      if (!found || found.apiVersion !== middlewareApiVersion) {
        context.problems.push(`${where}: middleware ${reference.namespace ?? namespace}/${reference.name} is not among the objects`);
        return [];
      }
      const middleware = resolvedMiddleware(found, context);
      return middleware ? [middleware] : [];
    });
    return [
      {
        protocol: 'http',
        ...base,
        host: parsed.rule.host,
        pathPrefix: parsed.rule.path?.value ?? '/',
        pathMatch: parsed.rule.path?.match ?? 'prefix',
        upstreamScheme: port.scheme,
        middlewares,
      } satisfies LabHttpRoute,
    ];
  });
}

/**
 * Every route the cluster's Traefik would serve: each networking.k8s.io Ingress (class traefik,
 * with its router.middlewares, router.tls and router.entrypoints annotations) and each
 * traefik.io IngressRoute and IngressRouteTCP, with every Middleware resolved (see
 * `labMiddleware`; basicAuth Secrets from the objects or the lab's values under `options.cluster`).
 * @throws RenderedObjectsError naming every unsupported feature and every reference that does not resolve
 */
export function labIngressRoutes(objects: readonly KubeObject[], secrets: SecretValuesByPath, options: LabIngressRoutesOptions): LabRoute[] {
  const index = indexObjects(objects);
  const context: Context = { index, sources: dataSources(index, secrets, options.cluster), problems: [], middlewares: new Map() };
  const routes = objects.flatMap((object): LabRoute[] => {
    if (object.kind === 'Ingress' && object.apiVersion === 'networking.k8s.io/v1') return ingressRoutes(object, context);
    if ((object.kind === 'IngressRoute' || object.kind === 'IngressRouteTCP') && object.apiVersion === middlewareApiVersion) return crdRoutes(object, context);
    if (object.kind === 'IngressRouteUDP') context.problems.push(`IngressRouteUDP ${namespaceOf(object)}/${object.metadata.name}: UDP routes are not supported by the lab`);
    return [];
  });
  throwIfProblems(context.problems);
  return routes;
}
