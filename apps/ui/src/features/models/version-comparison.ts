import type { RegisteredVersion } from './api/get-versions.ts';

/** The metrics the comparison shows, in order, with how to read them. */
export const comparedMetrics = [
  { key: 'test_f1', label: 'F1 (test)' },
  { key: 'test_auroc', label: 'AUROC (test)' },
  { key: 'test_pr_auc', label: 'PR AUC (test)' },
  { key: 'test_precision', label: 'Precision (test)' },
  { key: 'test_recall', label: 'Recall (test)' },
  { key: 'threshold', label: 'Decision threshold' },
] as const;

/** One metric side by side; `difference` is challenger − champion when both have it. */
export interface MetricComparison {
  readonly label: string;
  readonly champion: number | undefined;
  readonly challenger: number | undefined;
  readonly difference: number | undefined;
}

/** Champion and challenger metric by metric. */
export function compareVersions(champion: RegisteredVersion | undefined, challenger: RegisteredVersion | undefined): MetricComparison[] {
  return comparedMetrics.map(({ key, label }) => {
    const a = champion?.metrics[key];
    const b = challenger?.metrics[key];
    return { label, champion: a, challenger: b, difference: a !== undefined && b !== undefined ? b - a : undefined };
  });
}

/** The version holding an alias. */
export function versionWithAlias(versions: readonly RegisteredVersion[], alias: string): RegisteredVersion | undefined {
  return versions.find((version) => version.aliases.includes(alias));
}

/** The tag the API writes on a version it makes champion: the champion it replaced. */
const replacedChampionTag = 'millwright.replaced_champion';
/** The tag the trainer's promote step writes on every version it registered: `promoted` or `not-promoted`. */
const promotionTag = 'millwright.promotion';

/**
 * The version a roll back returns to: the champion the current one replaced, from the registry's
 * own history, so any browser finds it. A version the API promoted names it in its tags; a
 * version the trainer promoted does not, but the trainer only ever promotes the version it has
 * just registered, so the champion before it is the newest earlier version the trainer promoted.
 */
export function rollbackTarget(versions: readonly RegisteredVersion[]): string | undefined {
  const champion = versionWithAlias(versions, 'champion');
  if (champion === undefined) return undefined;
  const recorded = champion.tags[replacedChampionTag];
  if (recorded !== undefined && recorded !== champion.version) return versions.some((version) => version.version === recorded) ? recorded : undefined;
  const earlierPromoted = versions
    .filter((version) => Number(version.version) < Number(champion.version) && version.tags[promotionTag] === 'promoted')
    .sort((a, b) => Number(b.version) - Number(a.version));
  return earlierPromoted[0]?.version;
}
