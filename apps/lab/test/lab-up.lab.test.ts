// Issue 16: `npm run lab -- up --topology hybrid` brings the hybrid platform up from the rendered
// tree; the operator UI works in a real browser through the URL it prints; `fault` and `status`
// reach the running lab; `down` leaves no namespace, link, name folder or process behind.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemProgram } from '@millwright/test-servers';

const root = join(import.meta.dirname, '../../..');
const ip = systemProgram('ip');
const chromiumArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

function lab(args: readonly string[]): { code: number | null; out: string } {
  const result = spawnSync('npm', ['run', '--silent', 'lab', '--', ...args], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  return { code: result.status, out: `${result.stdout}${result.stderr}` };
}

const labObjects = () => ({
  namespaces: spawnSync(ip, ['netns', 'list'], { encoding: 'utf8' }).stdout.split('\n').filter((line) => line.startsWith('mwl-')),
  links: spawnSync(ip, ['-o', 'link'], { encoding: 'utf8' }).stdout.split('\n').filter((line) => / mwl-/.test(line)),
  nameFolders: existsSync('/etc/netns') ? readdirSync('/etc/netns').filter((name) => name.startsWith('mwl-')) : [],
});

const isRunning = (pid: number) => existsSync(`/proc/${pid}`) && !/^\d+ \(.*\) [ZX]/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));

describe('npm run lab -- up --topology hybrid', () => {
  let up: ChildProcess;
  let output = '';
  let exited: Promise<number | null>;

  beforeAll(async () => {
    up = spawn('npm', ['run', '--silent', 'lab', '--', 'up', '--topology', 'hybrid'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    exited = new Promise((resolve) => up.once('exit', (code) => resolve(code)));
    up.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    up.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    const deadline = Date.now() + 540_000;
    while (!output.includes('control: npm run lab')) {
      if (up.exitCode !== null || Date.now() > deadline) throw new Error(`the lab did not come up:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  });

  afterAll(async () => {
    if (up && up.exitCode === null) {
      lab(['down']);
      await exited;
    }
  });

  it('prints each site, every process with its address, and the UI URL with its login', () => {
    expect(output).toMatch(/edge\s+10\.213\.1\.0\/24\s+gateway 10\.213\.1\.1/);
    expect(output).toMatch(/cloud\s+10\.213\.2\.0\/24\s+gateway 10\.213\.2\.1/);
    for (const pod of ['edge/inference-api', 'edge/edge-gateway', 'edge/mosquitto', 'edge/sensor-sim', 'cloud/postgres', 'cloud/mlflow', 'cloud/ui']) {
      expect(output).toMatch(new RegExp(`${pod}\\s+10\\.213\\.\\d+\\.\\d+\\s+.*ready`));
    }
    expect(output).toMatch(/UI: https:\/\/ui\.factory\.example\.com\/ {2}\(user lab-operator, password [0-9a-f]+\)/);
  });

  it('serves the operator UI through the printed URL: the edge API answers through the cloud UI, across the WAN', async () => {
    const [, url, user, password] = /UI: (\S+) {2}\(user (\S+), password (\S+)\)/.exec(output) ?? [];
    const [, host, address] = /--host-resolver-rules="MAP (\S+) (\S+)"/.exec(output) ?? [];
    expect(url && host && address).toBeTruthy();
    const browser = await chromium.launch({ executablePath: systemProgram('chromium'), args: [...chromiumArgs, `--host-resolver-rules=MAP ${host} ${address}`], timeout: 30_000 });
    try {
      // The lab CA is not in Chromium's store; the certificate itself is checked by the apps' tests.
      const context = await browser.newContext({ httpCredentials: { username: user!, password: password! }, ignoreHTTPSErrors: true });
      const page = await context.newPage();
      page.setDefaultTimeout(30_000);
      await page.goto(url!);
      await page.getByRole('button', { name: 'Predict', exact: true }).click();
      const result = page.getByRole('region', { name: 'Prediction' });
      await result.getByRole('status').first().waitFor();
      expect(await result.getByRole('status').first().textContent()).toMatch(/^Decision: (ok|failure)/);
      expect(await page.textContent('body')).toContain('predictive-maintenance');
    } finally {
      await browser.close();
    }
  });

  it('takes faults from another terminal: a killed inference API is restarted and ready again', async () => {
    expect(lab(['fault', 'kill', 'inference-api']).out).toContain('edge/inference-api: killed (SIGKILL)');
    let status = '';
    for (let attempt = 0; attempt < 120 && !/edge\/inference-api\s+running\s+ready .* restarts 1/.test(status); attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      status = lab(['status']).out;
    }
    expect(status).toMatch(/edge\/inference-api\s+running\s+ready .* restarts 1/);
    expect(lab(['fault', 'kill', 'no-such-process']).code).toBe(1);
  });

  it('shapes and cuts the WAN link, and scales a process to zero and back, on command', async () => {
    expect(lab(['wan', '--latency', '40ms', '--jitter', '10ms', '--bandwidth', '10mbit']).out).toContain('WAN link now: latency 40 ms ± 10 ms, bandwidth 10000 kbit/s');
    expect(lab(['wan', '--latency', 'soon']).code).toBe(1);
    expect(lab(['fault', 'wan-down', '2s']).out).toContain('WAN link down for 2 s');
    expect(lab(['fault', 'stop', 'postgres', '3s']).out).toContain('cloud/postgres: stopped for 3 s');
    expect(lab(['fault', 'restart', 'mosquitto']).out).toContain('edge/mosquitto: sent SIGTERM');
    let status = '';
    for (let attempt = 0; attempt < 120 && !(/cloud\/postgres\s+running\s+ready/.test(status) && /edge\/mosquitto\s+running\s+ready .* restarts 1/.test(status)); attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      status = lab(['status']).out;
    }
    expect(status).toMatch(/cloud\/postgres\s+running\s+ready/);
    expect(status).toMatch(/edge\/mosquitto\s+running\s+ready .* restarts 1/);
  });

  it('`down` stops it and leaves no namespace, link, name folder or process behind', async () => {
    const pids = [...lab(['status']).out.matchAll(/pid (\d+)/g)].map((match) => Number(match[1]));
    expect(pids.length).toBeGreaterThan(10);
    expect(lab(['down']).out).toContain('stopping the lab');
    expect(await exited).toBe(0);
    expect(output).toContain('the lab is down; nothing is left behind');
    expect(labObjects()).toEqual({ namespaces: [], links: [], nameFolders: [] });
    expect(pids.filter(isRunning)).toEqual([]);
  });
});
