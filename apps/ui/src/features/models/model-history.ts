/**
 * The registered versions as a history: oldest first, each with its test metrics, the rows of the
 * data set it was trained and evaluated on (the training run's `rows` parameter) and its aliases.
 * Pure; ModelHistoryChart draws it.
 */
import type { RegisteredVersion } from './api/get-versions.ts';

/** The metrics the history charts (all in 0–1), in legend order. */
export const historyMetrics = [
  { key: 'test_f1', label: 'F1', color: '#0b5cad' },
  { key: 'test_auroc', label: 'AUROC', color: '#1b6b34' },
  { key: 'test_precision', label: 'Precision', color: '#7a4fb5' },
  { key: 'test_recall', label: 'Recall', color: '#b3261e' },
] as const;

/** One version in the history. */
export interface HistoryPoint {
  readonly version: string;
  readonly created: number;
  /** Metric key → value; a missing metric is a gap in its line. */
  readonly metrics: Readonly<Record<string, number | undefined>>;
  readonly rows: number | undefined;
  readonly aliases: readonly string[];
}

/** The rows a version was trained and evaluated on, when its run recorded them. */
export function trainingRows(version: RegisteredVersion): number | undefined {
  const rows = Number(version.params?.['rows']);
  return Number.isFinite(rows) && rows > 0 ? rows : undefined;
}

/** The versions oldest first, as points of the history. */
export function modelHistory(versions: readonly RegisteredVersion[]): HistoryPoint[] {
  return [...versions]
    .sort((a, b) => Number(a.version) - Number(b.version) || a.creationTimestamp - b.creationTimestamp)
    .map((version) => ({
      version: version.version,
      created: version.creationTimestamp,
      metrics: Object.fromEntries(historyMetrics.map(({ key }) => [key, version.metrics[key]])),
      rows: trainingRows(version),
      aliases: version.aliases,
    }));
}
