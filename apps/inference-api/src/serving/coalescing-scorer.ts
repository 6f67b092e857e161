/**
 * Micro-batching: single-row requests that arrive in the same turn of the event loop are scored in
 * one ONNX Runtime call. A run costs a fixed setup (tensors in and out, the native call) far above
 * what one more row of a tree ensemble costs, so under load one call per turn instead of one per
 * request gives the CPU back to HTTP. The wait is no timer: the batch is cut when the loop has
 * read every request that was ready (`setImmediate`), so an idle server answers as fast as before.
 */
import type { OnnxScorer } from '@millwright/ml';

interface Waiting {
  readonly rows: Float32Array;
  resolve(probabilities: Float32Array): void;
  reject(error: unknown): void;
}

/** Options of {@link coalescingScorer}. */
export interface CoalescingOptions {
  /** Calls with at least this many rows run on their own (a batch request is already a batch). @default 64 */
  readonly soloRows?: number;
  /** Most rows one coalesced call scores. @default 1024 */
  readonly maxRows?: number;
}

/** Wraps `scorer` so that concurrent small calls share ONNX Runtime runs; answers are unchanged. */
export function coalescingScorer(scorer: OnnxScorer, options: CoalescingOptions = {}): OnnxScorer {
  const { featureCount } = scorer;
  const soloRows = options.soloRows ?? 64;
  const maxRows = options.maxRows ?? 1024;
  let waiting: Waiting[] = [];
  let scheduled = false;

  const runTogether = async (batch: readonly Waiting[], rowCount: number): Promise<void> => {
    const rows = new Float32Array(rowCount * featureCount);
    let offset = 0;
    for (const entry of batch) {
      rows.set(entry.rows, offset);
      offset += entry.rows.length;
    }
    try {
      const probabilities = await scorer.scoreBatch(rows);
      let row = 0;
      for (const entry of batch) {
        const count = entry.rows.length / featureCount;
        entry.resolve(probabilities.subarray(row, row + count));
        row += count;
      }
    } catch (error) {
      for (const entry of batch) entry.reject(error);
    }
  };

  const flush = (): void => {
    scheduled = false;
    while (waiting.length > 0) {
      let rowCount = 0;
      let take = 0;
      while (take < waiting.length && (take === 0 || rowCount + waiting[take]!.rows.length / featureCount <= maxRows)) {
        rowCount += waiting[take]!.rows.length / featureCount;
        take += 1;
      }
      const batch = waiting.slice(0, take);
      waiting = waiting.slice(take);
      void runTogether(batch, rowCount);
    }
  };

  return {
    featureCount,
    inputName: scorer.inputName,
    scoreBatch(rows: Float32Array): Promise<Float32Array> {
      if (rows.length % featureCount !== 0) {
        return Promise.reject(new RangeError(`batch of ${rows.length} values is not a whole number of rows of ${featureCount} features`));
      }
      const count = rows.length / featureCount;
      if (count === 0) return Promise.resolve(new Float32Array(0));
      if (count >= soloRows) return scorer.scoreBatch(rows);
      return new Promise((resolve, reject) => {
        waiting.push({ rows, resolve, reject });
        if (!scheduled) {
          scheduled = true;
          setImmediate(flush);
        }
      });
    },
    release: () => scorer.release(),
  };
}
