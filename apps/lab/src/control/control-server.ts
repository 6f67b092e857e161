/**
 * How `npm run lab -- fault|wan|status|down` reach a lab that `up` runs in another terminal: a
 * small JSON-over-HTTP API on a Unix socket in the lab's state folder (root-only, like the lab).
 */
import { existsSync, rmSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';

export interface ControlRequest {
  readonly command: 'status' | 'fault' | 'wan' | 'down';
  readonly args: readonly string[];
}

export interface ControlReply {
  readonly ok: boolean;
  readonly lines: readonly string[];
}

export type ControlHandler = (request: ControlRequest) => Promise<ControlReply>;

export async function startControlServer(socketPath: string, handle: ControlHandler): Promise<Server> {
  if (existsSync(socketPath)) rmSync(socketPath);
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      let parsed: ControlRequest;
      try {
        parsed = JSON.parse(Buffer.concat(chunks).toString('utf8')) as ControlRequest;
      } catch {
        res.writeHead(400).end(JSON.stringify({ ok: false, lines: ['the request is not JSON'] }));
        return;
      }
      handle(parsed)
        .catch((error: unknown): ControlReply => ({ ok: false, lines: [(error as Error).message] }))
        .then((reply) => res.writeHead(reply.ok ? 200 : 422, { 'content-type': 'application/json' }).end(JSON.stringify(reply)));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, () => resolve());
  });
  return server;
}

/** Sends one request to the running lab; undefined when no lab answers on the socket. */
export function sendControl(socketPath: string, body: ControlRequest): Promise<ControlReply | undefined> {
  return new Promise((resolve) => {
    if (!existsSync(socketPath)) return resolve(undefined);
    const req = request({ socketPath, method: 'POST', path: '/', headers: { 'content-type': 'application/json' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as ControlReply));
    });
    req.once('error', () => resolve(undefined));
    req.end(JSON.stringify(body));
  });
}
