import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeLabCa, type LabCa } from '../runtime/lab-ca.ts';
import { predictBody, runShopFloorJob, type ShopFloorJob } from './shop-floor-client.ts';

describe('the shop-floor client', () => {
  let dir: string;
  let ca: LabCa;
  let otherCa: LabCa;
  let server: Server;
  let answer: boolean;
  const bodies: string[] = [];
  const authorizations = new Set<string>();

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mw-shop-floor-'));
    ca = makeLabCa(join(dir, 'ca'), ['localhost']);
    otherCa = makeLabCa(join(dir, 'other-ca'), ['localhost']);
    server = createServer({ cert: readFileSync(ca.cert), key: readFileSync(ca.key) }, (request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        bodies.push(body);
        authorizations.add(request.headers.authorization ?? '');
        // A cut link: the request arrived, the answer never comes.
        if (answer) response.end('{}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  const job = (fields: Partial<ShopFloorJob>): ShopFloorJob => ({
    baseUrl: `https://localhost:${(server.address() as AddressInfo).port}`,
    username: 'operator',
    password: 'pw',
    caFile: ca.caCert,
    mode: 'row',
    machineIds: [],
    ratePerSecond: 100,
    durationMs: 300,
    timeoutMs: 400,
    ...fields,
  });

  it('posts contract rows with basic auth, over TLS it verifies against the CA it is given', async () => {
    answer = true;
    const samples = await runShopFloorJob(job({}));
    expect(samples.map((sample) => sample.outcome)).toEqual(Array<string>(30).fill('200'));
    expect([...authorizations]).toEqual([`Basic ${Buffer.from('operator:pw').toString('base64')}`]);
    expect(Object.keys(JSON.parse(bodies[0]!) as object)).toContain('torqueNm');
    const untrusted = await runShopFloorJob(job({ caFile: otherCa.caCert }));
    expect(new Set(untrusted.map((sample) => sample.outcome))).toEqual(new Set(['UNABLE_TO_VERIFY_LEAF_SIGNATURE']));
  });

  it('fails every request that is not answered by its deadline, queued ones included', async () => {
    answer = false;
    const started = performance.now();
    const samples = await runShopFloorJob(job({ ratePerSecond: 200, durationMs: 500, timeoutMs: 300 }));
    expect(samples).toHaveLength(100);
    expect(samples.filter((s) => s.ok)).toEqual([]);
    expect(new Set(samples.map((s) => s.outcome))).toEqual(new Set(['timeout']));
    // Each fails at its own deadline, not a socket's idle timeout once a connection frees up.
    expect(Math.max(...samples.map((s) => s.latencyMs))).toBeLessThan(300 + 400);
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it('sends a live machine by id in machine mode', () => {
    expect(JSON.parse(predictBody({ mode: 'machine', machineIds: ['m-1', 'm-2'] }, 3))).toEqual({ machineId: 'm-2' });
    expect(Object.keys(JSON.parse(predictBody({ mode: 'row', machineIds: [] }, 3)))).toEqual(['type', 'airTemperatureK', 'processTemperatureK', 'rotationalSpeedRpm', 'torqueNm', 'toolWearMin']);
  });
});
