import { throwIfProblems } from '../rendered/rendered-objects-error.ts';
import type { BasicAuthMiddleware, LabHttpRoute, LabRoute } from './lab-route.ts';

export interface ListenAddress {
  readonly address: string;
  readonly port: number;
}

export interface IngressNginxOptions {
  /** Where TLS routes are served: Traefik's `websecure` entry point. */
  readonly listen: ListenAddress;
  /** Where routes without TLS are served: Traefik's `web` entry point. @default undefined (a route without TLS is refused) */
  readonly plainListen?: ListenAddress;
  /** PEM files every TLS host is served with, as Traefik serves its default certificate when no route names a TLS Secret. */
  readonly certificate: { readonly cert: string; readonly key: string };
  /** nginx's pid file, logs and temporary directories go here, so it runs unprivileged in a temporary directory. */
  readonly runDir: string;
  /** `ip:port` the lab serves a Service's port at. */
  readonly upstreamAddress: (service: string, namespace: string, port: number) => string;
  /** Where the caller wrote `htpasswdFileContent(middleware)` for this route. */
  readonly htpasswdFile: (route: LabHttpRoute, middleware: BasicAuthMiddleware) => string;
  /** `X-Forwarded-Server`, which Traefik sets to its own host name. @default 'traefik' */
  readonly serverName?: string;
  /** The workers' `user`. Run as root, name root: nginx's workers would otherwise drop to nobody and not read `runDir`. @default undefined (nginx's own) */
  readonly workerUser?: string;
}

/** The body Traefik answers a request no router matches with. */
const notFound = 'return 404 "404 page not found\\n";';

/** The file nginx reads a basicAuth Middleware's users from: its htpasswd lines. */
export function htpasswdFileContent(middleware: BasicAuthMiddleware): string {
  return `${middleware.users.join('\n')}\n`;
}

/** A double-quoted nginx string. `$` would be read as a variable and nginx has no escape for it, so it is refused. */
function quoted(value: string, where: string, problems: string[]): string {
  if (/[$\n\r]/.test(value)) problems.push(`${where}: ${JSON.stringify(value)} holds $ or a line break, which nginx cannot take literally`);
  return `"${value.replace(/[\\"]/g, (char) => `\\${char}`)}"`;
}

