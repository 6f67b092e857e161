// Issue 16: the smoke experiment, as CI runs it. Edge-only and hybrid, the WAN profile, short
// durations: across a WAN outage no telemetry message is lost or stored twice, edge predictions
// keep succeeding, every killed process recovers, and a promoted model reaches the edge.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExperimentResult } from '../src/experiment/run-experiment.ts';

const root = join(import.meta.dirname, '../../..');

describe('npm run lab -- experiment --smoke', () => {
  let out: string;
  let code: number | null;
  let output = '';
  let result: ExperimentResult;

  beforeAll(async () => {
    out = mkdtempSync(join(tmpdir(), 'mw-lab-report-'));
    const child = spawn('npm', ['run', '--silent', 'lab', '--', 'experiment', '--smoke', '--out', out], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    code = await new Promise((resolve) => child.once('exit', (exitCode) => resolve(exitCode)));
    // The table goes to the CI log as it is.
    console.log(output);
    result = JSON.parse(readFileSync(join(out, 'lab-report.json'), 'utf8')) as ExperimentResult;
  });

  afterAll(() => {
    if (out) rmSync(out, { recursive: true, force: true });
  });

  it('passes its own checks and writes the table, the JSON and the latency plot', () => {
    expect(code, output).toBe(0);
    expect(readFileSync(join(out, 'lab-report.md'), 'utf8')).toContain('| hybrid | wan |');
    expect(readFileSync(join(out, 'lab-latency.svg'), 'utf8')).toMatch(/^<svg [^>]*>[\s\S]*<path d="M/);
    expect(result.topologies.map((t) => t.topology)).toEqual(['edge-only', 'hybrid']);
  });

  it.each(['edge-only', 'hybrid'])('%s: loses and duplicates no telemetry message across the WAN outage, and drains its backlog', (topology) => {
    const t = result.topologies.find((candidate) => candidate.topology === topology)!;
    expect(t.outage.messagesExpected).toBeGreaterThan(0);
    expect({ lost: t.outage.lost, duplicated: t.outage.duplicated }).toEqual({ lost: 0, duplicated: 0 });
    expect(t.outage.drainSeconds).toBeDefined();
  });

  it.each(['edge-only', 'hybrid'])('%s: edge predictions keep succeeding during the outage', (topology) => {
    const t = result.topologies.find((candidate) => candidate.topology === topology)!;
    expect(t.outage.predictionsDuringOutage).toBeGreaterThan(0);
    expect(t.outage.predictionsFailedDuringOutage).toBe(0);
  });

  it.each(['edge-only', 'hybrid'])('%s: the inference API and the gateway recover after a kill, and a promoted model reaches the edge', (topology) => {
    const t = result.topologies.find((candidate) => candidate.topology === topology)!;
    expect(t.recovery.inferenceApiSeconds).toBeDefined();
    expect(t.recovery.gatewaySeconds).toBeDefined();
    expect(t.leadTimeSeconds.every((s) => s !== undefined)).toBe(true);
  });

  it.each(['edge-only', 'hybrid'])('%s: every process, killed once in turn, is ready again', (topology) => {
    const t = result.topologies.find((candidate) => candidate.topology === topology)!;
    expect(Object.keys(t.killedAndRecovered).length).toBeGreaterThan(8);
    expect(Object.entries(t.killedAndRecovered).filter(([, seconds]) => seconds === undefined)).toEqual([]);
  });
});
