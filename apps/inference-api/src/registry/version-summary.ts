/**
 * What the operator UI shows of a registered version: identity, creation time, aliases, status,
 * the run's test metrics and parameters, and the version's promotion tags. Pure, so the shape is tested alone.
 */
import type { ModelVersion, Run } from '@millwright/registry';

/** One version as `GET /registry/versions` answers it. */
export interface VersionSummary {
  readonly version: string;
  readonly creationTimestamp: number;
  readonly status: string;
  readonly runId: string | null;
  readonly aliases: string[];
  readonly tags: Readonly<Record<string, string>>;
  /** The run's latest metrics (test_auroc, test_f1, threshold, ...); empty when the run is gone. */
  readonly metrics: Readonly<Record<string, number>>;
  /** The run's parameters (the trainer logs rows, seed, source, ...); empty when the run is gone. */
  readonly params: Readonly<Record<string, string>>;
}

/** The version tag naming the champion a promotion replaced: what "roll back" returns to. */
export const replacedChampionTag = 'millwright.replaced_champion';

/** Joins a version with its run (undefined when the run could not be read). */
export function summarizeVersion(version: ModelVersion, run: Run | undefined): VersionSummary {
  return {
    version: version.version,
    creationTimestamp: version.creationTimestamp,
    status: version.status,
    runId: version.runId ?? null,
    aliases: [...version.aliases],
    tags: { ...version.tags },
    metrics: run === undefined ? {} : { ...run.metrics },
    params: run === undefined ? {} : { ...run.params },
  };
}

/** Newest first, by version number (MLflow versions are increasing integers written as strings). */
export function newestFirst(versions: readonly ModelVersion[]): ModelVersion[] {
  return [...versions].sort((a, b) => Number(b.version) - Number(a.version) || b.version.localeCompare(a.version));
}