function bare(value: string, what: string, where: string, problems: string[]): string {
  if (!/^[^\s;{}"'$\\]+$/.test(value)) problems.push(`${where}: ${what} ${JSON.stringify(value)} cannot be written into nginx.conf`);
  return value;
}

interface Listener {
  readonly tls: boolean;
  readonly address: ListenAddress;
}

/** The headers sent upstream, as Traefik sets them: original Host, and X-Forwarded-* from the client it saw (it trusts none it receives). */
function forwardedHeaders(listener: Listener, serverName: string): Map<string, string> {
  const mode = listener.tls ? 'tls' : 'plain';
  return new Map([
    ['Host', '$http_host'],
    ['X-Forwarded-For', '$remote_addr'],
    ['X-Forwarded-Host', '$http_host'],
    ['X-Forwarded-Port', `$lab_forwarded_port_${mode}`],
    ['X-Forwarded-Proto', `$lab_forwarded_proto_${mode}`],
    ['X-Forwarded-Server', serverName],
    ['X-Real-Ip', '$remote_addr'],
    // WebSocket upgrades pass through, as they do through Traefik.
    ['Upgrade', '$http_upgrade'],
    ['Connection', '$lab_connection'],
  ]);
}

function location(route: LabHttpRoute, listener: Listener, options: IngressNginxOptions, problems: string[]): string[] {
  const where = `${route.source} (host ${route.host}, path ${route.pathPrefix})`;
  const requestHeaders = forwardedHeaders(listener, quoted(options.serverName ?? 'traefik', where, problems));
  const responseHeaders = new Map<string, string>();
  const lines: string[] = [];
  const basicAuths = route.middlewares.filter((middleware) => middleware.kind === 'basicAuth');
  if (basicAuths.length > 1) problems.push(`${where}: ${basicAuths.length} basicAuth middlewares on one route cannot be imitated by nginx`);
  for (const middleware of route.middlewares) {
    if (middleware.kind === 'basicAuth') {
      lines.push(`auth_basic ${quoted(middleware.realm, where, problems)};`, `auth_basic_user_file ${bare(options.htpasswdFile(route, middleware), 'htpasswd file', where, problems)};`);
      // Traefik drops the credentials after checking them when removeHeader is set.
      if (middleware.removeHeader) requestHeaders.set('Authorization', '""');
      if (middleware.headerField) requestHeaders.set(bare(middleware.headerField, 'header', where, problems), '$remote_user');
    } else if (middleware.kind === 'stripPrefix') {
      // Traefik removes the first matching prefix (an emptied path becomes /) and names it in X-Forwarded-Prefix.
      for (const prefix of middleware.prefixes) {
        const path = bare(prefix.replace(/\/+$/, ''), 'prefix', where, problems);
        lines.push(`rewrite ^${path}$ / break;`, `rewrite ^${path}(/.*)$ $1 break;`);
      }
      const [first] = middleware.prefixes;
      if (first && route.pathPrefix.startsWith(first.replace(/\/+$/, ''))) requestHeaders.set('X-Forwarded-Prefix', quoted(first.replace(/\/+$/, ''), where, problems));
    } else {
      for (const [name, value] of Object.entries(middleware.requestHeaders)) requestHeaders.set(bare(name, 'header', where, problems), quoted(value, where, problems));
      for (const [name, value] of Object.entries(middleware.responseHeaders)) responseHeaders.set(bare(name, 'header', where, problems), value);
    }
  }
  const upstream = bare(options.upstreamAddress(route.service, route.namespace, route.port), 'upstream address', where, problems);
  lines.push(`proxy_pass ${route.upstreamScheme}://${upstream};`);
  for (const [name, value] of requestHeaders) lines.push(`proxy_set_header ${name} ${value};`);
  for (const [name, value] of responseHeaders) {
    // The service's own header is replaced; an empty value only removes it, as in Traefik.
    lines.push(`proxy_hide_header ${name};`);
    if (value !== '') lines.push(`add_header ${name} ${quoted(value, where, problems)} always;`);
  }
  const modifier = route.pathMatch === 'exact' ? '=' : '^~';
  return [`location ${modifier} ${bare(route.pathPrefix, 'path', where, problems)} {`, ...lines.map((line) => `  ${line}`), '}'];
}

/** Longest path first (Traefik's default priority is the rule's length); an exact match before a prefix of the same path. */
function byPriority(a: LabHttpRoute, b: LabHttpRoute): number {
  return b.pathPrefix.length - a.pathPrefix.length || (a.pathMatch === b.pathMatch ? 0 : a.pathMatch === 'exact' ? -1 : 1) || a.pathPrefix.localeCompare(b.pathPrefix);
}

function listenLine(listener: Listener, defaultServer: boolean): string {
  return `listen ${listener.address.address}:${listener.address.port}${listener.tls ? ' ssl' : ''}${defaultServer ? ' default_server' : ''};`;
}

function tlsLines(listener: Listener, options: IngressNginxOptions, problems: string[]): string[] {
  if (!listener.tls) return [];
  return [`ssl_certificate ${bare(options.certificate.cert, 'certificate', 'options', problems)};`, `ssl_certificate_key ${bare(options.certificate.key, 'key', 'options', problems)};`];
}

function servers(routes: readonly LabHttpRoute[], listener: Listener, options: IngressNginxOptions, problems: string[]): string[] {
  // Unknown hosts get Traefik's 404, on the same certificate.
  const blocks = [['server {', `  ${listenLine(listener, true)}`, ...tlsLines(listener, options, problems).map((line) => `  ${line}`), `  location / {`, '    default_type text/plain;', `    ${notFound}`, '  }', '}']];
  const hosts = [...new Set(routes.map((route) => route.host))].sort();
  for (const host of hosts) {
    const ofHost = routes.filter((route) => route.host === host).sort(byPriority);
    const seen = new Map<string, LabHttpRoute>();
    for (const route of ofHost) {
      const key = `${route.pathMatch} ${route.pathPrefix}`;
      const earlier = seen.get(key);
      if (earlier) problems.push(`host ${host} path ${route.pathPrefix} is routed twice, by ${earlier.source} and ${route.source}; Traefik's choice between them is not defined`);
      seen.set(key, route);
    }
    const catchAll = ofHost.some((route) => route.pathMatch === 'prefix' && route.pathPrefix === '/') ? [] : ['location / {', '  default_type text/plain;', `  ${notFound}`, '}'];
    const locations = [...seen.values()].flatMap((route) => location(route, listener, options, problems));
    blocks.push([
      'server {',
      `  ${listenLine(listener, false)}`,
      `  server_name ${bare(host, 'host', `host ${host}`, problems)};`,
      ...tlsLines(listener, options, problems).map((line) => `  ${line}`),
      ...[...locations, ...catchAll].map((line) => `  ${line}`),
      '}',
    ]);
  }
  return blocks.flatMap((block) => ['', ...block.map((line) => `  ${line}`)]);
}

/** Routes that Traefik would serve on `tls` connections, checked against their entry points. */
function routesOn(routes: readonly LabRoute[], problems: string[]): { tls: LabHttpRoute[]; plain: LabHttpRoute[] } {
  const tls: LabHttpRoute[] = [];
  const plain: LabHttpRoute[] = [];
  for (const route of routes) {
    if (route.protocol === 'tcp') {
      problems.push(`${route.source}: TCP route (HostSNI ${route.hostSni}) is not supported by the nginx stand-in, which writes an http block only`);
      continue;
    }
    const entrypoint = route.tls ? 'websecure' : 'web';
    const unknown = route.entrypoints.filter((name) => name !== 'web' && name !== 'websecure');
    if (unknown.length > 0) problems.push(`${route.source}: entry point(s) ${unknown.join(', ')} are not served by the lab (only web and websecure)`);
    else if (route.entrypoints.length > 0 && !route.entrypoints.includes(entrypoint)) problems.push(`${route.source}: ${route.tls ? 'TLS' : 'plain'} route on entry point(s) ${route.entrypoints.join(', ')} only; the lab serves TLS on websecure and plain HTTP on web`);
    else (route.tls ? tls : plain).push(route);
  }
  return { tls, plain };
}

/**
 * An nginx.conf that stands in for the cluster's Traefik: one server per host (TLS with the given
 * certificate on `listen`, plain on `plainListen`), a location per path (longest first; Traefik's
 * PathPrefix is a plain string prefix, as nginx's `^~` is), basic auth where a basicAuth
 * Middleware applies, the Host and X-Forwarded-* headers Traefik sets, no request body limit and
 * no buffering (like Traefik, so uploads and streams pass as they come), and Traefik's
 * `404 page not found` for any other host or path. Every path nginx writes is under `runDir`.
 * @throws RenderedObjectsError naming every route nginx cannot serve as Traefik would
 */
export function ingressNginxConf(routes: readonly LabRoute[], options: IngressNginxOptions): string {
  const problems: string[] = [];
  const on = routesOn(routes, problems);
  if (on.plain.length > 0 && !options.plainListen) problems.push(`routes without TLS (${[...new Set(on.plain.map((route) => route.source))].join(', ')}) need options.plainListen`);
  const run = bare(options.runDir.replace(/\/+$/, ''), 'run directory', 'options', problems);
  const tlsServers = servers(on.tls, { tls: true, address: options.listen }, options, problems);
  const plainServers = options.plainListen ? servers(on.plain, { tls: false, address: options.plainListen }, options, problems) : [];
  throwIfProblems(problems);
  return [
    '# Written by the Millwright lab from the rendered Ingresses: nginx standing in for Traefik.',
    'daemon off;',
    'worker_processes 1;',
    ...(options.workerUser ? [`user ${options.workerUser};`] : []),
    `pid ${run}/nginx.pid;`,
    `error_log ${run}/error.log notice;`,
    'events {',
    '  worker_connections 1024;',
    '}',
    'http {',
    `  access_log ${run}/access.log;`,
    `  client_body_temp_path ${run}/client_body_temp;`,
    `  proxy_temp_path ${run}/proxy_temp;`,
    `  fastcgi_temp_path ${run}/fastcgi_temp;`,
    `  uwsgi_temp_path ${run}/uwsgi_temp;`,
    `  scgi_temp_path ${run}/scgi_temp;`,
    '  server_names_hash_bucket_size 128;',
    '  # Traefik limits no request body and streams both ways without buffering.',
    '  client_max_body_size 0;',
    '  proxy_buffering off;',
    '  proxy_request_buffering off;',
    '  proxy_http_version 1.1;',
    '  proxy_read_timeout 3600s;',
    '  proxy_send_timeout 3600s;',
    '  map $http_upgrade $lab_connection {',
    '    default upgrade;',
    "    '' close;",
    '  }',
    '  # X-Forwarded-Port: the port the client asked for (its Host header), else the scheme\'s.',
    '  map $http_host $lab_forwarded_port_tls {',
    '    ~:(?<lab_tls_port>[0-9]+)$ $lab_tls_port;',
    '    default 443;',
    '  }',
    '  map $http_host $lab_forwarded_port_plain {',
    '    ~:(?<lab_plain_port>[0-9]+)$ $lab_plain_port;',
    '    default 80;',
    '  }',
    '  # X-Forwarded-Proto: Traefik says wss or ws for a WebSocket upgrade.',
    '  map $http_upgrade $lab_forwarded_proto_tls {',
    '    ~*^websocket$ wss;',
    '    default https;',
    '  }',
    '  map $http_upgrade $lab_forwarded_proto_plain {',
    '    ~*^websocket$ ws;',
    '    default http;',
    '  }',
    ...tlsServers,
    ...plainServers,
    '}',
    '',
  ].join('\n');
}

/** nginx's arguments to run `confFile` in the foreground with every path under `runDir` (`-e` keeps it off /var/log before the config is read). */
export function ingressNginxArguments(confFile: string, runDir: string): string[] {
  return ['-p', runDir, '-e', `${runDir.replace(/\/+$/, '')}/error.log`, '-c', confFile];
}
