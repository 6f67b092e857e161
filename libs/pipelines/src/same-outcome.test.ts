import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderAirflowDag } from './airflow/render-airflow-dag.ts';
import { renderArgoPipeline } from './argo/render-argo.ts';
import { isTrainerStep, type PipelineSpec } from './spec/pipeline-spec.ts';
import { driftFoundExitCode } from './spec/trainer-cli.ts';
import { pipelines } from './specs/index.ts';
import {
  checkDags,
  intendedOutcome,
  randomPipelineSpecs,
  sampleTarget,
  simulateAirflowRun,
  simulateArgoRun,
  type DagReport,
  type StepExitCodes,
} from './test-support/index.ts';

/** Each spec's DAG file as check_dag.py reads it, and its WorkflowTemplate. */
function renderedEngines(specs: readonly PipelineSpec[]) {
  const reports = checkDags(Object.fromEntries(specs.map((spec) => [`${spec.id}.py`, renderAirflowDag(spec, sampleTarget)])));
  return specs.map((spec) => ({
    spec,
    dag: reports[`${spec.id}.py`]!,
    workflowTemplate: renderArgoPipeline(spec, sampleTarget).find((o) => o.kind === 'WorkflowTemplate')!,
  }));
}

const [drift] = renderedEngines([pipelines.find((spec) => spec.id === 'drift-monitor')!]);
const runBoth = (exitCodes: StepExitCodes) => ({
  airflow: simulateAirflowRun(drift!.dag, exitCodes),
  argo: simulateArgoRun(drift!.workflowTemplate, exitCodes),
});

describe('a drift-monitor run, in Airflow and in Argo Workflows', () => {
  it('succeeds without retraining when the check finds no drift (exit 0)', () => {
    for (const run of Object.values(runBoth({ drift: 0 }))) {
      expect(run).toMatchObject({ state: 'success', started: ['drift'], triggered: [] });
    }
  });

  it('succeeds and triggers training when the check finds drift (exit 3)', () => {
    for (const run of Object.values(runBoth({ drift: driftFoundExitCode }))) {
      expect(run).toMatchObject({ state: 'success', started: ['drift', 'retrain'], triggered: ['training'] });
    }
  });

  it.each([1, 2, 137])('fails, triggering nothing, when the check crashes (exit %i after its retries)', (exitCode) => {
    for (const run of Object.values(runBoth({ drift: exitCode }))) {
      expect(run).toMatchObject({ state: 'failed', started: ['drift'], triggered: [] });
    }
  });
});

describe('the Airflow and Argo renderers', () => {
  it('end every run of a random pipeline as its spec says, whatever each step exits with', () => {
    const specs = randomPipelineSpecs(80, 11);
    expect(specs.filter((spec) => spec.steps.some((step) => !isTrainerStep(step) && step.when)).length).toBeGreaterThan(15);
    for (const { spec, dag, workflowTemplate } of renderedEngines(specs)) {
      const trainerSteps = spec.steps.filter(isTrainerStep).map((step) => step.id);
      const exitCodes = fc.sample(fc.tuple(...trainerSteps.map(() => fc.constantFrom(0, 0, 0, 1, driftFoundExitCode))), { numRuns: 12, seed: 5 });
      for (const codes of exitCodes) {
        const run: StepExitCodes = Object.fromEntries(trainerSteps.map((id, index) => [id, codes[index]!]));
        const intended = intendedOutcome(spec, run);
        expect(simulateAirflowRun(dag, run), `${spec.id} in Airflow, exits ${JSON.stringify(run)}`).toMatchObject(intended);
        expect(simulateArgoRun(workflowTemplate, run), `${spec.id} in Argo, exits ${JSON.stringify(run)}`).toMatchObject(intended);
      }
    }
  });
});

describe('the Airflow run simulation', () => {
  /** The drift DAG before the failure guard: drift >> retrain, retrain all_skipped, its only leaf. */
  const unguarded: DagReport = {
    imports: [],
    stdlib: [],
    tasks: { drift: 'drift', retrain: 'retrain' },
    edges: [['drift', 'retrain']],
    calls: {},
    operators: { drift: 'trainer_task', retrain: 'TriggerDagRunOperator' },
    keywords: { drift: { skip_on_exit_code: [3] }, retrain: { trigger_dag_id: 'training', trigger_rule: 'all_skipped' } },
    undefined: [],
  };

  it('ends a run successful when its only leaf is skipped after a failed task (why the DAGs need a failure guard)', () => {
    expect(simulateAirflowRun(unguarded, { drift: 1 })).toMatchObject({ state: 'success', tasks: { drift: 'failed', retrain: 'skipped' } });
  });

  it('refuses a trigger rule it does not model rather than guessing', () => {
    const oneFailed = { ...unguarded, keywords: { ...unguarded.keywords, retrain: { trigger_rule: 'one_failed' } } };
    expect(() => simulateAirflowRun(oneFailed, {})).toThrow('trigger rule "one_failed" is not modelled here');
  });
});
