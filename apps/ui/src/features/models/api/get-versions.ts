import type { ApiClient } from '../../../shared/api/api-client.ts';

/** One registered version, as `GET /registry/versions` answers. */
export interface RegisteredVersion {
  readonly version: string;
  readonly creationTimestamp: number;
  readonly status: string;
  readonly runId: string | null;
  readonly aliases: readonly string[];
  readonly tags: Readonly<Record<string, string>>;
  readonly metrics: Readonly<Record<string, number>>;
  /** The training run's parameters (`rows`: the data set it was trained and evaluated on); absent from an older API. */
  readonly params?: Readonly<Record<string, string>>;
}

/** The registered versions, newest first. */
export async function getVersions(api: ApiClient, signal?: AbortSignal): Promise<{ name: string; versions: RegisteredVersion[] }> {
  return api.getJson<{ name: string; versions: RegisteredVersion[] }>('/registry/versions', { signal });
}

/** The link to a version's training report (served by the API). */
export function reportUrl(apiUrl: string, version: string): string {
  return `${apiUrl}/registry/versions/${encodeURIComponent(version)}/report`;
}
