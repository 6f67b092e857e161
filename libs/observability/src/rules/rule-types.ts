/** How loudly an alert calls: a page (`critical`) or a ticket (`warning`). */
export type Severity = 'critical' | 'warning';

/** A Prometheus alerting rule, in the rule-file shape promtool and the operator read. */
export interface AlertingRule {
  readonly alert: string;
  readonly expr: string;
  /** How long the condition must hold before the alert fires (a Prometheus duration). */
  readonly for: string;
  readonly labels: { readonly severity: Severity } & Readonly<Record<string, string>>;
  readonly annotations: { readonly summary: string; readonly description: string };
}

/** A named group of rules, evaluated together. */
export interface RuleGroup {
  readonly name: string;
  readonly rules: readonly AlertingRule[];
}
