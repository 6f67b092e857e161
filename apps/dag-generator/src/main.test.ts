import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { names } from '@millwright/kube';
import { main } from './main.ts';

const root = join(import.meta.dirname, '../../..');

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void out.push(args.join(' ')));
  const error = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void err.push(args.join(' ')));
  try {
    const code = await main(argv, root);
    return { code, stdout: out.join('\n'), stderr: err.join('\n') };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

describe('dags list', () => {
  it('lists every pipeline with its schedule, size and spec file', async () => {
    const { code, stdout } = await run('list');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^training +@weekly +10 steps {2}libs\/pipelines\/src\/specs\/training\.ts$/m);
    expect(stdout).toMatch(/^drift-monitor +@hourly +2 steps, triggers training {2}libs\/pipelines\/src\/specs\/drift-monitor\.ts$/m);
  });
});

describe('dags graph', () => {
  it('prints each step with its trainer command line and the edges', async () => {
    const { code, stdout } = await run('graph', 'training');
    expect(code).toBe(0);
    expect(stdout).toContain('  train-by-auroc: trainer train --run-id=<run>-auroc --from-run=<run> --seed=<seed> --metric=auroc --threads=2  after prepare');
    expect(stdout).toContain('promote-f1 -> promote-auroc');
  });

  it('refuses an unknown pipeline, listing the known ones', async () => {
    const { code, stderr } = await run('graph', 'trainig');
    expect(code).toBe(2);
    expect(stderr).toMatch(/^unknown pipeline "trainig"; the pipelines are training, drift-monitor/);
  });
});

describe('dags show', () => {
  it('prints the DAG file npm run render wrote', async () => {
    const { code, stdout } = await run('show', 'drift-monitor');
    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toBe(names.banner);
    expect(stdout).toContain('    drift >> retrain');
  });

  it('prints the WorkflowTemplate with --engine argo', async () => {
    const { code, stdout } = await run('show', 'training', '--engine', 'argo');
    expect(code).toBe(0);
    expect(stdout).toContain('kind: WorkflowTemplate\nmetadata:\n  name: training\n');
  });
});

describe('dags validate', () => {
  it('accepts the pipelines and a new spec before it is added', async () => {
    const { code, stdout } = await run('validate', '--spec', 'apps/dag-generator/src/__fixtures__/nightly-sim.ts');
    expect(code).toBe(0);
    expect(stdout).toBe('3 pipeline specs valid: training, drift-monitor, nightly-sim');
  });

  it('fails naming the spec file and each step that is wrong', async () => {
    const { code, stderr } = await run('validate', '--spec', 'apps/dag-generator/src/__fixtures__/broken-spec.ts');
    expect(code).toBe(1);
    expect(stderr.split('\n')).toEqual([
      'apps/dag-generator/src/__fixtures__/broken-spec.ts: 2 problems',
      '  step "prepare": depends on unknown step "ingets"; the steps are ingest, prepare, Train Model',
      `  step "Train Model": step id "Train Model" is not a valid Airflow task id and Argo name: use lowercase letters, digits and single '-' between them, starting with a letter, at most 63 characters (e.g. "train-by-f1")`,
    ]);
  });
});
