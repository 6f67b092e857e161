import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderAirflowDag } from './airflow/render-airflow-dag.ts';
import { argoStepGraph } from './argo/argo-graph.ts';
import { renderArgoPipeline } from './argo/render-argo.ts';
import { stepGraph } from './graph/step-graph.ts';
import type { PipelineSpec, PipelineStep } from './spec/pipeline-spec.ts';
import { validatePipelines } from './spec/validate-pipeline.ts';
import { trainerCommands } from './spec/trainer-cli.ts';
import { pipelines } from './specs/index.ts';
import { checkDags, sampleTarget } from './test-support/index.ts';

/** The graphs each engine runs for each spec: Airflow's from the `>>` lines of the DAG file, Argo's from the DAG template. */
function engineGraphs(specs: readonly PipelineSpec[]) {
  const reports = checkDags(Object.fromEntries(specs.map((spec) => [`${spec.id}.py`, renderAirflowDag(spec, sampleTarget)])));
  return specs.map((spec) => {
    const report = reports[`${spec.id}.py`]!;
    const template = renderArgoPipeline(spec, sampleTarget).find((o) => o.kind === 'WorkflowTemplate')!;
    return {
      spec: stepGraph(spec),
      airflow: { nodes: Object.values(report.tasks).sort(), edges: report.edges },
      argo: argoStepGraph(template),
    };
  });
}

/** Random valid pipelines: steps in order, each depending on some earlier ones, some on branches, the last maybe a trigger. */
const randomSpec = fc
  .record({
    size: fc.integer({ min: 1, max: 9 }),
    seeds: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.constantFrom(...trainerCommands), fc.boolean()), { minLength: 9, maxLength: 9 }),
    trigger: fc.boolean(),
  })
  .map(({ size, seeds, trigger }): PipelineSpec => {
    const steps: PipelineStep[] = [];
    for (let i = 0; i < size; i++) {
      const [a, b, command, branch] = seeds[i]!;
      const dependsOn = i === 0 ? [] : [...new Set([`s${a % i}`, `s${b % i}`])].filter(() => a % 3 !== 0 || i === size - 1);
      steps.push({ id: `s${i}`, command, dependsOn, ...(branch && i > 0 && { branch: 'b' }) });
    }
    if (trigger) steps.push({ id: 'retrain', trigger: 'training', dependsOn: [`s${size - 1}`], when: { step: `s${size - 1}`, exitCode: 3 } });
    return { id: 'random', description: 'a random pipeline', steps };
  });

describe('the Airflow and Argo renderers', () => {
  it('produce the same step graph (nodes and edges) as the spec, for every pipeline', () => {
    for (const graphs of engineGraphs(pipelines)) {
      expect(graphs.airflow).toEqual(graphs.spec);
      expect(graphs.argo).toEqual(graphs.spec);
    }
  });

  it('produce the same step graph for random pipelines', () => {
    const specs = fc.sample(randomSpec, { numRuns: 40, seed: 7 }).map((spec, index) => ({ ...spec, id: `random-${index}` }));
    const valid = specs.filter((spec) => {
      try {
        validatePipelines([...pipelines, spec]);
        return true;
      } catch {
        return false;
      }
    });
    expect(valid.length).toBeGreaterThan(20);
    for (const graphs of engineGraphs(valid)) {
      expect(graphs.airflow).toEqual(graphs.spec);
      expect(graphs.argo).toEqual(graphs.spec);
    }
  });
});
