import { describe, expect, it } from 'vitest';
import { airflowTaskGraph, renderAirflowDag } from './airflow/render-airflow-dag.ts';
import { argoStepGraph } from './argo/argo-graph.ts';
import { renderArgoPipeline } from './argo/render-argo.ts';
import { stepGraph } from './graph/step-graph.ts';
import type { PipelineSpec } from './spec/pipeline-spec.ts';
import { pipelines } from './specs/index.ts';
import { checkDags, randomPipelineSpecs, sampleTarget } from './test-support/index.ts';

/**
 * The graphs each engine runs for each spec: Airflow's from the `>>` lines of the DAG file (the
 * spec's, plus a failure guard after each step a `when` waits on), Argo's from the DAG template.
 */
function engineGraphs(specs: readonly PipelineSpec[]) {
  const reports = checkDags(Object.fromEntries(specs.map((spec) => [`${spec.id}.py`, renderAirflowDag(spec, sampleTarget)])));
  return specs.map((spec) => {
    const report = reports[`${spec.id}.py`]!;
    const template = renderArgoPipeline(spec, sampleTarget).find((o) => o.kind === 'WorkflowTemplate')!;
    return {
      spec: stepGraph(spec),
      airflowSpec: airflowTaskGraph(spec),
      airflow: { nodes: Object.values(report.tasks).sort(), edges: report.edges },
      argo: argoStepGraph(template),
    };
  });
}

describe('the Airflow and Argo renderers', () => {
  it('produce the same step graph (nodes and edges) as the spec, for every pipeline', () => {
    for (const graphs of engineGraphs(pipelines)) {
      expect(graphs.airflow).toEqual(graphs.airflowSpec);
      expect(graphs.argo).toEqual(graphs.spec);
    }
  });

  it('produce the same step graph for random pipelines', () => {
    const valid = randomPipelineSpecs(40, 7);
    expect(valid.length).toBeGreaterThan(20);
    for (const graphs of engineGraphs(valid)) {
      expect(graphs.airflow).toEqual(graphs.airflowSpec);
      expect(graphs.argo).toEqual(graphs.spec);
    }
  });

  it('add to the Airflow DAG only one failure guard after each step a when waits on', () => {
    const drift = pipelines.find((spec) => spec.id === 'drift-monitor')!;
    expect(airflowTaskGraph(drift)).toEqual({
      nodes: ['drift', 'drift-not-failed', 'retrain'],
      edges: [
        ['drift', 'drift-not-failed'],
        ['drift', 'retrain'],
      ],
    });
  });
});
