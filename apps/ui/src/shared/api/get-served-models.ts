import { formatFieldErrors, validateContract, type ModelContract } from '@millwright/contract';
import type { ApiClient } from './api-client.ts';

/** A version the API serves under an alias, with its validated contract. */
export interface ServedVersion {
  readonly version: string;
  readonly alias: string;
  readonly source: string;
  readonly contract: ModelContract;
  /** The median of each numeric input in the version's training data; empty when the API has none. */
  readonly typicalInput: Readonly<Record<string, number>>;
}

/** What `GET /models` says is serving. */
export interface ServedModels {
  readonly name: string;
  readonly champion: ServedVersion | undefined;
  readonly challenger: ServedVersion | undefined;
  readonly challengerMode: string;
  readonly problems: readonly string[];
}

interface ServedWire {
  version: string;
  alias: string;
  source: string;
  contract: unknown;
  /** Absent from an API older than the field. */
  typicalInput?: Record<string, number> | null;
}

function served(wire: ServedWire | null): ServedVersion | undefined {
  if (wire === null) return undefined;
  const checked = validateContract(wire.contract);
  if (!checked.ok) throw new Error(`version ${wire.version}'s contract is invalid:\n${formatFieldErrors(checked.errors)}`);
  return { version: wire.version, alias: wire.alias, source: wire.source, contract: checked.value, typicalInput: wire.typicalInput ?? {} };
}

/** `GET /models`: the served versions; their contracts are validated with the shared library. */
export async function getServedModels(api: ApiClient, signal?: AbortSignal): Promise<ServedModels> {
  const wire = await api.getJson<{ name: string; champion: ServedWire | null; challenger: ServedWire | null; challengerMode: string; problems: string[] }>(
    '/models',
    { signal },
  );
  return { name: wire.name, champion: served(wire.champion), challenger: served(wire.challenger), challengerMode: wire.challengerMode, problems: wire.problems };
}

/** The request limits of `GET /serving/limits`; an older API without the route gets safe defaults. */
export async function getServingLimits(api: ApiClient, signal?: AbortSignal): Promise<{ maxBatchRows: number; adminEnabled: boolean }> {
  try {
    return await api.getJson<{ maxBatchRows: number; adminEnabled: boolean }>('/serving/limits', { signal });
  } catch (error) {
    if ((error as { status?: number }).status === 404) return { maxBatchRows: 500, adminEnabled: true };
    throw error;
  }
}

/** Whether two answers of `GET /models` serve the same versions under the same aliases, with the same problems. */
export function sameServedModels(a: ServedModels, b: ServedModels): boolean {
  const key = (models: ServedModels) =>
    JSON.stringify([models.name, models.champion?.version, models.challenger?.version, models.challengerMode, models.problems]);
  return key(a) === key(b);
}
