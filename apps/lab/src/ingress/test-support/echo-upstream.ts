import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What an echo upstream saw of one request. */
export interface EchoedRequest {
  readonly upstream: string;
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly bodyLength: number;
}

export interface EchoUpstream {
  /** `127.0.0.1:<port>`, as an upstream address. */
  readonly address: string;
  close(): Promise<void>;
}

/**
 * An HTTP server on a loopback port that answers every request with JSON describing it (its own
 * name, method, URL, headers, body length) and `X-Powered-By: echo`, so a test sees what a
 * proxy forwarded.
 */
export async function startEchoUpstream(name: string): Promise<EchoUpstream> {
  const server: Server = createServer((request, response) => {
    let bodyLength = 0;
    request.on('data', (chunk: Buffer) => (bodyLength += chunk.length));
    request.on('end', () => {
      const echoed: EchoedRequest = { upstream: name, method: request.method ?? '', url: request.url ?? '', headers: request.headers, bodyLength };
      response.writeHead(200, { 'content-type': 'application/json', 'x-powered-by': 'echo' });
      response.end(JSON.stringify(echoed));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    address: `127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
