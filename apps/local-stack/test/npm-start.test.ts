// Issue 6, "Done when": `npm start` on a fresh MILLWRIGHT_HOME reports ready in under 60 s, a
// prediction comes back through the printed URL, and Ctrl-C stops it with no process left behind.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const workspaceRoot = fileURLToPath(new URL('../../..', import.meta.url));
const home = mkdtempSync(join(tmpdir(), 'millwright-npm-start-'));
let child: ChildProcess | undefined;
let output = '';

/** True while any process of the group `pgid` (npm start and everything it started) is alive. */
function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

afterAll(() => {
  if (child?.pid !== undefined && groupAlive(child.pid)) process.kill(-child.pid, 'SIGKILL');
  rmSync(home, { recursive: true, force: true });
});

async function until<T>(what: string, deadline: number, probe: () => Promise<T | undefined> | T | undefined): Promise<T> {
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; npm start printed:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe('npm start', () => {
  it('runs the loop on embedded defaults, answers through the printed URL, and stops cleanly on Ctrl-C', async () => {
    const started = Date.now();
    // Its own process group, as a terminal's job: Ctrl-C reaches npm and everything under it.
    child = spawn('npm', ['start'], {
      cwd: workspaceRoot,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, MILLWRIGHT_HOME: home, PORT: '0', EMBEDDED_MQTT_PORT: '0', GATEWAY_PORT: '0', MACHINES: '3', RATE_HZ: '5' },
    });
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child!.once('exit', (code, signal) => resolve({ code, signal })));

    const url = await until('"Millwright is running: <url>"', started + 60_000, () => /Millwright is running: (http:\/\/\S+)/.exec(output)?.[1]);
    const readyMs = Date.now() - started;
    expect(readyMs).toBeLessThan(60_000);

    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");

    const row = { type: 'M', airTemperatureK: 300.1, processTemperatureK: 310.2, rotationalSpeedRpm: 1500, torqueNm: 40, toolWearMin: 100 };
    const predicted = await fetch(new URL('predict', url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(row) });
    expect(predicted.status).toBe(200);
    const prediction = (await predicted.json()) as { probability: number; model: { version: string; alias: string } };
    expect(prediction.model).toMatchObject({ version: '1', alias: 'champion' });
    expect(prediction.probability).toBeGreaterThanOrEqual(0);

    // The simulator's telemetry reached the feature store through the broker and the gateway.
    const live = await until('a prediction from a live machine', Date.now() + 20_000, async () => {
      const response = await fetch(new URL('predict', url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ machineId: 'machine-01' }) });
      return response.status === 200 ? ((await response.json()) as { prediction: string }) : undefined;
    });
    expect(['ok', 'failure']).toContain(live.prediction);
    // The UI's presets: the machines the gateway has features for.
    const machines = (await (await fetch(new URL('machines', url))).json()) as { machines: string[] };
    expect(machines.machines).toEqual(expect.arrayContaining(['machine-01', 'machine-02', 'machine-03']));

    process.kill(-child.pid!, 'SIGINT');
    // npm itself ends by the signal, as it does on a terminal's Ctrl-C; the stack drains and says so.
    const { code, signal } = await exited;
    expect(code === 0 || signal === 'SIGINT').toBe(true);
    await until('every process of npm start to end', Date.now() + 15_000, () => (groupAlive(child!.pid!) ? undefined : true));
    expect(output).toMatch(/SIGINT: stopping[\s\S]*stopped/);
    expect(output).not.toMatch(/\n\s+at /); // no stack trace
    console.log(`npm start ready in ${(readyMs / 1000).toFixed(1)} s`);
  }, 120_000);

  it('exits 2 naming the variable when a setting is invalid', async () => {
    const run = spawn(process.execPath, ['--import', 'tsx', 'apps/local-stack/src/main.ts'], {
      cwd: workspaceRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, MILLWRIGHT_HOME: home, PORT: 'eighty' },
    });
    let text = '';
    run.stderr!.on('data', (chunk: Buffer) => (text += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => run.once('exit', resolve));
    expect(code).toBe(2);
    expect(text).toMatch(/PORT/);
    expect(text).not.toMatch(/\n\s+at /); // no stack trace
  }, 60_000);
});
