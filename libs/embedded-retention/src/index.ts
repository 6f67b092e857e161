export { pruneEmbeddedTable, type PrunedTable, type RetentionLimits, type RetentionOutcome, type RunStatement } from './prune-embedded-table.ts';
