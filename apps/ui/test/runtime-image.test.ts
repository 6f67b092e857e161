// @vitest-environment node
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseRuntimeConfig } from '../src/shared/config/runtime-config.ts';
import { parseAddHeaders } from '../src/test-support/static-ui-server.ts';

const script = join(import.meta.dirname, '../docker/write-runtime-config.sh');
const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function runScript(env: Record<string, string>, args: string[] = []) {
  const dir = mkdtempSync(join(tmpdir(), 'millwright-ui-runtime-'));
  dirs.push(dir);
  const result = spawnSync('sh', [script, ...args], { env: { PATH: process.env['PATH']!, UI_RUNTIME_DIR: dir, ...env }, encoding: 'utf8' });
  return { dir, ...result };
}

describe('write-runtime-config.sh (the image entrypoint)', () => {
  it('writes config.json the UI parses without problems, from API_URL and PROMETHEUS_URL', () => {
    const { dir, status } = runScript({ API_URL: 'https://api.example.com/', PROMETHEUS_URL: 'http://prometheus.monitoring:9090', REFRESH_SECONDS: '10' });
    expect(status).toBe(0);
    const json = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'));
    expect(parseRuntimeConfig(json)).toEqual({ config: { apiUrl: 'https://api.example.com', prometheusUrl: 'http://prometheus.monitoring:9090', refreshSeconds: 10 }, problems: [] });
  });

  it('writes security headers whose CSP lets the page connect to exactly its API and Prometheus origins', () => {
    const { dir } = runScript({ API_URL: 'https://api.example.com/v1', PROMETHEUS_URL: 'http://prom:9090' });
    const headers = parseAddHeaders(readFileSync(join(dir, 'security-headers.conf'), 'utf8'));
    expect(headers['Content-Security-Policy']).toContain("connect-src 'self' https://api.example.com http://prom:9090;");
    expect(headers['Content-Security-Policy']).toContain("frame-ancestors 'none'");
    expect(headers['Content-Security-Policy']).toContain("script-src 'self';");
    expect(headers).toMatchObject({ 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer', 'X-Frame-Options': 'DENY' });
  });

  it('defaults to the UI origin and no Prometheus', () => {
    const { dir } = runScript({});
    expect(JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'))).toEqual({ apiUrl: '', prometheusUrl: null, refreshSeconds: 5 });
  });

  it('refuses a URL that could break out of the JSON or the header, naming the variable', () => {
    const { status, stderr } = runScript({ API_URL: 'https://api.example.com"; script-src *' });
    expect(status).toBe(64);
    expect(stderr).toContain('ui: API_URL="https://api.example.com"; script-src *": must be an http(s) URL');
  });

  it('then runs its command, as the image runs nginx', () => {
    const { status, stdout } = runScript({}, ['echo', 'nginx would start']);
    expect(status).toBe(0);
    expect(stdout).toBe('nginx would start\n');
  });
});

/** The directives of an nginx include file: its lines without comments and blank lines. */
function directives(conf: string): string[] {
  return conf
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

describe('write-runtime-config.sh, the /api proxy (API_UPSTREAM*)', () => {
  const password = 'pa$$ "word": from a Secret';
  const credentials = { API_UPSTREAM_USERNAME: 'ui-api-user', API_UPSTREAM_PASSWORD: password };
  const basic = Buffer.from(`ui-api-user:${password}`).toString('base64');

  it('writes one /api/ location that strips /api, adds the basic-auth credential and verifies the upstream by name', () => {
    const { dir, status, stderr } = runScript({ API_UPSTREAM: 'https://inference-api.factory.example.com:8443/', ...credentials, API_UPSTREAM_RESOLVER: '10.43.0.10' });
    expect(status, stderr).toBe(0);
    expect(directives(readFileSync(join(dir, 'api-proxy.conf'), 'utf8'))).toEqual([
      'location /api/ {',
      `include ${dir}/security-headers.conf;`,
      'client_max_body_size 8m;',
      'resolver 10.43.0.10 valid=30s ipv6=off;',
      'resolver_timeout 5s;',
      'set $api_upstream "https://inference-api.factory.example.com:8443";',
      'rewrite ^ $request_uri?;',
      'rewrite ^/api(/.*)$ $1 break;',
      'return 400;',
      'proxy_pass $api_upstream$uri$is_args$args;',
      'proxy_set_header Host "inference-api.factory.example.com:8443";',
      `proxy_set_header Authorization "Basic ${basic}";`,
      'proxy_http_version 1.1;',
      'proxy_set_header Connection "";',
      'proxy_hide_header WWW-Authenticate;',
      'proxy_connect_timeout 5s;',
      'proxy_send_timeout 60s;',
      'proxy_read_timeout 60s;',
      'proxy_ssl_server_name on;',
      'proxy_ssl_name inference-api.factory.example.com;',
      'proxy_ssl_verify on;',
      'proxy_ssl_verify_depth 3;',
      'proxy_ssl_trusted_certificate /etc/ssl/certs/ca-certificates.crt;',
      '}',
    ]);
  });

  it('trusts API_UPSTREAM_CA_FILE instead of the system bundle when set', () => {
    // Any readable file will do here: nginx, not the script, parses the bundle.
    const { dir } = runScript({ API_UPSTREAM: 'https://inference-api.example.com', ...credentials, API_UPSTREAM_CA_FILE: script });
    const conf = directives(readFileSync(join(dir, 'api-proxy.conf'), 'utf8'));
    expect(conf).toContain(`proxy_ssl_trusted_certificate ${script};`);
    expect(conf).toContain('proxy_set_header Host "inference-api.example.com";');
  });

  it('leaves the TLS directives out for a plain http upstream (local use)', () => {
    const { dir } = runScript({ API_UPSTREAM: 'http://localhost:8000', ...credentials });
    const conf = directives(readFileSync(join(dir, 'api-proxy.conf'), 'utf8'));
    expect(conf).toContain('set $api_upstream "http://localhost:8000";');
    expect(conf.filter((line) => line.startsWith('proxy_ssl_'))).toEqual([]);
  });

  it("asks the pod's own DNS server by default (the first nameserver of /etc/resolv.conf)", () => {
    const nameserver = /^nameserver\s+(\S+)/m.exec(readFileSync('/etc/resolv.conf', 'utf8'))?.[1];
    expect(nameserver, 'this machine has no nameserver in /etc/resolv.conf').toBeDefined();
    const { dir, status, stderr } = runScript({ API_UPSTREAM: 'https://inference-api.example.com', ...credentials });
    expect(status, stderr).toBe(0);
    const expected = nameserver!.includes(':') ? `[${nameserver}]` : nameserver;
    expect(directives(readFileSync(join(dir, 'api-proxy.conf'), 'utf8'))).toContain(`resolver ${expected} valid=30s ipv6=off;`);
  });

  it('refuses a resolver that is not an address[:port], naming the variable', () => {
    const { status, stderr } = runScript({ API_UPSTREAM: 'https://inference-api.example.com', ...credentials, API_UPSTREAM_RESOLVER: '10.0.0.1; include /etc/passwd' });
    expect(status).toBe(64);
    expect(stderr).toContain('ui: API_UPSTREAM_RESOLVER="10.0.0.1; include /etc/passwd": must be a DNS server');
  });

  it('writes a file without directives when there is no upstream, readable by its owner only', () => {
    const { dir, status } = runScript({});
    expect(status).toBe(0);
    expect(directives(readFileSync(join(dir, 'api-proxy.conf'), 'utf8'))).toEqual([]);
    expect(statSync(join(dir, 'api-proxy.conf')).mode & 0o777).toBe(0o600);
  });

  const refusals: [string, Record<string, string>, string][] = [
    ['a URL with a path', { API_UPSTREAM: 'https://inference-api.example.com/api', ...credentials }, 'ui: API_UPSTREAM="https://inference-api.example.com/api": must be a scheme and host'],
    ['a URL with a second line', { API_UPSTREAM: 'https://inference-api.example.com\n; }', ...credentials }, 'ui: API_UPSTREAM="https://inference-api.example.com'],
    ['a missing username', { API_UPSTREAM: 'https://api.example.com', API_UPSTREAM_PASSWORD: password }, 'ui: API_UPSTREAM_USERNAME: must be set when API_UPSTREAM is'],
    ['a username with ":"', { API_UPSTREAM: 'https://api.example.com', ...credentials, API_UPSTREAM_USERNAME: 'ui:api' }, 'ui: API_UPSTREAM_USERNAME: must not contain ":"'],
    ['a missing password', { API_UPSTREAM: 'https://api.example.com', API_UPSTREAM_USERNAME: 'ui-api-user' }, 'ui: API_UPSTREAM_PASSWORD: must be set when API_UPSTREAM is'],
    ['an unreadable CA file', { API_UPSTREAM: 'https://api.example.com', ...credentials, API_UPSTREAM_CA_FILE: '/nonexistent/ca.pem' }, 'ui: API_UPSTREAM_CA_FILE="/nonexistent/ca.pem": must be the absolute path of a readable PEM file'],
  ];

  it.each(refusals)('refuses %s with exit 64, naming the variable and never printing the password', (_, env, message) => {
    const { dir, status, stdout, stderr } = runScript(env);
    expect(status).toBe(64);
    expect(stderr).toContain(message);
    for (const secret of [password, basic]) expect(stdout + stderr).not.toContain(secret);
    expect(() => statSync(join(dir, 'api-proxy.conf'))).toThrow();
  });
});

describe('the image', () => {
  const nginx = readFileSync(join(import.meta.dirname, '../docker/nginx.conf'), 'utf8');
  const dockerfile = readFileSync(join(import.meta.dirname, '../Dockerfile'), 'utf8');

  it('listens on 8080 and writes only under /tmp (read-only root filesystem)', () => {
    expect(nginx).toMatch(/^\s*listen 8080;$/m);
    const paths = [...nginx.matchAll(/^\s*(pid|\w+_temp_path)\s+(\S+);$/gm)].map((match) => match[2]);
    expect(paths.length).toBeGreaterThanOrEqual(6);
    expect(paths.every((path) => path!.startsWith('/tmp/'))).toBe(true);
  });

  it('sends the security headers from every location that sets its own headers', () => {
    const locations = nginx.split(/\n\s*location /).slice(1);
    for (const location of locations.filter((block) => block.includes('add_header'))) expect(location).toContain('include /tmp/ui-runtime/security-headers.conf;');
  });

  it('includes the /api proxy location in the server, where a location may go', () => {
    const server = nginx.slice(nginx.indexOf('server {'));
    expect(server).toMatch(/^\s*include \/tmp\/ui-runtime\/api-proxy\.conf;$/m);
    expect(server.indexOf('include /tmp/ui-runtime/api-proxy.conf;')).toBeLessThan(server.indexOf('location / {'));
  });

  it('builds on Node 24 bookworm-slim and runs unprivileged nginx, pinned by tag, as uid 10001', () => {
    const images = [...dockerfile.matchAll(/^FROM (\S+)/gm)].map((match) => match[1]);
    expect(images).toEqual(['node:24-bookworm-slim', expect.stringMatching(/^nginxinc\/nginx-unprivileged:\d+\.\d+\.\d+/)]);
    expect(dockerfile).toMatch(/^USER 10001:10001$/m);
    expect(dockerfile).toMatch(/^EXPOSE 8080$/m);
  });
});
