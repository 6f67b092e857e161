import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
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

  describe('with a spec file of its own', () => {
    // Inside the project, so the spec resolves @millwright/pipelines as a spec in libs/pipelines would.
    const dir = mkdtempSync(join(import.meta.dirname, '__fixtures__', 'tmp-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const specFile = (name: string, source: string) => {
      writeFileSync(join(dir, name), `import { definePipeline, driftFoundExitCode, param } from '@millwright/pipelines';\n\n${source}`);
      return relative(root, join(dir, name));
    };
    const spec = (id: string) => `definePipeline({
  id: '${id}',
  description: 'Drift check of the line-2 telemetry; retrains when a feature drifted',
  schedule: '@daily',
  parameters: { source: { default: 'postgres', description: 'where the recent rows come from' } },
  steps: [
    { id: 'drift', command: 'drift', options: { source: param('source'), failOnDrift: true } },
    { id: 'retrain', trigger: 'training', dependsOn: ['drift'], when: { step: 'drift', exitCode: driftFoundExitCode } },
  ],
})`;

    it("accepts a spec that is a named export, as the README's drift-monitor is", async () => {
      const { code, stdout } = await run('validate', '--spec', specFile('line-2-drift.ts', `export const line2Drift = ${spec('line-2-drift')};\n`));
      expect(code).toBe(0);
      expect(stdout).toBe('3 pipeline specs valid: training, drift-monitor, line-2-drift');
    });

    it('checks a spec already listed in specs/index.ts once', async () => {
      const { code, stdout } = await run('validate', '--spec', 'libs/pipelines/src/specs/drift-monitor.ts');
      expect(code).toBe(0);
      expect(stdout).toBe('2 pipeline specs valid: training, drift-monitor');
    });

    it('counts a spec exported both by name and as the default once', async () => {
      const source = `export const line3Drift = ${spec('line-3-drift')};\nexport default line3Drift;\n`;
      const { code, stdout } = await run('validate', '--spec', specFile('line-3-drift.ts', source));
      expect(code).toBe(0);
      expect(stdout).toBe('3 pipeline specs valid: training, drift-monitor, line-3-drift');
    });

    it('names a file that exports no pipeline spec and says how to export one', async () => {
      const file = specFile('no-spec.ts', `export const rows = 5000;\nexport const drift = { param, driftFoundExitCode, definePipeline };\n`);
      const { code, stderr } = await run('validate', '--spec', file);
      expect(code).toBe(2);
      expect(stderr.split('\n')[0]).toBe(
        `--spec ${file}: exports no pipeline spec; export one as \`export const <name> = definePipeline({ ... })\` (or \`export default definePipeline({ ... })\`)`,
      );
    });
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
