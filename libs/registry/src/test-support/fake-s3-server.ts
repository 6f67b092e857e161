import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request the fake S3 server received. */
export interface RecordedS3Request {
  readonly method: string;
  readonly bucket: string;
  readonly key: string;
  readonly query: Readonly<Record<string, string>>;
}

/** A running fake S3 endpoint on 127.0.0.1 (path-style addressing, as MinIO is used). */
export interface FakeS3Server {
  /** The endpoint URL to give the S3 client, e.g. `http://127.0.0.1:41235`. */
  readonly url: string;
  /** Stored objects: `<bucket>/<key>` → bytes. */
  readonly objects: ReadonlyMap<string, Uint8Array>;
  readonly requests: readonly RecordedS3Request[];
  close(): Promise<void>;
}

/** Options of {@link startFakeS3Server}. */
export interface FakeS3ServerOptions {
  /** Keys per ListObjectsV2 page, to exercise continuation tokens. @default 1000 (S3's own maximum) */
  readonly pageSize?: number;
}

const xmlEscape = (text: string): string => text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);

function sendXml(response: ServerResponse, status: number, xml: string): void {
  response.writeHead(status, { 'content-type': 'application/xml' });
  response.end(`<?xml version="1.0" encoding="UTF-8"?>\n${xml}`);
}

function noSuchKey(response: ServerResponse, key: string): void {
  sendXml(response, 404, `<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message><Key>${xmlEscape(key)}</Key></Error>`);
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * Starts the smallest S3 the registry's S3 artifact store needs: PutObject, GetObject and
 * ListObjectsV2 (https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html) over path-style
 * URLs. Signatures are not checked. Objects live in memory.
 */
export async function startFakeS3Server(options: FakeS3ServerOptions = {}): Promise<FakeS3Server> {
  const pageSize = options.pageSize ?? 1000;
  const objects = new Map<string, Uint8Array>();
  const requests: RecordedS3Request[] = [];

  const list = (response: ServerResponse, bucket: string, query: URLSearchParams): void => {
    const prefix = query.get('prefix') ?? '';
    const start = Number(query.get('continuation-token') ?? '0');
    const maxKeys = Math.min(pageSize, Number(query.get('max-keys') ?? pageSize));
    const keys = [...objects.keys()]
      .filter((path) => path.startsWith(`${bucket}/${prefix}`))
      .map((path) => path.slice(bucket.length + 1))
      .sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
    const page = keys.slice(start, start + maxKeys);
    const truncated = start + maxKeys < keys.length;
    const contents = page
      .map((key) => `<Contents><Key>${xmlEscape(key)}</Key><LastModified>2025-01-01T00:00:00.000Z</LastModified><ETag>"0"</ETag><Size>${objects.get(`${bucket}/${key}`)!.byteLength}</Size><StorageClass>STANDARD</StorageClass></Contents>`)
      .join('');
    const next = truncated ? `<NextContinuationToken>${start + maxKeys}</NextContinuationToken>` : '';
    sendXml(
      response,
      200,
      `<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>${xmlEscape(bucket)}</Name><Prefix>${xmlEscape(prefix)}</Prefix><KeyCount>${page.length}</KeyCount><MaxKeys>${maxKeys}</MaxKeys><IsTruncated>${truncated}</IsTruncated>${contents}${next}</ListBucketResult>`,
    );
  };

  const server = createServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      const [bucket = '', ...rest] = url.pathname.slice(1).split('/');
      const key = rest.map(decodeURIComponent).join('/');
      const method = request.method ?? 'GET';
      const body = await readBody(request);
      requests.push({ method, bucket, key, query: Object.fromEntries(url.searchParams) });
      if (method === 'GET' && key === '' && url.searchParams.get('list-type') === '2') return list(response, bucket, url.searchParams);
      if (method === 'PUT' && key !== '') {
        objects.set(`${bucket}/${key}`, new Uint8Array(body));
        response.writeHead(200, { etag: '"0"' });
        return void response.end();
      }
      if (method === 'GET' && key !== '') {
        const bytes = objects.get(`${bucket}/${key}`);
        if (bytes === undefined) return noSuchKey(response, key);
        response.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(bytes.byteLength), etag: '"0"' });
        return void response.end(bytes);
      }
      sendXml(response, 501, `<Error><Code>NotImplemented</Code><Message>${xmlEscape(`${method} ${url.pathname}`)} is not implemented by the fake</Message></Error>`);
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    objects,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error === undefined ? resolve() : reject(error)));
      }),
  };
}
