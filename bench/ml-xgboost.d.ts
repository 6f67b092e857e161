// Minimal types for ml-xgboost 1.1.2 (XGBoost compiled to WebAssembly), the trainer benchmark's
// baseline; the package ships none. Its CommonJS export is a promise of the class, resolved once
// the WebAssembly module is ready.
declare module 'ml-xgboost' {
  /** XGBoost's own parameter names (https://xgboost.readthedocs.io/en/stable/parameter.html). */
  export interface XGBoostOptions {
    readonly booster?: string;
    readonly objective?: string;
    readonly max_depth?: number;
    readonly eta?: number;
    readonly min_child_weight?: number;
    readonly subsample?: number;
    readonly colsample_bytree?: number;
    readonly scale_pos_weight?: number;
    readonly lambda?: number;
    readonly silent?: number;
    readonly iterations?: number;
  }
  export class XGBoost {
    constructor(options: XGBoostOptions);
    train(rows: number[][], labels: number[]): void;
    /** With `binary:logistic`, the positive-class probability per row. */
    predict(rows: number[][]): number[];
    /** Frees the WebAssembly model. */
    free(): void;
  }
  const ready: Promise<typeof XGBoost>;
  export default ready;
}
