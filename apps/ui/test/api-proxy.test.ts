// @vitest-environment node
/**
 * The UI image's /api proxy (hybrid topology), end to end: the image's own entrypoint writes the
 * proxy location, a real nginx runs the image's own nginx.conf on loopback, and a Node HTTPS
 * server with a throwaway certificate for localhost stands in for the edge inference API behind
 * its basic-auth ingress. Debian's nginx is required (tools/system-prereqs.mjs installs it).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startLoopbackDns, type LoopbackDns } from '../../../libs/test-servers/src/index.ts';
import { nginxConfForSite, startNginx, type RunningNginx } from '../src/test-support/loopback-nginx.ts';

const username = 'ui-api-user';
const password = 'a p@ss:word "from" a Secret';
const expectedAuthorization = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
const imageConf = readFileSync(join(import.meta.dirname, '../docker/nginx.conf'), 'utf8');
const entrypoint = join(import.meta.dirname, '../docker/write-runtime-config.sh');

/** What the upstream saw of one request. */
interface SeenRequest {
  method: string;
  url: string;
  authorization: string | undefined;
  host: string | undefined;
  adminToken: string | undefined;
  bytes: number;
}

let home: string;
let upstream: Server;
let upstreamPort: number;
const seen: SeenRequest[] = [];
let trusting: RunningNginx;
let distrusting: RunningNginx;
let unresolvable: RunningNginx;
let dns: LoopbackDns;

/** A self-signed certificate for localhost (its own CA), valid for a day. */
function makeCertificate(dir: string): { key: string; cert: string } {
  mkdirSync(dir, { recursive: true });
  const key = join(dir, 'key.pem');
  const cert = join(dir, 'cert.pem');
  const openssl = spawnSync(
    'openssl',
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost', '-keyout', key, '-out', cert],
    { encoding: 'utf8' },
  );
  if (openssl.status !== 0) throw new Error(`openssl failed (install it: sudo apt-get install -y openssl): ${openssl.error?.message ?? openssl.stderr}`);
  return { key, cert };
}

/** The edge API stand-in: records each request, answers 401 with a login challenge on /unauthorized, else echoes as JSON. */
async function startUpstream(certificate: { key: string; cert: string }): Promise<void> {
  upstream = createServer({ key: readFileSync(certificate.key), cert: readFileSync(certificate.cert) }, (request, response) => {
    let bytes = 0;
    request.on('data', (chunk: Buffer) => (bytes += chunk.length));
    request.on('end', () => {
      const entry = { method: request.method!, url: request.url!, authorization: request.headers.authorization, host: request.headers.host, adminToken: request.headers['x-admin-token'] as string | undefined, bytes };
      seen.push(entry);
      if (request.url === '/unauthorized') {
        response.writeHead(401, { 'content-type': 'application/json', 'www-authenticate': 'Basic realm="edge"' });
        response.end(JSON.stringify({ error: 'unauthorized' }));
        return;
      }
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ echoed: { method: entry.method, url: entry.url, bytes } }));
    });
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  upstreamPort = (upstream.address() as { port: number }).port;
}

/** The entrypoint's runtime files and a real nginx on the image's config, trusting `caFile` for the upstream. */
async function startUi(name: string, caFile: string, host = 'localhost'): Promise<RunningNginx> {
  const site = { port: await freePort(), runtimeDir: join(home, name, 'ui-runtime'), htmlDir: join(home, name, 'html'), stateDir: join(home, name, 'nginx') };
  const env = { PATH: process.env['PATH']!, UI_RUNTIME_DIR: site.runtimeDir, API_URL: `http://127.0.0.1:${site.port}/api` };
  const upstreamEnv = {
    API_UPSTREAM: `https://${host}:${upstreamPort}`,
    API_UPSTREAM_USERNAME: username,
    API_UPSTREAM_PASSWORD: password,
    API_UPSTREAM_CA_FILE: caFile,
    API_UPSTREAM_RESOLVER: dns.address,
  };
  const script = spawnSync('sh', [entrypoint], { env: { ...env, ...upstreamEnv }, encoding: 'utf8' });
  if (script.status !== 0) throw new Error(`write-runtime-config.sh failed: ${script.stderr}`);
  mkdirSync(site.htmlDir, { recursive: true });
  writeFileSync(join(site.htmlDir, 'index.html'), '<!doctype html><title>operator UI</title>');
  return startNginx(nginxConfForSite(imageConf, site), site);
}

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'millwright-ui-proxy-'));
  const edge = makeCertificate(join(home, 'edge-cert'));
  const stranger = makeCertificate(join(home, 'stranger-cert'));
  await startUpstream(edge);
  // nginx resolves the upstream per request through a DNS server (the pod's, in the cluster).
  dns = await startLoopbackDns({ localhost: '127.0.0.1' });
  trusting = await startUi('trusting', edge.cert);
  // Trusts only another self-signed certificate for the same name: the edge's must be refused.
  distrusting = await startUi('distrusting', stranger.cert);
  // An edge name that does not resolve (yet): nginx must start and serve the UI all the same.
  unresolvable = await startUi('unresolvable', edge.cert, 'edge-not-published.invalid');
}, 30_000);

