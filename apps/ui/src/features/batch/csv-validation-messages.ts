import type { ModelContract } from '@millwright/contract';
import type { BatchRow } from './validate-csv.ts';

/** What the worker sends the page. */
export type ValidationMessage =
  | { readonly kind: 'progress'; readonly done: number; readonly total: number }
  | { readonly kind: 'invalid-file'; readonly problems: readonly string[] }
  | { readonly kind: 'done'; readonly header: readonly string[]; readonly rows: readonly BatchRow[] };

/** What the page sends the worker. */
export interface ValidationRequest {
  readonly contract: ModelContract;
  readonly text: string;
}

/** Rows validated between two progress messages (and between two yields on the main thread). */
export const validationChunkRows = 2_000;
