// Checks the Mosquitto password line against the real mosquitto_passwd and a real broker (Debian's
// mosquitto, installed by npm test's prerequisites), on loopback in a temporary directory.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { acceptsConnections, freePort, systemProgram } from '@millwright/test-servers';
import { compareSync } from 'bcryptjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bcryptHash, htpasswdLine, mosquittoPasswordLine } from './password-hashes.ts';
import { seededRandomBytes, type RandomBytes } from './random-bytes.ts';

const waitLimitMs = 10_000;

/** A random source that returns these bytes first. */
function bytesThen(first: Uint8Array): RandomBytes {
  let given = false;
  return (size) => {
    if (given || size !== first.length) throw new Error(`expected one draw of ${first.length} bytes`);
    given = true;
    return first;
  };
}

describe('mosquittoPasswordLine', () => {
  it('writes exactly what mosquitto_passwd writes for the same user, password and salt', () => {
    const dir = mkdtempSync(join(tmpdir(), 'millwright-lab-passwd-'));
    try {
      const file = join(dir, 'passwd');
      const made = spawnSync(systemProgram('mosquitto_passwd'), ['-b', '-c', file, 'edge-gateway', 'correct horse'], { encoding: 'utf8' });
      expect(made.status, made.stderr).toBe(0);
      const theirs = readFileSync(file, 'utf8').trim();
      const salt = Buffer.from(theirs.split('$')[3]!, 'base64');
      expect(mosquittoPasswordLine('edge-gateway', 'correct horse', bytesThen(new Uint8Array(salt)))).toBe(theirs);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a user name the file format cannot hold', () => {
    expect(() => mosquittoPasswordLine('a:b', 'x', seededRandomBytes('t'))).toThrow(/without ':' or white space/);
  });
});

describe('a password file of mosquittoPasswordLine in a real broker', () => {
  let dir: string;
  let port: number;
  let broker: ChildProcess;
  let brokerOutput = '';

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'millwright-lab-broker-'));
    port = await freePort();
    const random = seededRandomBytes('broker test');
    writeFileSync(join(dir, 'passwd'), `${mosquittoPasswordLine('sensor-sim', 'sensor-secret', random)}\n${mosquittoPasswordLine('node-red', 'hmi-secret', random)}\n`);
    const config = [
      `listener ${port} 127.0.0.1`,
      'allow_anonymous false',
      `password_file ${join(dir, 'passwd')}`,
      'log_dest stderr',
      // As root (CI containers) mosquitto would switch to its own user, which cannot read this directory.
      ...(process.getuid?.() === 0 ? ['user root'] : []),
      '',
    ].join('\n');
    writeFileSync(join(dir, 'mosquitto.conf'), config);
    broker = spawn(systemProgram('mosquitto'), ['-c', join(dir, 'mosquitto.conf')], { stdio: ['ignore', 'ignore', 'pipe'] });
    broker.stderr!.on('data', (chunk: Buffer) => (brokerOutput += chunk.toString()));
    const deadline = Date.now() + waitLimitMs;
    while (!(await acceptsConnections(port))) {
      if (broker.exitCode !== null || Date.now() > deadline) throw new Error(`mosquitto did not start: ${brokerOutput}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  });

  afterAll(async () => {
    if (broker && broker.exitCode === null && broker.signalCode === null) {
      const exited = new Promise((resolve) => broker.once('exit', resolve));
      broker.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  });

  const publish = (user: string, password: string) =>
    spawnSync(systemProgram('mosquitto_pub'), ['-h', '127.0.0.1', '-p', String(port), '-u', user, '-P', password, '-t', 'factory/a/b/c/telemetry', '-m', '{}'], { encoding: 'utf8', timeout: waitLimitMs });

  it('lets a client in with its password', () => {
    const result = publish('sensor-sim', 'sensor-secret');
    expect(result.status, `${result.stderr}\n${brokerOutput}`).toBe(0);
    expect(publish('node-red', 'hmi-secret').status).toBe(0);
  });

  it('refuses a wrong password and an unknown user', () => {
    expect(publish('sensor-sim', 'hmi-secret').status).not.toBe(0);
    expect(publish('edge-gateway', 'sensor-secret').status).not.toBe(0);
  });
});

describe('bcryptHash and htpasswdLine', () => {
  it('make a $2y$ bcrypt hash that accepts the password only, the same for the same seed', () => {
    const hash = bcryptHash('open sesame', seededRandomBytes('bcrypt'));
    expect(hash).toMatch(/^\$2y\$05\$[./A-Za-z0-9]{53}$/);
    expect(compareSync('open sesame', hash)).toBe(true);
    expect(compareSync('open sesame!', hash)).toBe(false);
    expect(bcryptHash('open sesame', seededRandomBytes('bcrypt'))).toBe(hash);
    expect(htpasswdLine('alice', 'open sesame', seededRandomBytes('bcrypt'))).toBe(`alice:${hash}`);
  });
});
