/**
 * The stand-in for Traefik's `websecure` entrypoint (port 443): one listener that, like Traefik,
 * tells the protocols apart by their first bytes. A TLS ClientHello is passed on untouched to the
 * HTTP routers (nginx, configured from the rendered Ingress objects); PostgreSQL's SSLRequest is
 * answered as Traefik v3 does for a TCP router with `tls: {}` and a HostSNI rule: "S", then the
 * TLS handshake is terminated here, the SNI picks the IngressRouteTCP, and the decrypted stream
 * goes on to the Service, as the rendered route says.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';
import { createSecureContext, TLSSocket } from 'node:tls';

/** A rendered IngressRouteTCP: `HostSNI(host)` to a Service address. */
export interface TcpRoute {
  readonly hostSni: string;
  readonly upstream: { readonly host: string; readonly port: number };
}

export interface WebsecureEntrypointOptions {
  readonly listen: { readonly host: string; readonly port: number };
  /** Where the HTTP routers (nginx) take TLS connections. */
  readonly https: { readonly host: string; readonly port: number };
  readonly tcpRoutes: readonly TcpRoute[];
  /** PEM certificate and key the TCP routers serve (the HTTP routers serve their own). */
  readonly cert: string;
  readonly key: string;
  readonly log?: (line: string) => void;
}

/** PostgreSQL's SSLRequest and GSSENCRequest: length 8, then a magic request code. */
const sslRequestCode = 80877103;
const gssEncRequestCode = 80877104;

/** What the first bytes of a connection are. */
export function classifyOpening(bytes: Buffer): 'tls' | 'postgres-ssl' | 'postgres-gssenc' | 'unknown' | 'incomplete' {
  if (bytes.length === 0) return 'incomplete';
  // A TLS record of type handshake (22).
  if (bytes[0] === 0x16) return 'tls';
  if (bytes.length < 8) return bytes.readUInt8(0) === 0 ? 'incomplete' : 'unknown';
  if (bytes.readInt32BE(0) !== 8) return 'unknown';
  const code = bytes.readInt32BE(4);
  if (code === sslRequestCode) return 'postgres-ssl';
  if (code === gssEncRequestCode) return 'postgres-gssenc';
  return 'unknown';
}

/** Joins two sockets both ways. Nagle off on both: a proxy must not hold small writes back (with delayed ACKs that is ~40 ms a request). */
function splice(a: Socket, b: Socket): void {
  a.setNoDelay(true);
  b.setNoDelay(true);
  a.pipe(b);
  b.pipe(a);
  const end = () => {
    a.destroy();
    b.destroy();
  };
  a.once('error', end).once('close', end);
  b.once('error', end).once('close', end);
}

/** Starts the entrypoint; resolves once it listens. */
export async function startWebsecureEntrypoint(options: WebsecureEntrypointOptions): Promise<Server> {
  const log = options.log ?? (() => undefined);
  const secureContext = createSecureContext({ cert: options.cert, key: options.key });
  const routes = new Map(options.tcpRoutes.map((route) => [route.hostSni.toLowerCase(), route]));

  const terminatePostgres = (socket: Socket): void => {
    socket.write('S');
    const tlsSocket = new TLSSocket(socket, { isServer: true, secureContext });
    tlsSocket.once('secure', () => {
      const sni = (tlsSocket as TLSSocket & { servername?: string | false }).servername;
      const route = typeof sni === 'string' ? routes.get(sni.toLowerCase()) : undefined;
      if (!route) {
        log(`websecure: no TCP route for SNI ${String(sni)}; closing`);
        tlsSocket.destroy();
        return;
      }
      splice(tlsSocket, connect(route.upstream.port, route.upstream.host));
    });
    tlsSocket.once('error', (error) => {
      log(`websecure: TLS from ${socket.remoteAddress}: ${error.message}`);
      tlsSocket.destroy();
    });
  };

  const server = createServer({ pauseOnConnect: true }, (socket) => {
    let opening = Buffer.alloc(0);
    const onData = (chunk: Buffer): void => {
      opening = Buffer.concat([opening, chunk]);
      const kind = classifyOpening(opening);
      if (kind === 'incomplete') return;
      socket.off('data', onData);
      socket.pause();
      if (kind === 'tls') {
        const upstream = connect(options.https.port, options.https.host);
        upstream.write(opening);
        splice(socket, upstream);
        socket.resume();
      } else if (kind === 'postgres-gssenc') {
        // No GSS encryption here, as with Traefik: "N", and the client goes on with an SSLRequest.
        opening = Buffer.alloc(0);
        socket.write('N');
        socket.on('data', onData);
        socket.resume();
      } else if (kind === 'postgres-ssl' && opening.length === 8) {
        terminatePostgres(socket);
      } else {
        log(`websecure: unrecognised opening from ${socket.remoteAddress}; closing`);
        socket.destroy();
      }
    };
    socket.on('data', onData);
    socket.once('error', () => socket.destroy());
    socket.resume();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.listen.port, options.listen.host, () => resolve());
  });
  return server;
}
