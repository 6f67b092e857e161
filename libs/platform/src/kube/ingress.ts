import { Ingress } from 'kubernetes-models/networking.k8s.io/v1';
import { names } from '../model/names.ts';
import type { BuildContext, ComponentDefinition, IngressRoute, SecretRequirement } from '../model/types.ts';
import { fromIngressController, routeLabels, traefikSecureEntryPoint } from './ingress-controller.ts';
import type { KubeObject } from './kube-object.ts';
import { tcpIngressObjects, type ActiveTcpRoute } from './tcp-ingress.ts';

/**
 * The UIs that may rely on their own login instead of the ingress's basic auth: each has a real
 * user database (Grafana's admin login from a Secret, Airflow's auth manager). Every other route
 * is refused at build time unless it uses basic auth.
 */
export const ownLoginAllowList: readonly string[] = ['grafana', 'airflow'];

/**
 * The Secret Traefik's basic-auth Middleware reads in each namespace that has a basic-auth
 * route: key `users`, htpasswd lines (`htpasswd -nbB <user> <password>`), never rendered.
 */
export const ingressBasicAuthSecret: SecretRequirement = {
  name: 'ingress-basic-auth',
  keys: ['users'],
  description: 'htpasswd lines (bcrypt) of the people, and of the edge clusters in hybrid, allowed through the ingress basic auth',
};

/**
 * A client on another cluster that passes a basic-auth route, only in hybrid: the client's
 * Secret holds `username` and `password`, and the server namespace's `ingress-basic-auth` gets
 * the matching htpasswd line. The secrets script generates both from the same shared values
 * (see `SecretRequirement.htpasswd`), so no credential is ever written by hand or rendered.
 */
export interface CrossClusterClient {
  /** The client's Secret name. */
  readonly secret: string;
  readonly userShared: string;
  readonly passwordShared: string;
  /** The client side: `username` and `password`. */
  readonly clientSecret: SecretRequirement;
  /** The server side: the client's htpasswd line in the route's namespace. */
  readonly serverSecret: SecretRequirement;
}

function crossClusterClient(options: { secret: string; userShared: string; passwordShared: string; description: string }): CrossClusterClient {
  const { secret, userShared, passwordShared, description } = options;
  return {
    secret,
    userShared,
    passwordShared,
    clientSecret: { name: secret, keys: ['username', 'password'], description, shared: { username: userShared, password: passwordShared }, topologies: ['hybrid'] },
    serverSecret: { ...ingressBasicAuthSecret, htpasswd: { users: { userShared, passwordShared } }, topologies: ['hybrid'] },
  };
}

/** The edge inference API (and the pipelines there) at the cloud MLflow's ingress. */
export const edgeMlflowClient = crossClusterClient({
  secret: 'mlflow-client-credentials',
  userShared: 'mlflow-edge-user',
  passwordShared: 'mlflow-edge-password',
  description: "the edge clusters' user and password at the cloud MLflow's ingress basic auth",
});

/** The client Secret of {@link edgeMlflowClient}: `username` and `password`, only in hybrid. */
export const edgeMlflowClientSecret = edgeMlflowClient.clientSecret;

/** The server side: the edge clusters' htpasswd line in MLflow's namespace, only in hybrid. */
export const edgeMlflowBasicAuthSecret = edgeMlflowClient.serverSecret;

/**
 * The cloud operator UI's nginx at the edge inference API's ingress: it proxies the browser's
 * `ui.<domain>/api` there, adding these credentials server-side, so the browser never makes a
 * cross-origin call (whose CORS preflight basic auth would refuse) and never sees them.
 */
export const uiApiClient = crossClusterClient({
  secret: 'ui-api-client-credentials',
  userShared: 'ui-api-user',
  passwordShared: 'ui-api-password',
  description: "the cloud operator UI's user and password at the edge inference API's ingress basic auth",
});

/** A route whose auth is not allowed: `own-login` for a UI outside the allow-list. */
export class IngressAuthError extends Error {
  constructor(component: string, route: IngressRoute) {
    super(
      `component ${component}: ingress route ${route.host} uses its own login, which only ${ownLoginAllowList.join(', ')} may; use auth: 'basic-auth'`,
    );
    this.name = 'IngressAuthError';
  }
}

/** `<host>.<domain>`. */
export function routeHost(context: BuildContext, route: IngressRoute): string {
  return `${route.host}.${context.platform.domain}`;
}

/** The routes a component serves under this platform (`when` applied). */
export function activeRoutes(context: BuildContext, definition: ComponentDefinition): readonly IngressRoute[] {
  return (definition.ingress ?? []).filter((route) => route.when?.(context) ?? true);
}

/** `<namespace>-<name>@kubernetescrd`: how a Traefik Ingress annotation names a Middleware object. */
function middlewareReference(namespace: string, name: string): string {
  return `${namespace}-${name}@kubernetescrd`;
}

function basicAuthMiddleware(context: BuildContext, name: string): KubeObject {
  // Traefik's CRD: https://doc.traefik.io/traefik/reference/routing-configuration/http/middlewares/basicauth/
  // `removeHeader` keeps the visitor's password away from the UI behind it.
  return {
    apiVersion: 'traefik.io/v1alpha1',
    kind: 'Middleware',
    metadata: { name, namespace: context.namespace, labels: routeLabels(context) },
    spec: { basicAuth: { secret: ingressBasicAuthSecret.name, realm: context.platform.name, removeHeader: true } },
  };
}

