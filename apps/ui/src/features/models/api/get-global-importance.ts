import type { ApiClient } from '../../../shared/api/api-client.ts';
import type { MarginSpace } from '../../../shared/format/margin-space.ts';

/** A version's global explanation: mean |SHAP| per feature over its test set. */
export interface GlobalImportance {
  readonly version: string;
  readonly marginSpace: MarginSpace;
  readonly baseValue: number;
  /** The test rows averaged over. */
  readonly rows: number;
  /** Largest first. */
  readonly features: readonly { readonly feature: string; readonly meanAbsShap: number }[];
}

/** `GET /registry/versions/:version/global-importance`; undefined when the version has none (404). */
export async function getGlobalImportance(api: ApiClient, version: string, signal?: AbortSignal): Promise<GlobalImportance | undefined> {
  try {
    return await api.getJson<GlobalImportance>(`/registry/versions/${encodeURIComponent(version)}/global-importance`, { signal });
  } catch (error) {
    if ((error as { status?: number }).status === 404) return undefined;
    throw error;
  }
}
