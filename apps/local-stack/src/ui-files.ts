/**
 * The operator UI as the local stack serves it: vite's build of apps/ui (built first when missing
 * or older than its sources), every file registered as an exact GET route on the API's Fastify
 * instance, so the UI and the API share one origin and one URL, with the security headers the
 * UI image's nginx sends.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** The headers of every UI response; the API is same-origin here, so `connect-src 'self'`. */
export const uiSecurityHeaders: Readonly<Record<string, string>> = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

function filesUnder(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    return entry.isDirectory() ? filesUnder(path) : [path];
  });
}

function newestModification(paths: readonly string[]): number {
  return Math.max(0, ...paths.filter(existsSync).flatMap((path) => (statSync(path).isDirectory() ? filesUnder(path) : [path])).map((file) => statSync(file).mtimeMs));
}

/** Whether `outDir` lacks a build or is older than the UI's sources or the libraries it uses. */
export function uiBuildIsStale(workspaceRoot: string, outDir: string): boolean {
  const index = join(outDir, 'index.html');
  if (!existsSync(index)) return true;
  const sources = ['apps/ui/src', 'apps/ui/index.html', 'apps/ui/vite.config.ts', 'libs/contract/src', 'libs/factory/src'].map((path) => join(workspaceRoot, path));
  return newestModification(sources) > statSync(index).mtimeMs;
}

/** Runs vite's build of the UI into `outDir`. @throws Error with vite's output when it fails. */
export function buildUi(workspaceRoot: string, outDir: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const vite = join(workspaceRoot, 'node_modules', 'vite', 'bin', 'vite.js');
    const child = spawn(process.execPath, [vite, 'build', '--config', 'apps/ui/vite.config.ts', '--outDir', outDir, '--logLevel', 'warn'], {
      cwd: workspaceRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`building the UI failed (vite exited with ${code}):\n${output.trim()}`))));
  });
}

/**
 * Serves the files of `outDir` at `/` (index.html) and their paths, and what `config` returns as
 * `/config.json` (the UI's runtime settings; asked per request, as the port is known only once
 * the server listens). Register before the server starts.
 */
export function serveUi(app: FastifyInstance, outDir: string, config: () => Readonly<Record<string, unknown>>): void {
  const send = (body: Buffer | string, type: string, cache: string) => (_request: unknown, reply: FastifyReply) =>
    reply.headers({ ...uiSecurityHeaders, 'content-type': type, 'cache-control': cache }).send(body);
  for (const file of filesUnder(outDir)) {
    const path = `/${relative(outDir, file).split('\\').join('/')}`;
    if (path === '/config.json') continue;
    const body = readFileSync(file);
    const type = contentTypes[extname(file)] ?? 'application/octet-stream';
    // Vite names assets by content hash: they never change under their name.
    const cache = path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
    app.get(path, { schema: { hide: true }, logLevel: 'warn' }, send(body, type, cache));
    if (path === '/index.html') app.get('/', { schema: { hide: true }, logLevel: 'warn' }, send(body, type, cache));
  }
  app.get('/config.json', { schema: { hide: true } }, (request, reply) => send(JSON.stringify(config()), contentTypes['.json']!, 'no-store')(request, reply));
}
