/**
 * Scores rows with an ONNX model through onnxruntime-node — the runtime the inference API serves
 * with, so tests here prove what production will compute.
 */
import { InferenceSession, Tensor } from 'onnxruntime-node';
import { onnxOutputNames } from './onnx-export.ts';

/** A loaded binary classifier. */
export interface OnnxScorer {
  /** Columns per row the model expects. */
  readonly featureCount: number;
  readonly inputName: string;
  /**
   * Probability of the positive class for each row of a row-major N × F float32 batch
   * (`probabilities[:, 1]` of the model).
   *
   * @throws RangeError when the batch length is not a multiple of the feature count.
   */
  scoreBatch(rows: Float32Array): Promise<Float32Array>;
  /** Frees the native session. */
  release(): Promise<void>;
}

/** Options of {@link createOnnxScorer}. */
export interface OnnxScorerOptions {
  /**
   * Columns per row, when the model's input shape does not say.
   * @default the second dimension of the model's first input
   */
  readonly featureCount?: number;
  /**
   * Output holding the [N, 2] class probabilities.
   * @default 'probabilities' when the model has it, else its second output
   */
  readonly probabilitiesOutput?: string;
  /**
   * ONNX Runtime's intra-op threads. A tree ensemble scores a few rows in microseconds, far less
   * than a thread pool costs to wake (and its spinning threads take the CPU the event loop
   * needs), so serving uses one; a large offline batch may want more.
   * @default 1
   */
  readonly intraOpThreads?: number;
}

/**
 * Loads ONNX model bytes into an ONNX Runtime session and returns a batch scorer.
 *
 * @throws RangeError when the feature count can be learned neither from the model nor the options.
 */
export async function createOnnxScorer(bytes: Uint8Array, options: OnnxScorerOptions = {}): Promise<OnnxScorer> {
  const threads = options.intraOpThreads ?? 1;
  const session = await InferenceSession.create(bytes, {
    intraOpNumThreads: threads,
    interOpNumThreads: 1,
    executionMode: 'sequential',
    graphOptimizationLevel: 'all',
    // Spinning worker threads would busy-wait between requests on a machine with few cores.
    extra: { session: { intra_op: { allow_spinning: threads > 1 ? '1' : '0' } } },
  });
  const inputName = session.inputNames[0];
  if (inputName === undefined) throw new RangeError('the ONNX model has no input');
  const inputMetadata = session.inputMetadata[0];
  const declaredWidth = inputMetadata?.isTensor ? inputMetadata.shape[1] : undefined;
  const featureCount = options.featureCount ?? (typeof declaredWidth === 'number' ? declaredWidth : undefined);
  if (featureCount === undefined || !(featureCount > 0)) {
    throw new RangeError(`the ONNX input "${inputName}" has no fixed second dimension; pass options.featureCount`);
  }
  const probabilitiesOutput =
    options.probabilitiesOutput ??
    (session.outputNames.includes(onnxOutputNames.probabilities) ? onnxOutputNames.probabilities : session.outputNames[1]);
  if (probabilitiesOutput === undefined) throw new RangeError('the ONNX model has no probabilities output; pass options.probabilitiesOutput');

  return {
    featureCount,
    inputName,
    async scoreBatch(rows: Float32Array): Promise<Float32Array> {
      if (rows.length % featureCount !== 0) {
        throw new RangeError(`batch of ${rows.length} values is not a whole number of rows of ${featureCount} features`);
      }
      const count = rows.length / featureCount;
      if (count === 0) return new Float32Array(0);
      const outputs = await session.run({ [inputName]: new Tensor('float32', rows, [count, featureCount]) }, [probabilitiesOutput]);
      const probabilities = outputs[probabilitiesOutput]!.data as Float32Array;
      return Float32Array.from({ length: count }, (_, row) => probabilities[row * 2 + 1]!);
    },
    release: () => session.release(),
  };
}

/** Packs rows into the row-major float32 batch {@link OnnxScorer.scoreBatch} takes. */
export function flattenRows(rows: readonly ArrayLike<number>[], featureCount: number): Float32Array {
  const batch = new Float32Array(rows.length * featureCount);
  rows.forEach((row, index) => {
    if (row.length !== featureCount) throw new RangeError(`row ${index} has ${row.length} values; expected ${featureCount}`);
    for (let column = 0; column < featureCount; column += 1) batch[index * featureCount + column] = row[column]!;
  });
  return batch;
}
