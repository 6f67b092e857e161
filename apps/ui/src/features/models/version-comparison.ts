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

/** The version a roll back returns to: the champion the current one replaced, if recorded. */
export function rollbackTarget(versions: readonly RegisteredVersion[]): string | undefined {
  const target = versionWithAlias(versions, 'champion')?.tags['millwright.replaced_champion'];
  return target !== undefined && versions.some((version) => version.version === target) ? target : undefined;
}
