import type { ApiClient } from '../../../shared/api/api-client.ts';

/** What moving an alias did. */
export interface AliasMove {
  readonly alias: string;
  readonly version: string;
  readonly previous: string | null;
  readonly serving: string | null;
  /** Aliases the version lost because it now holds the other one (`challenger` on promotion); absent from an older API. */
  readonly cleared?: readonly string[];
  readonly problems: readonly string[];
}

/** Points `champion` or `challenger` at a version (promote or roll back); needs the admin token. */
export function setAlias(api: ApiClient, alias: 'champion' | 'challenger', version: string, adminToken: string): Promise<AliasMove> {
  return api.postJson<AliasMove>(`/registry/aliases/${alias}`, { version }, { adminToken });
}
