import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseFault } from '../control/faults.ts';
import { runCli } from './run-cli.ts';

const stateDir = mkdtempSync(join(tmpdir(), 'mw-lab-cli-'));
afterAll(() => rmSync(stateDir, { recursive: true, force: true }));

async function cli(args: readonly string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { workspaceRoot: join(import.meta.dirname, '../../../..'), stateDir, out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('the lab command line', () => {
  it('prints its usage without a command, and refuses an unknown one with it', async () => {
    expect((await cli([])).out).toContain('usage: npm run lab -- <command>');
    const unknown = await cli(['launch']);
    expect([unknown.code, unknown.err]).toEqual([2, expect.stringContaining('unknown command "launch"')]);
  });

  it('refuses bad arguments naming them, before touching anything', async () => {
    expect(await cli(['up', '--topology', 'mars'])).toMatchObject({ code: 1, err: 'lab up: --topology "mars": must be one of edge-only, hybrid, cloud-only' });
    expect(await cli(['experiment', '--fast'])).toMatchObject({ code: 2, err: expect.stringContaining('experiment: unknown argument "--fast"') });
    expect((await cli(['wan', '--latency', 'soon'])).err).toContain('--latency: "soon" is not a number with a unit (ms, s)');
  });

  it('says that no lab is running when fault, wan or status find none', async () => {
    expect(await cli(['status'])).toMatchObject({ code: 1, err: expect.stringContaining('no lab is running') });
  });
});

describe('parseFault', () => {
  it('takes the four faults with their durations', () => {
    expect(parseFault(['wan-down', '120s'])).toEqual({ kind: 'wan-down', durationMs: 120_000 });
    expect(parseFault(['kill', 'inference-api'])).toEqual({ kind: 'kill', process: 'inference-api' });
    expect(parseFault(['restart', 'mosquitto'])).toEqual({ kind: 'restart', process: 'mosquitto' });
    expect(parseFault(['stop', 'postgres', '30s'])).toEqual({ kind: 'stop', process: 'postgres', durationMs: 30_000 });
  });

  it('names what is missing or unknown', () => {
    expect(() => parseFault(['wan-down'])).toThrow('fault wan-down: the outage duration is missing');
    expect(() => parseFault(['stop', 'postgres'])).toThrow('fault stop: how long to keep it stopped is missing');
    expect(() => parseFault(['flood'])).toThrow('fault: unknown fault "flood"');
  });
});
