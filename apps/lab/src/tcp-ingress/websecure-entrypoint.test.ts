import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import type { AddressInfo, Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startPostgres, type PostgresServer } from '@millwright/test-servers';
import { makeLabCa, type LabCa } from '../runtime/lab-ca.ts';
import { classifyOpening, startWebsecureEntrypoint } from './websecure-entrypoint.ts';

describe('classifyOpening', () => {
  it("tells a TLS ClientHello, PostgreSQL's SSLRequest and GSSENCRequest apart", () => {
    expect(classifyOpening(Buffer.from([0x16, 0x03, 0x01]))).toBe('tls');
    expect(classifyOpening(Buffer.from([0, 0, 0, 8, 0x04, 0xd2, 0x16, 0x2f]))).toBe('postgres-ssl');
    expect(classifyOpening(Buffer.from([0, 0, 0, 8, 0x04, 0xd2, 0x16, 0x30]))).toBe('postgres-gssenc');
    expect(classifyOpening(Buffer.from([0, 0, 0]))).toBe('incomplete');
    expect(classifyOpening(Buffer.from('GET / HTTP/1.1\r\n'))).toBe('unknown');
    // A plain StartupMessage (no TLS asked for): refused, as Traefik's TLS router refuses it.
    expect(classifyOpening(Buffer.from([0, 0, 0, 40, 0, 3, 0, 0]))).toBe('unknown');
  });
});

describe('the websecure entrypoint stand-in', () => {
  let dir: string;
  let ca: LabCa;
  let postgres: PostgresServer;
  let https: HttpsServer;
  let entrypoint: Server;
  let port: number;
  const host = 'postgres.factory.example.com';

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mw-websecure-'));
    ca = makeLabCa(join(dir, 'ca'), [host, 'ui.factory.example.com']);
    postgres = await startPostgres();
    https = createHttpsServer({ cert: readFileSync(ca.cert), key: readFileSync(ca.key) }, (request, response) => response.end(`http ${request.url}`));
    await new Promise<void>((resolve) => https.listen(0, '127.0.0.1', resolve));
    port = await freePort();
    entrypoint = await startWebsecureEntrypoint({
      listen: { host: '127.0.0.1', port },
      https: { host: '127.0.0.1', port: (https.address() as AddressInfo).port },
      tcpRoutes: [{ hostSni: host, upstream: { host: '127.0.0.1', port: postgres.port } }],
      cert: readFileSync(ca.cert, 'utf8'),
      key: readFileSync(ca.key, 'utf8'),
    });
  });

  afterAll(async () => {
    await new Promise((resolve) => entrypoint?.close(resolve));
    await new Promise((resolve) => https?.close(resolve));
    await postgres?.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('terminates PostgreSQL STARTTLS for the SNI of a TCP route, with a certificate the client verifies', async () => {
    const client = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres', ssl: { ca: readFileSync(ca.caCert, 'utf8'), servername: host } });
    await client.connect();
    try {
      const { rows } = await client.query<{ ssl: boolean }>('SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()');
      // TLS ends at the ingress: the server sees a plain connection, as behind Traefik.
      expect(rows).toEqual([{ ssl: false }]);
    } finally {
      await client.end();
    }
  });

  it('refuses a client that does not trust the certificate, and an SNI without a route', async () => {
    const untrusting = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres', ssl: { servername: host } });
    await expect(untrusting.connect()).rejects.toThrow(/certificate/);
    const unrouted = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres', ssl: { ca: readFileSync(ca.caCert, 'utf8'), servername: 'ui.factory.example.com' } });
    await expect(unrouted.connect()).rejects.toThrow();
  });

  it('passes TLS connections on untouched to the HTTP routers', async () => {
    const { request } = await import('node:https');
    const body = await new Promise<string>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path: '/hello', servername: 'ui.factory.example.com', ca: readFileSync(ca.caCert) }, (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString()));
        response.on('end', () => resolve(text));
      });
      req.once('error', reject);
      req.end();
    });
    expect(body).toBe('http /hello');
  });
});
