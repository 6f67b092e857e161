/**
 * A DNS server on a loopback UDP port for the tests of nginx's request-time resolution (its
 * `resolver` asks a DNS server, never /etc/hosts): names in `addresses` answer with their IPv4
 * address (RFC 1035 A record), every other name answers NXDOMAIN. One question per query, no
 * recursion, no TCP: what nginx's resolver sends.
 */
import { createSocket, type Socket } from 'node:dgram';

const typeA = 1;
const classIn = 1;

export interface LoopbackDns {
  /** `host:port`, as nginx's `resolver` takes it. */
  readonly address: string;
  /** The names asked so far, lowercased. */
  readonly asked: string[];
  close(): Promise<void>;
}

/** The question's name and where the question (name, type, class) ends, or undefined when malformed. */
function readQuestion(query: Buffer): { name: string; type: number; end: number } | undefined {
  const labels: string[] = [];
  let offset = 12;
  while (offset < query.length && query[offset]! > 0) {
    const length = query[offset]!;
    if (length > 63 || offset + 1 + length > query.length) return undefined;
    labels.push(query.toString('latin1', offset + 1, offset + 1 + length));
    offset += 1 + length;
  }
  if (offset + 5 > query.length) return undefined;
  return { name: labels.join('.').toLowerCase(), type: query.readUInt16BE(offset + 1), end: offset + 5 };
}

function answer(query: Buffer, addresses: Readonly<Record<string, string>>): Buffer | undefined {
  if (query.length < 12 || query.readUInt16BE(4) !== 1) return undefined;
  const question = readQuestion(query);
  if (question === undefined) return undefined;
  const address = addresses[question.name];
  const found = address !== undefined;
  const withRecord = found && question.type === typeA;
  const header = Buffer.alloc(12);
  header.writeUInt16BE(query.readUInt16BE(0), 0); // the query's id
  header.writeUInt16BE(0x8000 | 0x0400 | (query.readUInt16BE(2) & 0x0100) | (found ? 0 : 3), 2); // response, authoritative, RD echoed, NXDOMAIN when unknown
  header.writeUInt16BE(1, 4);
  header.writeUInt16BE(withRecord ? 1 : 0, 6);
  const parts = [header, query.subarray(12, question.end)];
  if (withRecord) {
    const record = Buffer.alloc(16);
    record.writeUInt16BE(0xc00c, 0); // the name: a pointer to the question's
    record.writeUInt16BE(typeA, 2);
    record.writeUInt16BE(classIn, 4);
    record.writeUInt32BE(30, 6); // TTL
    record.writeUInt16BE(4, 10);
    address.split('.').forEach((octet, index) => record.writeUInt8(Number(octet), 12 + index));
    parts.push(record);
  }
  return Buffer.concat(parts);
}

/** Where {@link startLoopbackDns} listens: a free loopback port unless told (the lab serves each site's names on its gateway, port 53). */
export interface LoopbackDnsListen {
  readonly host?: string;
  readonly port?: number;
}

/** Starts the server, on a free loopback port unless `listen` says otherwise. */
export async function startLoopbackDns(addresses: Readonly<Record<string, string>>, listen: LoopbackDnsListen = {}): Promise<LoopbackDns> {
  const socket: Socket = createSocket('udp4');
  const asked: string[] = [];
  socket.on('message', (query, peer) => {
    const question = readQuestion(query);
    if (question) asked.push(question.name);
    const reply = answer(query, addresses);
    if (reply) socket.send(reply, peer.port, peer.address);
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(listen.port ?? 0, listen.host ?? '127.0.0.1', () => resolve());
  });
  return {
    address: `${socket.address().address}:${socket.address().port}`,
    asked,
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}
