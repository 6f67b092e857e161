/** One problem in the platform config: the field (a path like `clusters[1].arch`) and what to do. */
export interface ConfigIssue {
  readonly field: string;
  readonly message: string;
}

/** Thrown when the platform config is invalid; carries every issue found, not just the first. */
export class PlatformConfigError extends Error {
  constructor(
    readonly source: string,
    readonly issues: readonly ConfigIssue[],
  ) {
    super(formatIssues(source, issues));
    this.name = 'PlatformConfigError';
  }
}

/** `platform.config.ts: 2 problems` followed by one `  field: message` line per issue. */
export function formatIssues(source: string, issues: readonly ConfigIssue[]): string {
  const count = issues.length === 1 ? '1 problem' : `${issues.length} problems`;
  const lines = issues.map((issue) => `  ${issue.field}: ${issue.message}`);
  return [`${source}: ${count}`, ...lines].join('\n');
}
