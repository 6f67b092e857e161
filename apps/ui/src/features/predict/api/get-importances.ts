import type { ApiClient } from '../../../shared/api/api-client.ts';

/** One feature's share of the model's impurity decrease. */
export interface FeatureImportance {
  readonly feature: string;
  readonly importance: number;
}

/** `GET /registry/versions/:version/importances`; empty when the version has none recorded. */
export async function getImportances(api: ApiClient, version: string, signal?: AbortSignal): Promise<FeatureImportance[]> {
  try {
    return (await api.getJson<{ importances: FeatureImportance[] }>(`/registry/versions/${encodeURIComponent(version)}/importances`, { signal })).importances;
  } catch (error) {
    if ((error as { status?: number }).status === 404) return [];
    throw error;
  }
}
