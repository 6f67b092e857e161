import fc from 'fast-check';
import type { PipelineSpec, PipelineStep } from '../spec/pipeline-spec.ts';
import { trainerCommands } from '../spec/trainer-cli.ts';
import { validatePipelines } from '../spec/validate-pipeline.ts';
import { pipelines } from '../specs/index.ts';

/**
 * Random pipelines: trainer steps in order, each depending on some earlier ones, some on
 * branches; maybe a trainer step whose exit code 3 triggers training (once or twice, from the
 * last step or any other), and maybe a step after that trigger.
 */
const randomSpec = fc
  .record({
    size: fc.integer({ min: 1, max: 9 }),
    seeds: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.constantFrom(...trainerCommands), fc.boolean()), { minLength: 9, maxLength: 9 }),
    condition: fc.option(fc.record({ on: fc.option(fc.nat(), { nil: undefined }), triggers: fc.integer({ min: 1, max: 2 }), followUp: fc.boolean() }), {
      nil: undefined,
    }),
  })
  .map(({ size, seeds, condition }): PipelineSpec => {
    const steps: PipelineStep[] = [];
    for (let i = 0; i < size; i++) {
      const [a, b, command, branch] = seeds[i]!;
      const dependsOn = i === 0 ? [] : [...new Set([`s${a % i}`, `s${b % i}`])].filter(() => a % 3 !== 0 || i === size - 1);
      steps.push({ id: `s${i}`, command, dependsOn, ...(branch && i > 0 && { branch: 'b' }) });
    }
    if (condition) {
      const source = `s${condition.on === undefined ? size - 1 : condition.on % size}`;
      for (let n = 1; n <= condition.triggers; n++) {
        steps.push({ id: n === 1 ? 'retrain' : `retrain-${n}`, trigger: 'training', dependsOn: [source], when: { step: source, exitCode: 3 } });
      }
      if (condition.followUp) steps.push({ id: 'after-retrain', command: 'evaluate', dependsOn: ['retrain'] });
    }
    return { id: 'random', description: 'a random pipeline', steps };
  });

/** `count` random pipelines (ids `random-<n>`), reproducible by `seed`, without the ones validation refuses. */
export function randomPipelineSpecs(count: number, seed: number): PipelineSpec[] {
  return fc
    .sample(randomSpec, { numRuns: count, seed })
    .map((spec, index) => ({ ...spec, id: `random-${index}` }))
    .filter((spec) => {
      try {
        validatePipelines([...pipelines, spec]);
        return true;
      } catch {
        return false;
      }
    });
}