/** `api` for `/api`, `v2-models` for `/v2/models`: a path prefix as a name part. */
function pathSlug(pathPrefix: string): string {
  return pathPrefix.replace(/^\/+|\/+$/g, '').replace(/[^a-z0-9]+/g, '-');
}

/** The Ingress of a route: named for its host, and for its path prefix when it has one (`ui-api`). */
export function routeIngressName(route: IngressRoute): string {
  return route.pathPrefix ? `${route.host}-${pathSlug(route.pathPrefix)}` : route.host;
}

/** The StripPrefix Middleware of a route with a path prefix: `<component>-strip-<slug>`. */
function stripPrefixName(context: BuildContext, route: IngressRoute): string | undefined {
  return route.pathPrefix ? `${context.component}-strip-${pathSlug(route.pathPrefix)}` : undefined;
}

function stripPrefixMiddleware(context: BuildContext, name: string, pathPrefix: string): KubeObject {
  // https://doc.traefik.io/traefik/reference/routing-configuration/http/middlewares/stripprefix/
  return {
    apiVersion: 'traefik.io/v1alpha1',
    kind: 'Middleware',
    metadata: { name, namespace: context.namespace, labels: routeLabels(context) },
    spec: { stripPrefix: { prefixes: [pathPrefix] } },
  };
}

/** A path prefix the Ingress `Prefix` match and Traefik's StripPrefix agree on: `/api`, `/v2/models`. */
const pathPrefixForm = /^(\/[a-z0-9]+(-[a-z0-9]+)*)+$/;

function ingressFor(context: BuildContext, route: IngressRoute, middlewares: readonly string[]): KubeObject {
  const host = routeHost(context, route);
  const issuer = context.platform.ingress.clusterIssuer;
  const annotations: Record<string, string> = {
    [names.annotations.ingressAuth]: route.auth,
    // HTTPS only: a basic-auth password never crosses the network in clear text.
    [names.annotations.traefikEntrypoints]: traefikSecureEntryPoint,
    [names.annotations.traefikTls]: 'true',
    // Traefik runs them in this order: the visitor is checked before the path is rewritten.
    ...(middlewares.length > 0 && {
      [names.annotations.traefikMiddlewares]: middlewares.map((name) => middlewareReference(context.namespace, name)).join(','),
    }),
    ...(issuer && { [names.annotations.certManagerClusterIssuer]: issuer }),
  };
  const ingress = new Ingress({
    metadata: { name: routeIngressName(route), namespace: context.namespace, labels: routeLabels(context), annotations },
    spec: {
      ingressClassName: names.traefik.ingressClass,
      ...(issuer && { tls: [{ hosts: [host], secretName: `${route.host}-tls` }] }),
      rules: [
        {
          host,
          http: { paths: [{ path: route.pathPrefix ?? '/', pathType: 'Prefix', backend: { service: { name: route.service, port: { number: route.servicePort } } } }] },
        },
      ],
    },
  });
  ingress.validate();
  return ingress.toJSON() as unknown as KubeObject;
}

/**
 * What a component's routes render: one Ingress per host (or host and path prefix) through
 * Traefik (HTTPS only, a cert-manager certificate when the platform names a ClusterIssuer), the
 * basic-auth Middleware they share, a StripPrefix Middleware per path prefix, the TCP route when
 * clients on other clusters use one (`tcpIngressObjects`), and the one NetworkPolicy that lets
 * Traefik reach the pods behind all of them. Throws when a route would rely on its own login
 * without being in {@link ownLoginAllowList}, and when an HTTP route and the TCP route would
 * share `<component>.<domain>`: Traefik's TCP routers take a host before its HTTP routers do.
 */
export function ingressObjects(context: BuildContext, definition: ComponentDefinition, tcpRoute?: ActiveTcpRoute): KubeObject[] {
  const routes = activeRoutes(context, definition);
  if (routes.length === 0 && !tcpRoute) return [];
  for (const route of routes) {
    if (route.auth === 'own-login' && !ownLoginAllowList.includes(route.host)) throw new IngressAuthError(definition.name, route);
    if (route.pathPrefix !== undefined && !pathPrefixForm.test(route.pathPrefix)) {
      throw new Error(`component ${definition.name}: ingress route ${route.host} has path prefix "${route.pathPrefix}"; use lowercase path segments such as "/api"`);
    }
    if (tcpRoute && route.host === definition.name) {
      throw new Error(
        `component ${definition.name}: ingress route ${route.host} and the TCP route share ${routeHost(context, route)}, where Traefik would send HTTPS to the TCP route; give the HTTP route another host`,
      );
    }
  }
  const basicAuth = routes.some((route) => route.auth === 'basic-auth') ? `${definition.name}-basic-auth` : undefined;
  const middlewaresOf = (route: IngressRoute): string[] => {
    const strip = stripPrefixName(context, route);
    return [...(route.auth === 'basic-auth' && basicAuth ? [basicAuth] : []), ...(strip ? [strip] : [])];
  };
  const strips = routes.flatMap((route) => {
    const name = stripPrefixName(context, route);
    return name && route.pathPrefix ? [stripPrefixMiddleware(context, name, route.pathPrefix)] : [];
  });
  const podPorts = [...routes.map((route) => route.podPort), ...(tcpRoute ? [tcpRoute.route.podPort] : [])];
  return [
    ...(basicAuth ? [basicAuthMiddleware(context, basicAuth)] : []),
    ...strips,
    ...routes.map((route) => ingressFor(context, route, middlewaresOf(route))),
    ...(tcpRoute ? tcpIngressObjects(context, tcpRoute) : []),
    fromIngressController(context, podPorts),
  ];
}
