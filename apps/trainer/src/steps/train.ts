import { createProgressBar } from '../progress-bar.ts';
import { parallelSearch } from '../train/parallel-search.ts';
import { splitFromJson, type SplitJson } from '../train/split-file.ts';
import { once, type StepContext, type StepSummary } from './step-context.ts';

/** `train`: the seeded hyperparameter search on worker threads; keeps the best forest (`search.json`). */
export function train(context: StepContext): Promise<StepSummary> {
  return once(context, 'train', async () => {
    const split = splitFromJson(context.store.readJson<SplitJson>('split.json'));
    const started = performance.now();
    let bar: ReturnType<typeof createProgressBar> | undefined;
    const search = await parallelSearch(split.train, split.validation, {
      seed: context.options.seed,
      metric: context.options.metric,
      threads: context.options.threads,
      onProgress: (done, total, result) => {
        bar ??= createProgressBar('train: search', total);
        bar.update(done, `candidate ${result.index}: validation ${context.options.metric} ${result.score.toFixed(3)}`);
      },
    });
    context.store.writeJson('search.json', search);
    const seconds = (performance.now() - started) / 1000;
    return { step: 'train', candidates: search.candidates.length, best: search.best.index, score: search.best.score, seconds: Number(seconds.toFixed(1)) };
  });
}
