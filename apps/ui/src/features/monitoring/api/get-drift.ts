import type { ApiClient } from '../../../shared/api/api-client.ts';

/** How far one feature of the recent inputs moved from the training data. */
export interface FeatureDrift {
  readonly feature: string;
  readonly psi: number;
  /** PSI ≤ 0.1, ≤ 0.2, above. */
  readonly level: 'stable' | 'moderate' | 'significant';
}

/** `GET /drift`'s answer: the recent inputs against the champion's training reference. */
export interface DriftStatus {
  readonly model: string;
  readonly version: string | null;
  readonly referenceRows: number | null;
  readonly window: { readonly rows: number; readonly capacity: number; readonly minimumRows: number };
  readonly judged: boolean;
  readonly features: readonly FeatureDrift[];
  readonly problem: string | null;
}

/** `GET /drift`. */
export function getDrift(api: ApiClient, signal?: AbortSignal): Promise<DriftStatus> {
  return api.getJson<DriftStatus>('/drift', { signal });
}
