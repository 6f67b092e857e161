import { describe, expect, it } from 'vitest';
import { RenderedObjectsError } from '../rendered/rendered-objects-error.ts';
import { htpasswdFileContent, ingressNginxArguments, ingressNginxConf, type IngressNginxOptions } from './ingress-nginx-conf.ts';
import type { BasicAuthMiddleware, LabHttpRoute, LabRoute } from './lab-route.ts';

const basicAuth: BasicAuthMiddleware = { kind: 'basicAuth', namespace: 'millwright-ot', name: 'api-auth', users: ['alice:$2y$10$x', 'bob:$2y$10$y'], realm: 'millwright', removeHeader: true };

function route(host: string, pathPrefix: string, fields: Partial<LabHttpRoute> = {}): LabHttpRoute {
  return { protocol: 'http', source: `Ingress millwright-ot/${host.split('.')[0]}`, host, pathPrefix, pathMatch: 'prefix', namespace: 'millwright-ot', service: 'api', port: 8080, upstreamScheme: 'http', tls: true, entrypoints: ['websecure'], middlewares: [], ...fields };
}

const options: IngressNginxOptions = {
  listen: { address: '10.0.0.1', port: 443 },
  certificate: { cert: '/lab/tls/ingress.crt', key: '/lab/tls/ingress.key' },
  runDir: '/lab/run/ingress/',
  upstreamAddress: (service, namespace, port) => `${service}.${namespace}.lab:${port}`,
  htpasswdFile: (_route, middleware) => `/lab/run/ingress/${middleware.namespace}-${middleware.name}.htpasswd`,
};

function problemsOf(routes: readonly LabRoute[], given: IngressNginxOptions = options): readonly string[] {
  try {
    ingressNginxConf(routes, given);
  } catch (error) {
    if (error instanceof RenderedObjectsError) return error.problems;
    throw error;
  }
  throw new Error('expected a RenderedObjectsError');
}

describe('ingressNginxConf', () => {
  it('writes one TLS server per host with a location per path, longest first, basic auth and Traefik headers', async () => {
    const conf = ingressNginxConf(
      [
        route('api.example.test', '/', { middlewares: [basicAuth] }),
        route('api.example.test', '/v2/health', { pathMatch: 'exact', service: 'health' }),
        route('api.example.test', '/v2', { middlewares: [{ kind: 'headers', namespace: 'millwright-ot', name: 'h', requestHeaders: { 'X-Forwarded-Proto': 'https', 'X-Lab': 'say "hi"' }, responseHeaders: { Server: '' } }] }),
        route('ui.example.test', '/api', { upstreamScheme: 'https', port: 443 }),
      ],
      options,
    );
    await expect(conf).toMatchFileSnapshot('__golden__/ingress-nginx.conf');
  });

  it('serves routes without TLS on plainListen, with http forwarding headers', () => {
    const conf = ingressNginxConf([route('plain.example.test', '/', { tls: false, entrypoints: ['web'] })], { ...options, plainListen: { address: '10.0.0.1', port: 80 }, workerUser: 'root', serverName: 'edge-traefik' });
    expect(conf).toContain('user root;');
    expect(conf).toContain('  server {\n    listen 10.0.0.1:80 default_server;');
    expect(conf).toContain('    listen 10.0.0.1:80;\n    server_name plain.example.test;');
    expect(conf).toContain('proxy_set_header X-Forwarded-Proto $lab_forwarded_proto_plain;');
    expect(conf).toContain('proxy_set_header X-Forwarded-Server "edge-traefik";');
  });

  it('puts the pid file, logs and temporary directories under the run directory', () => {
    const conf = ingressNginxConf([], options);
    for (const line of ['pid /lab/run/ingress/nginx.pid;', 'error_log /lab/run/ingress/error.log notice;', 'access_log /lab/run/ingress/access.log;', 'client_body_temp_path /lab/run/ingress/client_body_temp;', 'proxy_temp_path /lab/run/ingress/proxy_temp;']) {
      expect(conf).toContain(line);
    }
    expect(ingressNginxArguments('/lab/run/ingress/nginx.conf', '/lab/run/ingress/')).toEqual(['-p', '/lab/run/ingress/', '-e', '/lab/run/ingress/error.log', '-c', '/lab/run/ingress/nginx.conf']);
  });

  it('writes the htpasswd file of a basicAuth middleware, a line per user', () => {
    expect(htpasswdFileContent(basicAuth)).toBe('alice:$2y$10$x\nbob:$2y$10$y\n');
  });

  it('refuses what nginx cannot serve as Traefik would, naming every route', () => {
    const tcp: LabRoute = { protocol: 'tcp', source: 'IngressRouteTCP millwright-it/db', hostSni: 'db.example.test', namespace: 'millwright-it', service: 'db', port: 5432, tls: true, passthrough: true, entrypoints: ['websecure'] };
    expect(
      problemsOf([
        tcp,
        route('a.example.test', '/', { tls: false, entrypoints: [] }),
        route('b.example.test', '/', { entrypoints: ['metrics'] }),
        route('c.example.test', '/', { entrypoints: ['web'] }),
        route('d.example.test', '/x', { source: 'Ingress millwright-ot/first' }),
        route('d.example.test', '/x', { source: 'Ingress millwright-ot/second' }),
        route('e.example.test', '/', { middlewares: [basicAuth, { ...basicAuth, name: 'again' }] }),
        route('f.example.test', '/', { middlewares: [{ kind: 'headers', namespace: 'millwright-ot', name: 'h', requestHeaders: { 'X-Cost': '$5' }, responseHeaders: {} }] }),
      ]),
    ).toEqual([
      'IngressRouteTCP millwright-it/db: TCP route (HostSNI db.example.test) is not supported by the nginx stand-in, which writes an http block only',
      'Ingress millwright-ot/b: entry point(s) metrics are not served by the lab (only web and websecure)',
      'Ingress millwright-ot/c: TLS route on entry point(s) web only; the lab serves TLS on websecure and plain HTTP on web',
      'routes without TLS (Ingress millwright-ot/a) need options.plainListen',
      'host d.example.test path /x is routed twice, by Ingress millwright-ot/first and Ingress millwright-ot/second; Traefik\'s choice between them is not defined',
      'Ingress millwright-ot/e (host e.example.test, path /): 2 basicAuth middlewares on one route cannot be imitated by nginx',
      'Ingress millwright-ot/f (host f.example.test, path /): "$5" holds $ or a line break, which nginx cannot take literally',
    ]);
  });
});
