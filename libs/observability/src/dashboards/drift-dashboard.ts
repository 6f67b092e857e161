import { servingObjectives } from '../rules/serving-rules.ts';
import { dashboard } from './dashboard.ts';

const inputQuantile = (quantile: number) =>
  `histogram_quantile(${quantile}, sum by (le, feature) (rate(predict_feature_value_bucket[15m])))`;

/** Drift per feature: the stability index against training, and the live input distribution. */
export const driftDashboard = dashboard({
  uid: 'millwright-drift',
  title: 'Millwright / Drift',
  description: "Each input feature's population stability index against the training reference, and the live inputs' distribution.",
  timeFrom: 'now-7d',
  panels: [
    {
      title: 'Population stability index per feature',
      description: `PSI of live inputs against the training reference. Below 0.1: stable; above ${servingObjectives.driftPsi}: significant drift (alert).`,
      type: 'timeseries',
      threshold: servingObjectives.driftPsi,
      queries: [{ expr: 'max by (model, feature) (model_feature_drift_psi)', legend: '{{model}} {{feature}}' }],
      width: 16,
    },
    {
      title: 'Current PSI',
      description: 'The latest stability index of every feature, worst first.',
      type: 'bargauge',
      threshold: servingObjectives.driftPsi,
      queries: [{ expr: 'sort_desc(max by (feature) (model_feature_drift_psi))', legend: '{{feature}}', instant: true }],
      width: 8,
    },
    {
      title: 'Live input median per feature',
      description: 'Median of the values the model received, per feature (compare with the training report).',
      type: 'timeseries',
      queries: [{ expr: inputQuantile(0.5), legend: '{{feature}}' }],
    },
    {
      title: 'Live input P05 / P95 per feature',
      description: 'The spread of the values the model received, per feature.',
      type: 'timeseries',
      queries: [
        { expr: inputQuantile(0.05), legend: '{{feature}} P05' },
        { expr: inputQuantile(0.95), legend: '{{feature}} P95' },
      ],
    },
  ],
});
