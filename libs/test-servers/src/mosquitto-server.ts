import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stopChild, waitUntilListening } from './child-server.ts';
import { freePort } from './free-port.ts';
import { systemProgram } from './system-program.ts';

/** A real Mosquitto broker on loopback, owned by the test that started it. */
export interface MosquittoServer {
  /** `mqtt://127.0.0.1:<port>` (anonymous clients allowed: loopback only). */
  readonly url: string;
  readonly port: number;
  /**
   * Stops the broker with SIGTERM, which makes mosquitto write its persistence file, so
   * persistent sessions and their queued messages survive `start()`.
   */
  stop(): Promise<void>;
  /** Starts it again on the same port and persistence directory. */
  start(): Promise<void>;
  /** Stops it and deletes its directory. */
  destroy(): Promise<void>;
}

/** Broker settings a test may set; the defaults are sized for bounded test loads. */
export interface MosquittoOptions {
  /**
   * QoS 1 messages queued per client. Mosquitto's own default (1000) silently drops QoS 1
   * messages once a subscriber falls behind (docs/toolchain.md, "Mosquitto queue limits"), so tests set it deliberately.
   * @default 1000000
   */
  readonly maxQueuedMessages?: number;
  /** QoS 1 messages in flight (sent, not yet acknowledged) per client. @default 1000 */
  readonly maxInflightMessages?: number;
  /** @default 10000 */
  readonly timeoutMs?: number;
}

function brokerConfig(dir: string, port: number, options: MosquittoOptions): string {
  return [
    `listener ${port} 127.0.0.1`,
    'allow_anonymous true',
    'persistence true',
    `persistence_location ${dir}/data/`,
    'autosave_interval 3600',
    `max_queued_messages ${options.maxQueuedMessages ?? 1_000_000}`,
    'max_queued_bytes 0',
    `max_inflight_messages ${options.maxInflightMessages ?? 1000}`,
    'log_dest none',
    // Run as root (CI containers), mosquitto would switch to the `mosquitto` user, which cannot
    // write the test's private directory.
    ...(process.getuid?.() === 0 ? ['user root'] : []),
    '',
  ].join('\n');
}

/**
 * Starts a throw-away Mosquitto from the Debian package on a free loopback port, with
 * persistence in a temporary directory and deliberate queue limits. Only the process it started
 * is ever stopped, by PID.
 */
export async function startMosquitto(options: MosquittoOptions = {}): Promise<MosquittoServer> {
  const binary = systemProgram('mosquitto');
  const dir = mkdtempSync(join(tmpdir(), 'millwright-mosquitto-'));
  mkdirSync(join(dir, 'data'));
  const port = await freePort();
  writeFileSync(join(dir, 'mosquitto.conf'), brokerConfig(dir, port, options));
  let child: ChildProcess | undefined;
  const start = async () => {
    const started = spawn(binary, ['-c', join(dir, 'mosquitto.conf')], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    started.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child = started;
    await waitUntilListening(started, port, 'mosquitto', options.timeoutMs ?? 10_000, () => (stderr ? `: ${stderr}` : ''));
  };
  const stop = () => stopChild(child, 10_000);
  await start();
  return {
    url: `mqtt://127.0.0.1:${port}`,
    port,
    stop,
    start,
    destroy: async () => {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
