import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpRows } from './http-source.ts';

/** A data API like the seeds': pages of rows behind a cursor. */
function startDataApi(total: number): Promise<{ server: Server; url: string; requests: string[] }> {
  const requests: string[] = [];
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    requests.push(url.search);
    const from = Number(url.searchParams.get('cursor') ?? 0);
    const limit = Number(url.searchParams.get('limit'));
    const rows = Array.from({ length: Math.max(0, Math.min(limit, total - from)) }, (_, i) => ({
      id: `r${from + i}`,
      input: { type: 'L', airTemperatureK: 300, processTemperatureK: 310, rotationalSpeedRpm: 1500, torqueNm: 40, toolWearMin: from + i },
      label: (from + i) % 10 === 0 ? 1 : 0,
    }));
    const next = from + rows.length < total ? String(from + rows.length) : null;
    response.setHeader('content-type', 'application/json');
    response.end(JSON.stringify({ rows, nextCursor: next }));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/data`, requests })));
}

describe('httpRows', () => {
  let api: Awaited<ReturnType<typeof startDataApi>>;
  beforeAll(async () => {
    api = await startDataApi(25);
  });
  afterAll(() => new Promise<void>((resolve) => api.server.close(() => resolve())));

  it('follows the cursor page by page to the end', async () => {
    const { rows, cursor } = await httpRows(api.url, { pageSize: 10 });
    expect(rows.map((r) => r.origin)).toEqual(Array.from({ length: 25 }, (_, i) => `r${i}`));
    expect(cursor).toBe('20');
  });

  it('continues from a cursor and stops at maxRows', async () => {
    const { rows, cursor } = await httpRows(api.url, { cursor: '10', pageSize: 5, maxRows: 7 });
    expect(rows.map((r) => r.origin)).toEqual(['r10', 'r11', 'r12', 'r13', 'r14', 'r15', 'r16']);
    expect(cursor).toBe('20');
  });

  it('names the endpoint that does not answer', async () => {
    await expect(httpRows('http://127.0.0.1:9/none', {})).rejects.toThrow(/127\.0\.0\.1:9\/none: unreachable/);
  });
});
