/**
 * A tiny static server for the end-to-end test that behaves like the image's nginx: the built
 * files, index.html for unknown paths, `/config.json` and the security headers from the runtime
 * directory that the image's own entrypoint script (docker/write-runtime-config.sh) wrote. So the
 * browser runs the UI under the production Content-Security-Policy.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
};

/** The headers of an nginx include file of `add_header Name "value" always;` lines. */
export function parseAddHeaders(conf: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const match of conf.matchAll(/^add_header\s+(\S+)\s+"([^"]*)"(\s+always)?;$/gm)) headers[match[1]!] = match[2]!;
  return headers;
}

/** A running server and its origin. */
export interface StaticUiServer {
  readonly origin: string;
  close(): Promise<void>;
}

/** Serves `distDir` on a free loopback port, with config.json and headers from `runtimeDir`. */
export async function startStaticUiServer(distDir: string, runtimeDir: string): Promise<StaticUiServer> {
  const server: Server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    const headers = parseAddHeaders(readFileSync(join(runtimeDir, 'security-headers.conf'), 'utf8'));
    for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
    if (path === '/config.json') {
      response.setHeader('content-type', 'application/json');
      response.end(readFileSync(join(runtimeDir, 'config.json')));
      return;
    }
    const file = normalize(join(distDir, path));
    const inside = file.startsWith(distDir) && extname(file) !== '';
    const served = inside ? file : join(distDir, 'index.html');
    try {
      const body = readFileSync(served);
      response.setHeader('content-type', contentTypes[extname(served)] ?? 'application/octet-stream');
      response.end(body);
    } catch {
      response.statusCode = 404;
      response.end('not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  return {
    origin: `http://127.0.0.1:${address.port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
