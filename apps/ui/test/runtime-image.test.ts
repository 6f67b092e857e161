// @vitest-environment node
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
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

  it('builds on Node 24 bookworm-slim and runs unprivileged nginx, pinned by tag, as uid 10001', () => {
    const images = [...dockerfile.matchAll(/^FROM (\S+)/gm)].map((match) => match[1]);
    expect(images).toEqual(['node:24-bookworm-slim', expect.stringMatching(/^nginxinc\/nginx-unprivileged:\d+\.\d+\.\d+/)]);
    expect(dockerfile).toMatch(/^USER 10001:10001$/m);
    expect(dockerfile).toMatch(/^EXPOSE 8080$/m);
  });
});
