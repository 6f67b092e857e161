import { describe, expect, it } from 'vitest';
import { renderDagFiles } from '../render-pipelines.ts';
import { pipelines } from '../specs/index.ts';
import { sampleTarget } from '../test-support/index.ts';
import { definePipeline, type PipelineSpec, type PipelineStep } from './pipeline-spec.ts';
import { PipelineSpecError, validatePipelines } from './validate-pipeline.ts';

const base = (steps: readonly PipelineStep[], extra: Partial<PipelineSpec> = {}): PipelineSpec =>
  definePipeline({ id: 'nightly', description: 'a test pipeline', schedule: '0 2 * * *', steps, ...extra });

/** A drift check whose exit code 3 triggers training: the step a `when` waits on, and the `when` step. */
const driftThenRetrain: readonly PipelineStep[] = [
  { id: 'drift', command: 'drift', options: { failOnDrift: true } },
  { id: 'retrain', trigger: 'training', dependsOn: ['drift'], when: { step: 'drift', exitCode: 3 } },
];

/** The message a render of `spec` (beside the default pipelines) fails with. */
function renderError(spec: PipelineSpec): string {
  try {
    renderDagFiles([...pipelines, spec], sampleTarget, 'dags');
  } catch (error) {
    expect(error).toBeInstanceOf(PipelineSpecError);
    return (error as Error).message;
  }
  throw new Error('the render did not fail');
}

