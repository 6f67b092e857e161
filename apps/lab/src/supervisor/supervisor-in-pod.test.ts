// Issue 16: the supervisor runs a pod's process in the pod's namespace through the lab's exec,
// probes it from the root namespace, restarts it after a SIGKILL and leaves nothing behind.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemProgram } from '@millwright/test-servers';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createLab, type Lab, type LabPod } from '../network/lab.ts';
import { cleanLeftovers } from '../network/leftovers.ts';
import type { ProcessStatus } from './process-spec.ts';
import { createSupervisor, type Supervisor } from './supervisor.ts';

const prefix = `mwt${randomBytes(3).toString('hex').slice(0, 5)}`;
const logs = mkdtempSync(join(tmpdir(), 'mw-supervisor-pod-'));
const waitLong = { timeout: 20_000, interval: 20 };

let lab: Lab;
let pod: LabPod;
let supervisor: Supervisor | undefined;

beforeAll(async () => {
  lab = await createLab({ prefix, sites: [{ name: 'edge', subnet: '10.213.204.0/24' }] });
  pod = await lab.addPod('edge', 'inference-api');
});

afterAll(async () => {
  try {
    await supervisor?.stopAll();
    await lab?.destroy();
  } finally {
    await cleanLeftovers(prefix);
    rmSync(logs, { recursive: true, force: true });
  }
});

describe('the supervisor with the lab', () => {
  it("runs a process in its pod, restarts it after SIGKILL, and stopAll leaves the pod's namespace empty", async () => {
    supervisor = createSupervisor({ backOff: { initialMs: 40, maxMs: 160 }, readinessIntervalMs: 25 });
    const server = `require('node:http').createServer((request, response) => response.end(process.env.MODEL)).listen(8080, '${pod.address}');`;
    supervisor.supervise({
      name: 'edge/inference-api',
      argv: [process.execPath, '-e', server],
      env: { MODEL: 'lstm-v3' },
      readiness: { url: `http://${pod.address}:8080/readyz` },
      logFile: join(logs, 'inference-api.log'),
      start: (argv, options) => lab.exec(pod, argv, options),
    });
    const status = (): ProcessStatus => supervisor!.status()[0]!;
    await vi.waitFor(() => expect(status().ready).toBe(true), waitLong);
    expect(await (await fetch(`http://${pod.address}:8080/`)).text()).toBe('lstm-v3');

    supervisor.kill('edge/inference-api');
    await vi.waitFor(() => expect(status().readyAt).toHaveLength(2), waitLong);
    expect(status()).toMatchObject({ restarts: 1, restartDelaysMs: [0], exits: [expect.objectContaining({ signal: 'SIGKILL' })] });

    await supervisor.stopAll();
    const left = execFileSync(systemProgram('ip'), ['netns', 'pids', pod.namespace], { encoding: 'utf8' });
    expect(left.trim()).toBe('');
  });
});
