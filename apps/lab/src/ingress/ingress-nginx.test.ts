// Runs the generated nginx.conf with the real nginx on loopback, TLS with a throwaway certificate,
// in front of echo upstreams, and checks from the outside that it routes as Traefik would.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { freePort } from '@millwright/test-servers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { htpasswdLine } from '../rendered/password-hashes.ts';
import { seededRandomBytes } from '../rendered/random-bytes.ts';
import { htpasswdFileContent, ingressNginxConf } from './ingress-nginx-conf.ts';
import type { BasicAuthMiddleware, LabHttpRoute, LabMiddleware } from './lab-route.ts';
import { startEchoUpstream, type EchoUpstream, type EchoedRequest } from './test-support/echo-upstream.ts';
import { startNginx, type RunningNginx } from './test-support/running-nginx.ts';
import { makeLabCa } from '../runtime/lab-ca.ts';

const random = seededRandomBytes('ingress nginx test');
const alice = { user: 'alice', password: 'correct horse' };
const users = [htpasswdLine(alice.user, alice.password, random), htpasswdLine('bob', 'battery staple', random)];
const auth = (removeHeader: boolean, name: string): BasicAuthMiddleware => ({ kind: 'basicAuth', namespace: 'millwright-ot', name, users, realm: 'millwright', removeHeader, ...(removeHeader ? { headerField: 'X-Auth-User' } : {}) });
const headers: LabMiddleware = { kind: 'headers', namespace: 'millwright-ot', name: 'lab-headers', requestHeaders: { 'X-Lab': 'yes' }, responseHeaders: { 'X-Served-By': 'lab', 'X-Powered-By': '' } };

function route(host: string, pathPrefix: string, service: string, middlewares: readonly LabMiddleware[] = [], pathMatch: 'prefix' | 'exact' = 'prefix'): LabHttpRoute {
  return { protocol: 'http', source: `Ingress millwright-ot/${service}`, host, pathPrefix, pathMatch, namespace: 'millwright-ot', service, port: 8080, upstreamScheme: 'http', tls: true, entrypoints: ['websecure'], middlewares };
}

const routes = [
  route('app.lab.test', '/', 'root'),
  route('app.lab.test', '/api', 'api', [auth(true, 'api-auth'), headers]),
  route('app.lab.test', '/keep', 'keep', [auth(false, 'keep-auth')]),
  route('app.lab.test', '/exact', 'exact', [], 'exact'),
  route('other.lab.test', '/only', 'other'),
  route('ui.lab.test', '/api', 'stripped', [{ kind: 'stripPrefix', namespace: 'millwright-ot', name: 'strip-api', prefixes: ['/api'] }]),
];

let dir: string;
let port: number;
let ca: string;
let nginx: RunningNginx;
const upstreams = new Map<string, EchoUpstream>();

interface Response {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

/** One HTTPS request to nginx for `host` (SNI and Host header), trusting only the throwaway certificate. */
function get(host: string, path: string, options: { user?: string; password?: string; method?: string; body?: Buffer; hostHeader?: string } = {}): Promise<Response> {
  return new Promise((resolve, reject) => {
    const sent = request(
      {
        host: '127.0.0.1',
        port,
        servername: host,
        path,
        method: options.method ?? 'GET',
        ca,
        headers: { host: options.hostHeader ?? host, ...(options.user ? { authorization: `Basic ${Buffer.from(`${options.user}:${options.password}`).toString('base64')}` } : {}) },
      },
      (response) => {
        let body = '';
        response.on('data', (chunk: Buffer) => (body += chunk.toString()));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
      },
    );
    sent.on('error', reject);
    sent.end(options.body);
  });
}

const echoed = (response: Response) => JSON.parse(response.body) as EchoedRequest;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'millwright-lab-ingress-'));
  port = await freePort();
  // The lab's own CA and ingress certificate, as the lab serves them.
  const labCa = makeLabCa(join(dir, 'ca'), ['app.lab.test', 'other.lab.test', 'unknown.lab.test', 'ui.lab.test']);
  const certificate = { cert: labCa.cert, key: labCa.key };
  ca = readFileSync(labCa.caCert, 'utf8');
  for (const name of new Set(routes.map((candidate) => candidate.service))) upstreams.set(name, await startEchoUpstream(name));
  for (const middleware of routes.flatMap((candidate) => candidate.middlewares)) {
    if (middleware.kind === 'basicAuth') writeFileSync(join(dir, `${middleware.name}.htpasswd`), htpasswdFileContent(middleware));
  }
  const conf = ingressNginxConf(routes, {
    listen: { address: '127.0.0.1', port },
    certificate,
    runDir: join(dir, 'run'),
    upstreamAddress: (service) => upstreams.get(service)!.address,
    htpasswdFile: (_route, middleware) => join(dir, `${middleware.name}.htpasswd`),
    // As root, nginx's workers would run as nobody and could not read the test's private directory.
    ...(process.getuid?.() === 0 ? { workerUser: 'root' } : {}),
  });
  nginx = await startNginx(conf, join(dir, 'run'), port);
});