afterAll(async () => {
  await trusting?.stop();
  await distrusting?.stop();
  await unresolvable?.stop();
  await dns?.close();
  await new Promise<void>((resolve) => (upstream ? upstream.close(() => resolve()) : resolve()));
  rmSync(home, { recursive: true, force: true });
});

/** The last request the upstream saw, with nginx's log in the message when there is none. */
function lastSeen(nginx: RunningNginx): SeenRequest {
  const last = seen.at(-1);
  if (!last) throw new Error(`the upstream saw no request; nginx said:\n${nginx.stderr()}`);
  return last;
}

describe("the UI image's nginx proxying /api to the edge inference API", () => {
  it("sends POST /api/predict to the upstream's /predict with its basic-auth credential, replacing the browser's Authorization", async () => {
    const body = JSON.stringify({ type: 'L', torqueNm: 40 });
    const bytes = Buffer.byteLength(body);
    const response = await fetch(`${trusting.origin}/api/predict`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer the-browsers-own-token' },
      body,
    });
    expect(response.status, trusting.stderr()).toBe(200);
    expect(await response.json()).toEqual({ echoed: { method: 'POST', url: '/predict', bytes } });
    expect(lastSeen(trusting)).toEqual({ method: 'POST', url: '/predict', authorization: expectedAuthorization, host: `localhost:${upstreamPort}`, adminToken: undefined, bytes });
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it("passes the operator's X-Admin-Token through to the API's admin endpoints", async () => {
    const response = await fetch(`${trusting.origin}/api/registry/aliases/champion`, { method: 'POST', headers: { 'x-admin-token': 'the-admin-token', 'content-type': 'application/json' }, body: '{"version":"2"}' });
    expect(response.status, trusting.stderr()).toBe(200);
    expect(lastSeen(trusting)).toMatchObject({ url: '/registry/aliases/champion', authorization: expectedAuthorization, adminToken: 'the-admin-token' });
  });

  it('redirects a bare /api to /api/ on the same scheme and host, not to the pod\'s http port', async () => {
    const response = await fetch(`${trusting.origin}/api`, { redirect: 'manual' });
    expect(response.status, trusting.stderr()).toBe(301);
    expect(response.headers.get('location')).toBe('/api/');
  });

  it('asks the DNS server for the upstream when a request needs it, not /etc/hosts when nginx starts', () => {
    expect(dns.asked).toContain('localhost');
  });

  it('still serves the UI when the upstream name does not resolve, and answers /api with 502', async () => {
    const page = await fetch(`${unresolvable.origin}/`);
    expect(page.status, unresolvable.stderr()).toBe(200);
    expect(await page.text()).toContain('operator UI');
    const before = seen.length;
    expect((await fetch(`${unresolvable.origin}/api/predict`, { method: 'POST', body: '{}' })).status).toBe(502);
    expect(seen.length).toBe(before);
    expect(dns.asked).toContain('edge-not-published.invalid');
  });

  it('passes an encoded path on as the browser sent it (%2F stays encoded)', async () => {
    const response = await fetch(`${trusting.origin}/api/registry/versions/a%2Fb/report`);
    expect(response.status, trusting.stderr()).toBe(200);
    expect(lastSeen(trusting).url).toBe('/registry/versions/a%2Fb/report');
  });

  it('keeps the query string', async () => {
    const response = await fetch(`${trusting.origin}/api/models?x=1`);
    expect(response.status, trusting.stderr()).toBe(200);
    expect(lastSeen(trusting).url).toBe('/models?x=1');
  });

  it('passes a 1 MB batch body, which the server-wide 1k limit would refuse elsewhere', async () => {
    const body = JSON.stringify({ csv: 'x'.repeat(1024 * 1024) });
    const response = await fetch(`${trusting.origin}/api/predict/batch`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(response.status, trusting.stderr()).toBe(200);
    expect(lastSeen(trusting)).toMatchObject({ url: '/predict/batch', bytes: Buffer.byteLength(body) });
  });

  it("returns the upstream's 401 without its login challenge, so the browser never prompts for the edge's credentials", async () => {
    const response = await fetch(`${trusting.origin}/api/unauthorized`);
    expect(response.status, trusting.stderr()).toBe(401);
    expect(await response.json()).toEqual({ error: 'unauthorized' });
    expect(response.headers.get('www-authenticate')).toBeNull();
  });

  it('still serves the UI itself outside /api/', async () => {
    const before = seen.length;
    const response = await fetch(`${trusting.origin}/models`);
    expect(response.status, trusting.stderr()).toBe(200);
    expect(await response.text()).toContain('<title>operator UI</title>');
    expect(seen.length).toBe(before);
  });

  it("answers 502 and sends nothing when the upstream's certificate is not trusted", async () => {
    const before = seen.length;
    const response = await fetch(`${distrusting.origin}/api/predict`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(response.status, distrusting.stderr()).toBe(502);
    expect(seen.length).toBe(before);
    // nginx logs the refusal just before answering; give the pipe a moment.
    for (let waited = 0; waited < 1000 && !/certificate verify error/.test(distrusting.stderr()); waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(distrusting.stderr()).toMatch(/upstream SSL certificate verify error/);
  });
});
