import type { ApiClient } from '../../../shared/api/api-client.ts';

/** `GET /machines`: the machines the feature store holds live features for. */
export async function getMachines(api: ApiClient, signal?: AbortSignal): Promise<string[]> {
  try {
    return (await api.getJson<{ machines: string[] }>('/machines', { signal })).machines;
  } catch (error) {
    // An API without the route has no presets; that is not a failure of the page.
    if ((error as { status?: number }).status === 404) return [];
    throw error;
  }
}

/** `GET /machines/:id`: one machine's latest features. */
export async function getMachineFeatures(api: ApiClient, machineId: string, signal?: AbortSignal): Promise<Record<string, unknown>> {
  return (await api.getJson<{ features: Record<string, unknown> }>(`/machines/${encodeURIComponent(machineId)}`, { signal })).features;
}
