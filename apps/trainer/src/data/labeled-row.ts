/**
 * One training example as a source delivered it, before validation: the model inputs, the
 * failure label and the failure mode (for per-mode recall), and where it came from (`row 17` of
 * a CSV, a message id) so every error can name it.
 */
export interface LabeledRow {
  readonly input: Readonly<Record<string, unknown>>;
  readonly label: unknown;
  /** `TWF`, `HDF`, `PWF`, `OSF`, `RNF`, or `none`; several modes keep the first. */
  readonly failureMode?: unknown;
  readonly origin: string;
}

/** The failure modes in the AI4I order; a row's mode is the first one set. */
export const failureModeOrder = ['TWF', 'HDF', 'PWF', 'OSF', 'RNF'] as const;
