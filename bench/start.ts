import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ms } from './stats.ts';

const targetSeconds = 60;

/** Starts the local stack on `home`, times it to "Millwright is running", and stops it with Ctrl-C. */
async function timedStart(root: string, home: string): Promise<{ seconds: number; output: string }> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/local-stack/src/main.ts'], {
    cwd: root,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, MILLWRIGHT_HOME: home, PORT: '0', EMBEDDED_MQTT_PORT: '0', GATEWAY_PORT: '0' },
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const ready = new Promise<number>((resolve, reject) => {
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Millwright is running:')) resolve(performance.now());
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    void exited.then((code) => reject(new Error(`the local stack exited with ${code} before it was ready:\n${output}`)));
  });
  try {
    return { seconds: ((await ready) - started) / 1000, output };
  } finally {
    process.kill(-child.pid!, 'SIGINT');
    await exited;
  }
}

/**
 * `npm start` as issue 6 times it (ready in under 60 s on an empty MILLWRIGHT_HOME, where it trains
 * the first model, and builds the UI when its build is stale), beside a second start on the same
 * home (the baseline: a champion to serve, nothing to train). The functional test
 * (apps/local-stack/test/npm-start.test.ts) checks only that it starts.
 */
export async function benchStart(root: string): Promise<void> {
  const scratch = mkdtempSync(join(tmpdir(), 'millwright-bench-start-'));
  const home = join(scratch, 'home');
  try {
    const first = await timedStart(root, home);
    const second = await timedStart(root, home);
    const builtUi = first.output.includes('building the operator UI');
    console.log(`start benchmark: the local stack to "Millwright is running" (npm start without npm)`);
    console.log(`  first start, empty MILLWRIGHT_HOME (trains the first model${builtUi ? ', builds the UI' : '; UI build up to date'}): ${ms(first.seconds * 1000)}  (${(first.seconds / targetSeconds).toFixed(2)}x of the ${targetSeconds} s target)`);
    console.log(`  second start, same home (baseline): ${ms(second.seconds * 1000)}; first / second = ${(first.seconds / second.seconds).toFixed(2)}x`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
