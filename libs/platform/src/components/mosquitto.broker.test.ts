// Runs the real broker (Debian's mosquitto, installed by `npm test`'s prerequisites) with the
// config the platform renders, and checks authentication and the ACL from the outside.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { acceptsConnections, freePort, systemProgram } from '@millwright/test-servers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSample, componentNamed } from '../test-support/rendered-platform.ts';
import { mosquittoPaths, mqttPort } from './mosquitto.ts';

/** Every wait in this file ends within this many milliseconds. */
const waitLimitMs = 10_000;

const programs = {
  broker: systemProgram('mosquitto'),
  passwd: systemProgram('mosquitto_passwd'),
  pub: systemProgram('mosquitto_pub'),
  sub: systemProgram('mosquitto_sub'),
};

async function waitFor(condition: () => boolean | Promise<boolean>, what: () => string): Promise<void> {
  const deadline = Date.now() + waitLimitMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`gave up after ${waitLimitMs} ms waiting for ${what()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A started process whose output is collected; `exited` settles when it ends. */
interface Running {
  readonly child: ChildProcess;
  readonly output: { stdout: string; stderr: string };
  readonly exited: Promise<number | null>;
}

const children = new Set<ChildProcess>();

function start(program: string, args: readonly string[]): Running {
  const child = spawn(program, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  const output = { stdout: '', stderr: '' };
  child.stdout!.on('data', (chunk: Buffer) => (output.stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output.stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => {
    child.once('error', () => resolve(null));
    child.once('exit', (code) => {
      children.delete(child);
      resolve(code);
    });
  });
  return { child, output, exited };
}

/** Stops a process by its PID: SIGTERM, then SIGKILL if it has not ended within the wait limit. */
async function stop(running: Running): Promise<void> {
  if (running.child.exitCode !== null || running.child.signalCode !== null) return;
  running.child.kill('SIGTERM');
  const timer = setTimeout(() => running.child.kill('SIGKILL'), waitLimitMs);
  await running.exited;
  clearTimeout(timer);
}

/** Runs a client to its end (killed after the wait limit) and returns its exit code and output. */
async function run(program: string, args: readonly string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const running = start(program, args);
  const timer = setTimeout(() => running.child.kill('SIGKILL'), waitLimitMs);
  const code = await running.exited;
  clearTimeout(timer);
  return { code, ...running.output };
}

const passwords = { 'sensor-sim': 'sensor-secret', 'edge-gateway': 'gateway-secret', 'node-red': 'hmi-secret' } as const;
type User = keyof typeof passwords;

let dir: string;
let port: number;
let broker: Running;

const login = (user: User) => ['-h', '127.0.0.1', '-p', String(port), '-u', user, '-P', passwords[user]];

function publish(user: User | undefined, topic: string, message: string, extra: readonly string[] = []) {
  const credentials = user ? login(user) : ['-h', '127.0.0.1', '-p', String(port)];
  return run(programs.pub, [...credentials, '-q', '1', '-t', topic, '-m', message, ...extra]);
}

let sessions = 0;

/**
 * Subscribes `user` in a persistent session and disconnects once the broker has acknowledged the
 * subscriptions (`-E`), so the broker queues what it may deliver; `receiveOne` reconnects and
 * returns the first queued message as `<topic> <payload>`. No output has to be watched while a
 * client runs (piped, it is block-buffered), and the session queue the config sizes is used.
 */
async function subscribe(user: User, topics: readonly string[]): Promise<{ receiveOne: () => Promise<string[]> }> {
  const session = [...login(user), '-i', `test-${user}-${++sessions}`, '-c', '-q', '1', ...topics.flatMap((t) => ['-t', t])];
  const subscribed = await run(programs.sub, [...session, '-E']);
  expect(subscribed.code, `${user} subscribed: ${subscribed.stderr}`).toBe(0);
  return {
    receiveOne: async () => {
      const received = await run(programs.sub, [...session, '-v', '-C', '1', '-W', String(waitLimitMs / 1000)]);
      expect(received.code, `${user} received a message: ${received.stderr}`).toBe(0);
      return received.stdout.split('\n').filter((line) => line !== '');
    },
  };
}

/**
 * The rendered mosquitto.conf, pointed at the test's directory and a loopback port; every path
 * replaced must be there, so a change to the rendered config cannot slip past this test.
 */
function configForTest(rendered: string): string {
  const replacements: [string, string][] = [
    [`password_file ${mosquittoPaths.passwords}/passwd`, `password_file ${dir}/passwd`],
    [`acl_file ${mosquittoPaths.config}/acl`, `acl_file ${dir}/acl`],
    [`persistence_location ${mosquittoPaths.data}/`, `persistence_location ${dir}/data/`],
    [`\nlistener ${mqttPort.port}\n`, `\nlistener ${port} 127.0.0.1\n`],
  ];
  let config = rendered;
  for (const [from, to] of replacements) {
    expect(config, `the rendered config contains ${JSON.stringify(from)}`).toContain(from);
    config = config.replace(from, to);
  }
  expect(config).not.toContain('/mosquitto/');
  // Run as root (CI containers), mosquitto would switch to the `mosquitto` user, which cannot read
  // the test's private directory; in the cluster it runs as uid 1883 and never switches.
  return process.getuid?.() === 0 ? `${config}user root\n` : config;
}

beforeAll(async () => {
  const configMap = componentNamed(buildSample('edge-only'), 'mosquitto').objects.find((o) => o.kind === 'ConfigMap')!;
  const data = configMap['data'] as Record<string, string>;
  dir = mkdtempSync(join(tmpdir(), 'millwright-mosquitto-'));
  port = await freePort();
  mkdirSync(join(dir, 'data'));
  writeFileSync(join(dir, 'mosquitto.conf'), configForTest(data['mosquitto.conf']!));
  writeFileSync(join(dir, 'acl'), data['acl']!);
  Object.entries(passwords).forEach(([user, password], index) => {
    const created = spawnSync(programs.passwd, ['-b', ...(index === 0 ? ['-c'] : []), join(dir, 'passwd'), user, password], { timeout: waitLimitMs });
    expect(created.status, `mosquitto_passwd for ${user}: ${created.stderr}`).toBe(0);
  });
  broker = start(programs.broker, ['-c', join(dir, 'mosquitto.conf')]);
  await waitFor(
    async () => broker.child.exitCode === null && (await acceptsConnections(port)),
    () => `mosquitto to listen on 127.0.0.1:${port}: ${JSON.stringify(broker.output)}`,
  );
});

afterAll(async () => {
  if (broker) await stop(broker);
  for (const child of children) child.kill('SIGKILL');
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the real mosquitto with the rendered config', () => {
  it('refuses an anonymous publish', async () => {
    const result = await publish(undefined, 'factory/plant-a/line-1/m-1/telemetry', '{}');

    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('not authorised');
  });

  it('refuses a known user with a wrong password', async () => {
    const result = await run(programs.pub, ['-h', '127.0.0.1', '-p', String(port), '-u', 'sensor-sim', '-P', 'wrong', '-t', 'factory/a/b/c/telemetry', '-m', '{}']);

    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('not authorised');
  });

  it('accepts telemetry from sensor-sim and delivers it to edge-gateway', async () => {
    const gateway = await subscribe('edge-gateway', ['factory/+/+/+/telemetry']);
    const published = await publish('sensor-sim', 'factory/plant-a/line-1/m-1/telemetry', '{"torque":42}');

    expect(published.code, published.stderr).toBe(0);
    expect(await gateway.receiveOne()).toEqual(['factory/plant-a/line-1/m-1/telemetry {"torque":42}']);
  });

  it('does not deliver what sensor-sim publishes outside its ACL', async () => {
    const hmi = await subscribe('node-red', ['factory/+/+/+/alerts', 'factory/+/+/+/telemetry']);
    // MQTT 5 makes the broker say why it dropped the message; then a marker the ACL allows, which
    // must be the first message queued for node-red.
    const denied = await publish('sensor-sim', 'factory/plant-a/line-1/m-1/alerts', '{"forged":true}', ['-V', 'mqttv5']);
    await publish('sensor-sim', 'factory/plant-a/line-1/m-1/telemetry', 'marker');

    expect(denied.stderr).toContain('Not authorized');
    expect(await hmi.receiveOne()).toEqual(['factory/plant-a/line-1/m-1/telemetry marker']);
  });

  it('delivers an alert of edge-gateway to node-red', async () => {
    const hmi = await subscribe('node-red', ['factory/+/+/+/alerts']);
    const published = await publish('edge-gateway', 'factory/plant-a/line-1/m-1/alerts', '{"failure":"TWF"}');

    expect(published.code, published.stderr).toBe(0);
    expect(await hmi.receiveOne()).toEqual(['factory/plant-a/line-1/m-1/alerts {"failure":"TWF"}']);
  });

  it('saves its persistence snapshot into the data directory when stopped', async () => {
    await stop(broker);

    expect(existsSync(join(dir, 'data', 'mosquitto.db'))).toBe(true);
  });
});