afterAll(async () => {
  await nginx?.stop();
  for (const upstream of upstreams.values()) await upstream.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the nginx stand-in for Traefik', () => {
  it('routes by host', async () => {
    expect(echoed(await get('app.lab.test', '/')).upstream).toBe('root');
    expect(echoed(await get('other.lab.test', '/only/page')).upstream).toBe('other');
  });

  it('answers 404 page not found for an unknown host and for a path no route of the host matches', async () => {
    for (const [host, path] of [
      ['unknown.lab.test', '/'],
      ['other.lab.test', '/'],
    ] as const) {
      const response = await get(host, path);
      expect(response.status, `${host}${path}`).toBe(404);
      expect(response.body).toBe('404 page not found\n');
    }
  });

  it('strips a stripPrefix middleware\'s prefix, an emptied path becoming /, and names it in X-Forwarded-Prefix', async () => {
    expect(echoed(await get('ui.lab.test', '/api/predict?x=1'))).toMatchObject({ upstream: 'stripped', url: '/predict?x=1' });
    expect(echoed(await get('ui.lab.test', '/api'))).toMatchObject({ upstream: 'stripped', url: '/' });
    expect(echoed(await get('ui.lab.test', '/api/v2/models')).headers['x-forwarded-prefix']).toBe('/api');
  });

  it('routes the longest matching path prefix, a plain string prefix as Traefik PathPrefix is, and an exact path only exactly', async () => {
    const login = { user: alice.user, password: alice.password };
    expect(echoed(await get('app.lab.test', '/api/predict?x=1', login))).toMatchObject({ upstream: 'api', url: '/api/predict?x=1' });
    expect(echoed(await get('app.lab.test', '/apiary', login)).upstream).toBe('api');
    expect(echoed(await get('app.lab.test', '/elsewhere')).upstream).toBe('root');
    expect(echoed(await get('app.lab.test', '/exact')).upstream).toBe('exact');
    expect(echoed(await get('app.lab.test', '/exact/below')).upstream).toBe('root');
  });

  it('refuses a request without credentials or with a wrong password or user with 401 and the realm', async () => {
    for (const login of [{}, { user: alice.user, password: 'wrong' }, { user: 'mallory', password: alice.password }]) {
      const response = await get('app.lab.test', '/api/predict', login);
      expect(response.status, JSON.stringify(login)).toBe(401);
      expect(response.headers['www-authenticate']).toBe('Basic realm="millwright"');
    }
  });

  it('passes the right credentials, without the Authorization header when removeHeader is set and with the user in headerField', async () => {
    const removed = echoed(await get('app.lab.test', '/api/predict', { user: alice.user, password: alice.password }));
    expect(removed.headers['authorization']).toBeUndefined();
    expect(removed.headers['x-auth-user']).toBe('alice');
    const kept = echoed(await get('app.lab.test', '/keep', { user: 'bob', password: 'battery staple' }));
    expect(kept.headers['authorization']).toBe(`Basic ${Buffer.from('bob:battery staple').toString('base64')}`);
  });

  it('forwards the Host header unchanged and sets the X-Forwarded headers as Traefik does', async () => {
    const seen = echoed(await get('app.lab.test', '/', { hostHeader: `app.lab.test:${port}` }));
    expect(seen.headers).toMatchObject({
      host: `app.lab.test:${port}`,
      'x-forwarded-host': `app.lab.test:${port}`,
      'x-forwarded-port': String(port),
      'x-forwarded-proto': 'https',
      'x-forwarded-for': '127.0.0.1',
      'x-real-ip': '127.0.0.1',
      'x-forwarded-server': 'traefik',
    });
    expect(echoed(await get('app.lab.test', '/')).headers['x-forwarded-port']).toBe('443');
  });

  it('adds custom request headers and replaces or removes response headers', async () => {
    const response = await get('app.lab.test', '/api', { user: alice.user, password: alice.password });
    expect(echoed(response).headers['x-lab']).toBe('yes');
    expect(response.headers['x-served-by']).toBe('lab');
    expect(response.headers['x-powered-by']).toBeUndefined();
    expect((await get('app.lab.test', '/')).headers['x-powered-by']).toBe('echo');
  });

  it('passes a request body larger than nginx would by default (Traefik sets no limit)', async () => {
    const body = Buffer.alloc(3 * 1024 * 1024, 'x');
    const response = await get('app.lab.test', '/upload', { method: 'POST', body });
    expect(response.status, nginx.errors()).toBe(200);
    expect(echoed(response).bodyLength).toBe(body.length);
  });
});
