/**
 * A shop-floor client in the edge site: an HMI or line controller asking the inference API for
 * predictions over HTTPS through the ingress, with the ingress's basic-auth credentials, at a
 * fixed rate. The lab runs it inside the site's namespace (`ip netns exec`), so it reaches the API
 * only as a machine on that network would. Its job comes as JSON in argv[2]; it prints the samples
 * as one JSON document on stdout.
 */
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:https';
import { runOpenLoop, type Sample } from './open-loop.ts';

/** What the client is asked to do. */
export interface ShopFloorJob {
  /** `https://api.<domain>` as the site resolves it. */
  readonly baseUrl: string;
  readonly username: string;
  readonly password: string;
  readonly caFile: string;
  /** `row`: a contract row per request; `machine`: `{machineId}` of a live machine. */
  readonly mode: 'row' | 'machine';
  readonly machineIds: readonly string[];
  readonly ratePerSecond: number;
  readonly durationMs: number;
  readonly timeoutMs: number;
}

/** A contract-valid AI4I row, varied deterministically by `i`. */
export function predictRow(i: number): Record<string, string | number> {
  const wave = (period: number) => (Math.sin(i / period) + 1) / 2;
  return {
    type: ['L', 'M', 'H'][i % 3]!,
    airTemperatureK: 295 + 10 * wave(7),
    processTemperatureK: 305 + 10 * wave(11),
    rotationalSpeedRpm: 1200 + 1500 * wave(13),
    torqueNm: 10 + 60 * wave(5),
    toolWearMin: (i * 7) % 250,
  };
}

export function predictBody(job: Pick<ShopFloorJob, 'mode' | 'machineIds'>, i: number): string {
  if (job.mode === 'machine') return JSON.stringify({ machineId: job.machineIds[i % job.machineIds.length] });
  return JSON.stringify(predictRow(i));
}

export async function runShopFloorJob(job: ShopFloorJob): Promise<Sample[]> {
  const url = new URL('/predict', job.baseUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: 32, ca: readFileSync(job.caFile) });
  const authorization = `Basic ${Buffer.from(`${job.username}:${job.password}`).toString('base64')}`;
  const send = (i: number) =>
    new Promise<{ ok: boolean; outcome: string }>((resolve) => {
      const body = predictBody(job, i);
      const req = request(url, { method: 'POST', agent, headers: { authorization, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (response) => {
        response.resume();
        response.once('end', () => resolve({ ok: response.statusCode === 200, outcome: String(response.statusCode) }));
        response.once('error', (error: NodeJS.ErrnoException) => resolve({ ok: false, outcome: error.code ?? 'error' }));
      });
      // A deadline on the whole request: the socket timeout alone misses a request still waiting
      // for a free connection of the agent, which a cut link would hold until it returns.
      const deadline = setTimeout(() => req.destroy(Object.assign(new Error('timeout'), { code: 'timeout' })), job.timeoutMs);
      req.once('close', () => clearTimeout(deadline));
      req.once('error', (error: NodeJS.ErrnoException) => resolve({ ok: false, outcome: error.code ?? 'error' }));
      req.end(body);
    });
  try {
    return await runOpenLoop({ ratePerSecond: job.ratePerSecond, durationMs: job.durationMs, maxInFlight: 256, send });
  } finally {
    agent.destroy();
  }
}

/** What the client prints: its samples, and when (epoch ms) its first request was due, so callers can place them in time. */
export interface ShopFloorOutput {
  readonly startedAtEpochMs: number;
  readonly samples: readonly Sample[];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const job = JSON.parse(process.argv[2] ?? '{}') as ShopFloorJob;
  const startedAtEpochMs = Date.now();
  const samples = await runShopFloorJob(job);
  process.stdout.write(`${JSON.stringify({ startedAtEpochMs, samples } satisfies ShopFloorOutput)}\n`);
}
