/**
 * The operator UI as the local stack serves it: vite's build of apps/ui (built first when missing
 * or older than its sources, by @millwright/ui-build), every file registered as an exact GET
 * route on the API's Fastify instance, so the UI and the API share one origin and one URL, with the security headers the
 * UI image's nginx sends.
 */
import { readFileSync } from 'node:fs';
import { extname, relative } from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { filesUnder } from '@millwright/ui-build';

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
