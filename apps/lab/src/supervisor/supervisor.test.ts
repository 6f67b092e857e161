// Issue 16: the lab's kubelet-like supervisor, on real processes in the test's own namespace
// (supervisor-in-pod.test.ts runs one in a pod), with a back-off in milliseconds.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@millwright/test-servers';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { crashLoopDelays, resolveBackOffPolicy } from './back-off.ts';
import type { ProcessSpec, ProcessStarter, ProcessStatus } from './process-spec.ts';
import { createSupervisor, type Supervisor, type SupervisorOptions } from './supervisor.ts';
import { isRunning } from './test-support/process-liveness.ts';

const logs = mkdtempSync(join(tmpdir(), 'mw-supervisor-'));
/** argv is the arguments of node. */
const startNode: ProcessStarter = (argv, options) => spawn(process.execPath, argv, options);
const supervisors: Supervisor[] = [];
const waitLong = { timeout: 20_000, interval: 20 };

afterEach(async () => {
  await Promise.all(supervisors.splice(0).map((supervisor) => supervisor.stopAll()));
});
afterAll(() => rmSync(logs, { recursive: true, force: true }));

function supervisorFor(options: SupervisorOptions): Supervisor {
  const supervisor = createSupervisor(options);
  supervisors.push(supervisor);
  return supervisor;
}

function nodeSpec(name: string, script: string, more: Partial<ProcessSpec> = {}): ProcessSpec {
  return { name, argv: ['-e', script], env: {}, logFile: join(logs, `${name}.log`), start: startNode, ...more };
}

const statusOf = (supervisor: Supervisor, name: string): ProcessStatus => supervisor.status().find((status) => status.name === name)!;

/** A server on 127.0.0.1:port: HTTP (200 on every path) or plain TCP. */
const serverScript = (kind: 'http' | 'net', port: number) =>
  kind === 'http'
    ? `require('node:http').createServer((request, response) => response.end('ok')).listen(${port}, '127.0.0.1');`
    : `require('node:net').createServer((socket) => socket.end()).listen(${port}, '127.0.0.1');`;

const refusesConnections = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });

