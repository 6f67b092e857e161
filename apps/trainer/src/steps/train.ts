import { planSearch } from '@millwright/ml';
import { createProgressBar } from '../progress-bar.ts';
import { parallelSearch } from '../train/parallel-search.ts';
import { splitFromJson, type SplitJson } from '../train/split-file.ts';
import { once, type StepContext, type StepSummary } from './step-context.ts';

/**
 * `train`: the seeded random search across model families (forest and boosted trees) on worker
 * threads, within `--search-seconds`; keeps the best model and every trial (`search.json`).
 */
export function train(context: StepContext): Promise<StepSummary> {
  return once(context, 'train', async () => {
    const split = splitFromJson(context.store.readJson<SplitJson>('split.json'));
    const { options } = context;
    const started = performance.now();
    let bar: ReturnType<typeof createProgressBar> | undefined;
    const search = await parallelSearch(split.train, split.validation, {
      seed: options.seed,
      metric: options.metric,
      threads: options.threads,
      plan: planSearch({ seed: options.seed, trials: options.trials }),
      budgetSeconds: options.searchSeconds,
      onProgress: (done, total, result) => {
        bar ??= createProgressBar('train: search', total);
        bar.update(done, `trial ${result.index} (${result.family}): validation ${options.metric} ${result.score.toFixed(3)}`);
      },
    });
    context.store.writeJson('search.json', search);
    const seconds = (performance.now() - started) / 1000;
    if (search.skipped > 0) context.log(`train: the ${options.searchSeconds} s budget left ${search.skipped} of ${options.trials} planned trials unstarted`);
    return {
      step: 'train',
      candidates: search.candidates.length,
      skipped: search.skipped,
      best: search.best.index,
      family: search.best.family,
      score: search.best.score,
      seconds: Number(seconds.toFixed(1)),
    };
  });
}
