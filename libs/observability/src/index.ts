export * from './metrics/metric-table.ts';
export { metricOptions } from './metrics/metric-options.ts';
export { seriesNamesIn } from './promql/metric-names.ts';
export type * from './rules/rule-types.ts';
export { servingRules, driftRules, servingObjectives } from './rules/serving-rules.ts';
export { edgeNodeRules, nodeLimits } from './rules/edge-node-rules.ts';
export { platformRuleGroups, ruleFile } from './rules/platform-rules.ts';
export { dashboard, dashboardExpressions, prometheusDatasource, type DashboardSpec, type GrafanaDashboard, type GrafanaPanel, type PanelSpec, type QuerySpec } from './dashboards/dashboard.ts';
export { platformDashboards } from './dashboards/platform-dashboards.ts';
