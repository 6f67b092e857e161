/** Traefik's basicAuth Middleware, with the htpasswd lines of its Secret. */
export interface BasicAuthMiddleware {
  readonly kind: 'basicAuth';
  readonly namespace: string;
  readonly name: string;
  /** The htpasswd lines Traefik reads from the Secret (every non-empty line of its one key). */
  readonly users: readonly string[];
  /** @default 'traefik' (Traefik's) */
  readonly realm: string;
  /** Drop the Authorization header before forwarding, once the user is authenticated. */
  readonly removeHeader: boolean;
  /** A request header that carries the authenticated user's name to the service. */
  readonly headerField?: string;
}

/** Traefik's headers Middleware, restricted to the custom headers (an empty value removes the header). */
export interface HeadersMiddleware {
  readonly kind: 'headers';
  readonly namespace: string;
  readonly name: string;
  readonly requestHeaders: Readonly<Record<string, string>>;
  readonly responseHeaders: Readonly<Record<string, string>>;
}

/** Traefik's stripPrefix Middleware: the first matching prefix is removed before forwarding (X-Forwarded-Prefix says which). */
export interface StripPrefixMiddleware {
  readonly kind: 'stripPrefix';
  readonly namespace: string;
  readonly name: string;
  readonly prefixes: readonly string[];
}

export type LabMiddleware = BasicAuthMiddleware | HeadersMiddleware | StripPrefixMiddleware;

/** An HTTP route of the cluster's Traefik: a host and path to one port of one Service, through middlewares in order. */
export interface LabHttpRoute {
  readonly protocol: 'http';
  /** The object it comes from: `Ingress millwright-ot/api`. */
  readonly source: string;
  readonly host: string;
  /** The path prefix (`pathMatch: 'prefix'`, Traefik's PathPrefix, a plain string prefix) or the exact path. */
  readonly pathPrefix: string;
  readonly pathMatch: 'prefix' | 'exact';
  readonly namespace: string;
  readonly service: string;
  readonly port: number;
  /** How Traefik talks to the service: https for port 443 or a port named https* (its ingress provider's rule). */
  readonly upstreamScheme: 'http' | 'https';
  /** Served on TLS (router.tls, or a `tls` section). */
  readonly tls: boolean;
  /** Traefik's entry points; empty means all of them. */
  readonly entrypoints: readonly string[];
  readonly middlewares: readonly LabMiddleware[];
}

/** A TCP route (IngressRouteTCP): TLS server names to one port of one Service. */
export interface LabTcpRoute {
  readonly protocol: 'tcp';
  readonly source: string;
  /** The SNI name, `*` for any. */
  readonly hostSni: string;
  readonly namespace: string;
  readonly service: string;
  readonly port: number;
  readonly tls: boolean;
  /** TLS goes through to the service undecrypted. */
  readonly passthrough: boolean;
  readonly entrypoints: readonly string[];
}

export type LabRoute = LabHttpRoute | LabTcpRoute;