describe('the supervisor', () => {
  it('restarts a crashing process after the growing back-off waits, measured from each exit', async () => {
    const backOff = { initialMs: 40, maxMs: 160 };
    const supervisor = supervisorFor({ backOff });
    supervisor.supervise(nodeSpec('crasher', 'process.exit(3)'));
    await vi.waitFor(() => expect(statusOf(supervisor, 'crasher').exits.length).toBeGreaterThanOrEqual(6), waitLong);
    await supervisor.stop('crasher');

    const status = statusOf(supervisor, 'crasher');
    expect(status.restartDelaysMs.slice(0, 6)).toEqual(crashLoopDelays(resolveBackOffPolicy(backOff), 6));
    expect(status.restartDelaysMs.slice(0, 6)).toEqual([0, 40, 80, 160, 160, 160]);
    for (let exit = 0; exit < 5; exit += 1) {
      expect(status.starts[exit + 1]! - status.exits[exit]!.at).toBeGreaterThanOrEqual(status.restartDelaysMs[exit]!);
    }
    expect(status.exits.slice(0, 6).map((exit) => exit.code)).toEqual([3, 3, 3, 3, 3, 3]);
    expect(status.restarts).toBe(status.starts.length - 1);
    expect(readFileSync(join(logs, 'crasher.log'), 'utf8')).toContain('back-off 160 ms restarting crasher');
  });

  it('starts the back-off over after a run longer than the reset window', async () => {
    const counter = join(logs, 'runs');
    // Runs 1–3 and 5– crash at once; run 4 lasts 1.5 s, beyond the 1 s reset window.
    const script = `const fs = require('node:fs');
const run = Number(fs.existsSync(process.env.COUNTER) ? fs.readFileSync(process.env.COUNTER, 'utf8') : 0) + 1;
fs.writeFileSync(process.env.COUNTER, String(run));
if (run === 4) setTimeout(() => process.exit(1), 1500); else process.exit(1);`;
    const supervisor = supervisorFor({ backOff: { initialMs: 50, maxMs: 400, resetAfterMs: 1000 } });
    supervisor.supervise(nodeSpec('steadier', script, { env: { COUNTER: counter } }));
    await vi.waitFor(() => expect(statusOf(supervisor, 'steadier').exits.length).toBeGreaterThanOrEqual(6), waitLong);
    await supervisor.stop('steadier');

    const status = statusOf(supervisor, 'steadier');
    expect(status.exits[3]!.ranMs).toBeGreaterThan(1000);
    expect(status.restartDelaysMs.slice(0, 6)).toEqual([0, 50, 100, 0, 50, 100]);
  });

  it('restarts a process killed with SIGKILL and sees it ready again over HTTP', async () => {
    const port = await freePort();
    const supervisor = supervisorFor({ backOff: { initialMs: 40, maxMs: 160 }, readinessIntervalMs: 25 });
    supervisor.supervise(nodeSpec('web', serverScript('http', port), { readiness: { url: `http://127.0.0.1:${port}/healthz` } }));
    await vi.waitFor(() => expect(statusOf(supervisor, 'web').ready).toBe(true), waitLong);
    const firstPid = statusOf(supervisor, 'web').pid!;

    supervisor.kill('web');

    await vi.waitFor(() => expect(statusOf(supervisor, 'web').readyAt).toHaveLength(2), waitLong);
    const status = statusOf(supervisor, 'web');
    expect(status.exits).toEqual([expect.objectContaining({ code: null, signal: 'SIGKILL' })]);
    expect(status).toMatchObject({ state: 'running', ready: true, restarts: 1, restartDelaysMs: [0] });
    expect(status.pid).not.toBe(firstPid);
    expect(status.readyAt[1]!).toBeGreaterThanOrEqual(status.starts[1]!);
  });

  it('scales a process to zero and back: stop ends it without a restart, start makes it ready again', async () => {
    const port = await freePort();
    const supervisor = supervisorFor({ backOff: { initialMs: 40, maxMs: 160 }, readinessIntervalMs: 25 });
    supervisor.supervise(nodeSpec('postgres', serverScript('net', port), { readiness: { tcp: `127.0.0.1:${port}` } }));
    await vi.waitFor(() => expect(statusOf(supervisor, 'postgres').ready).toBe(true), waitLong);
    const pid = statusOf(supervisor, 'postgres').pid!;

    await supervisor.stop('postgres');

    expect(statusOf(supervisor, 'postgres')).toMatchObject({ state: 'stopped', ready: false, restarts: 0, restartDelaysMs: [] });
    expect(statusOf(supervisor, 'postgres').pid).toBeUndefined();
    expect(statusOf(supervisor, 'postgres').exits).toEqual([expect.objectContaining({ signal: 'SIGTERM' })]);
    expect(await refusesConnections(port)).toBe(true);
    expect(isRunning(pid)).toBe(false);
    expect(() => supervisor.kill('postgres')).toThrow('cannot kill postgres: it is stopped, no process is running');

    supervisor.start('postgres');

    await vi.waitFor(() => expect(statusOf(supervisor, 'postgres').ready).toBe(true), waitLong);
    expect(statusOf(supervisor, 'postgres')).toMatchObject({ state: 'running', restarts: 0 });
    expect(statusOf(supervisor, 'postgres').starts).toHaveLength(2);
  });

  it('stopAll ends every process and its children, with SIGKILL for one that ignores SIGTERM', async () => {
    const pidFile = join(logs, 'grandchild.pid');
    const stubborn = `process.on('SIGTERM', () => {});
const grandchild = require('node:child_process').spawn(process.execPath, ['-e', "process.on('SIGTERM', () => {}); setInterval(() => {}, 1000)"], { stdio: 'ignore' });
require('node:fs').writeFileSync(process.env.PID_FILE, String(grandchild.pid));
setInterval(() => {}, 1000);`;
    const supervisor = supervisorFor({ stopGraceMs: 300 });
    supervisor.supervise(nodeSpec('stubborn', stubborn, { env: { PID_FILE: pidFile } }));
    supervisor.supervise(nodeSpec('polite', 'setInterval(() => {}, 1000)'));
    await vi.waitFor(() => expect(readFileSync(pidFile, 'utf8')).toMatch(/^\d+$/), waitLong);
    const pids = [...supervisor.status().map((status) => status.pid!), Number(readFileSync(pidFile, 'utf8'))];
    expect(pids.every(isRunning)).toBe(true);

    await supervisor.stopAll();

    expect(supervisor.status().map(({ name, state, exits }) => ({ name, state, signal: exits.at(-1)?.signal }))).toEqual([
      { name: 'stubborn', state: 'stopped', signal: 'SIGKILL' },
      { name: 'polite', state: 'stopped', signal: 'SIGTERM' },
    ]);
    await vi.waitFor(() => expect(pids.filter(isRunning)).toEqual([]), waitLong);
  });

  it('backs off a process whose starter throws, recording why it could not start', async () => {
    const supervisor = supervisorFor({ backOff: { initialMs: 40, maxMs: 160 } });
    const failingStarter: ProcessStarter = () => {
      throw new Error('pod edge/ui does not exist');
    };
    supervisor.supervise(nodeSpec('ui', 'true', { start: failingStarter }));
    await vi.waitFor(() => expect(statusOf(supervisor, 'ui').exits.length).toBeGreaterThanOrEqual(3), waitLong);
    await supervisor.stop('ui');
    const status = statusOf(supervisor, 'ui');
    expect(status.exits[0]).toMatchObject({ code: null, signal: null, error: 'pod edge/ui does not exist' });
    expect(status.restartDelaysMs.slice(0, 3)).toEqual([0, 40, 80]);
  });

  it('refuses a second process of one name, an empty argv and a readiness check it cannot poll, naming each', () => {
    const supervisor = supervisorFor({});
    supervisor.supervise(nodeSpec('api', 'setInterval(() => {}, 1000)'));
    expect(() => supervisor.supervise({ ...nodeSpec('api', ''), argv: [], readiness: { tcp: 'api' } })).toThrow(
      'process api: a process named "api" is already supervised; argv is empty; give the program and its arguments; readiness.tcp "api" must be host:port, e.g. 10.213.1.2:5432',
    );
    expect(() => supervisor.supervise(nodeSpec('secure', '', { readiness: { url: 'https://api/' } }))).toThrow(/readiness.url "https:\/\/api\/" must be http:\/\//);
    expect(() => supervisor.kill('nobody')).toThrow('no supervised process is named "nobody"; known: api');
  });
});
