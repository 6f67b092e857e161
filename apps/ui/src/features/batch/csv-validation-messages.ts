import type { ModelContract } from '@millwright/contract';
import type { BatchRow } from './validate-csv.ts';

/** What the worker sends the page. */
export type ValidationMessage =
  | { readonly kind: 'progress'; readonly done: number; readonly total: number }
  | { readonly kind: 'invalid-file'; readonly problems: readonly string[] }
  | {
      readonly kind: 'done';
      readonly header: readonly string[];
      /** Input name → the file column that holds it. */
      readonly columns: Readonly<Record<string, number>>;
      readonly rows: readonly BatchRow[];
      /** How the file was read, when not as plain CSV (a semicolon-separated export). */
      readonly notes: readonly string[];
    };

/** What the page sends the worker. */
export interface ValidationRequest {
  readonly contract: ModelContract;
  readonly text: string;
}

/** Rows validated between two progress messages (and between two yields on the main thread). */
export const validationChunkRows = 2_000;