describe('pipeline spec validation', () => {
  it('accepts the default pipelines', () => {
    expect(() => validatePipelines(pipelines)).not.toThrow();
  });

  it('fails the render on a dependency cycle, naming the spec file and the steps', () => {
    const message = renderError(
      base([
        { id: 'ingest', command: 'ingest' },
        { id: 'prepare', command: 'prepare', dependsOn: ['ingest', 'train'] },
        { id: 'train', command: 'train', dependsOn: ['prepare'] },
      ]),
    );
    expect(message).toMatch(/^libs\/pipelines\/src\/specs\/nightly\.ts: 1 problem\n/);
    expect(message).toContain('step "prepare": the dependencies form a cycle: prepare -> train -> prepare');
  });

  it('fails the render on an unknown dependency, listing the steps there are', () => {
    const message = renderError(base([{ id: 'ingest', command: 'ingest' }, { id: 'prepare', command: 'prepare', dependsOn: ['ingets'] }]));
    expect(message).toContain('libs/pipelines/src/specs/nightly.ts');
    expect(message).toContain('step "prepare": depends on unknown step "ingets"; the steps are ingest, prepare');
  });

  it('fails the render on an unknown trainer command, listing the commands', () => {
    const message = renderError(base([{ id: 'fit', command: 'fit' as never }]));
    expect(message).toContain('step "fit": command "fit" is not a trainer command; use one of ingest, prepare, train, evaluate, register, promote, drift, pipeline');
  });

  it('fails the render on a bad cron expression', () => {
    expect(renderError(base([{ id: 'ingest', command: 'ingest' }], { schedule: '0 25 * * *' }))).toContain(
      'libs/pipelines/src/specs/nightly.ts: 1 problem\n  schedule "0 25 * * *": hour "25": use *, a number from 0 to 23',
    );
    expect(renderError(base([{ id: 'ingest', command: 'ingest' }], { schedule: '*/5 * * *' }))).toContain('it needs five fields');
    expect(renderError(base([{ id: 'ingest', command: 'ingest' }], { schedule: '@every-hour' }))).toContain('is not a preset; use one of @hourly');
  });

  it('fails the render on a duplicate step id', () => {
    const message = renderError(base([{ id: 'ingest', command: 'ingest' }, { id: 'ingest', command: 'prepare' }]));
    expect(message).toContain('step "ingest": the id is used by another step; step ids must be unique');
  });

  it.each(['Train By F1', 'train_by_f1', 'train.f1', '1-train', 'train--f1', 'x'.repeat(64)])('fails the render on the step id %j, which is not a valid Airflow task id', (id) => {
    const message = renderError(base([{ id, command: 'ingest' }]));
    expect(message).toContain(`step "${id}": step id "${id}" is not a valid Airflow task id and Argo name: use lowercase letters, digits and single '-'`);
  });

  it('reports every problem of a spec at once', () => {
    const message = renderError(
      base([
        { id: 'ingest', command: 'ingest', options: { metric: 'accuracy', rowz: 5 } as never },
        { id: 'retrain', trigger: 'trianing', dependsOn: ['ingest'] },
      ]),
    );
    expect(message).toMatch(/: 3 problems\n/);
    expect(message).toContain('step "ingest": option metric "accuracy": use one of f1, auroc');
    expect(message).toContain('step "ingest": option "rowz" is not a trainer option');
    expect(message).toContain('step "retrain": triggers unknown pipeline "trianing"; the pipelines are training, drift-monitor, nightly');
  });

  it('refuses a parameter the pipeline does not declare and a when on a step it does not depend on', () => {
    const message = renderError(
      base([
        { id: 'drift', command: 'drift', options: { source: { param: 'source' }, failOnDrift: true } },
        { id: 'other', command: 'ingest' },
        { id: 'retrain', trigger: 'training', dependsOn: ['other'], when: { step: 'drift', exitCode: 3 } },
      ]),
    );
    expect(message).toContain('step "drift": option source uses parameter "source", which the pipeline does not declare in parameters');
    expect(message).toContain('step "retrain": a step with when must depend on exactly its when.step: dependsOn: ["drift"]');
  });

  it('refuses a step after the step a when waits on, since Argo would fail the run on the exit code Airflow skips', () => {
    const message = renderError(
      base([
        ...driftThenRetrain,
        { id: 'report', command: 'evaluate', dependsOn: ['drift'] },
      ]),
    );
    expect(message).toContain(
      'step "report": depends on "drift", whose exit code 3 a when waits on: Argo records that exit as a failure, which would fail the Argo run after this step is left out, where Airflow succeeds; depend on a step before "drift" or on its when step "retrain"',
    );
  });

  it('refuses two whens on one step with different exit codes, which Airflow cannot tell apart', () => {
    const message = renderError(
      base([
        ...driftThenRetrain,
        { id: 'alert', trigger: 'training', dependsOn: ['drift'], when: { step: 'drift', exitCode: 4 } },
      ]),
    );
    expect(message).toContain(
      'step "alert": when.exitCode 4: "retrain" already waits on exit code 3 of "drift"; Airflow skips "drift" on either and cannot tell them apart, so every when on one step must wait on the same exit code',
    );
  });

  it('refuses a step id taken by the Airflow failure guard of a step a when waits on', () => {
    const message = renderError(
      base([
        ...driftThenRetrain,
        { id: 'drift-not-failed', command: 'evaluate' },
      ]),
    );
    expect(message).toContain('step "drift-not-failed": the id is taken by the Airflow task that fails the run when "drift" fails; rename the step');
  });

  it('refuses a literal option that either engine would read as a template', () => {
    expect(renderError(base([{ id: 'ingest', command: 'ingest', options: { source: 'csv:{{ ds }}.csv' } }]))).toContain(
      'step "ingest": option source "csv:{{ ds }}.csv": must not contain {{, }} or {% (Airflow and Argo would read them as templates)',
    );
  });

  it('refuses a branch step that could continue several runs', () => {
    const message = renderError(
      base([
        { id: 'a', command: 'ingest', branch: 'one' },
        { id: 'b', command: 'ingest', branch: 'two' },
        { id: 'c', command: 'prepare', branch: 'three', dependsOn: ['a', 'b'] },
      ]),
    );
    expect(message).toContain('step "c": its upstream steps are on several runs (branch one, branch two) and none on its own');
  });
});
