import { dashboard } from './dashboard.ts';

const window = '30d';

/**
 * The four DORA indicators of the GitOps repository. The panels read metrics the delivery
 * pipeline will publish (see the metric table's `plannedBy`); until then they show no data.
 */
export const doraDashboard = dashboard({
  uid: 'millwright-dora',
  title: 'Millwright / Delivery (DORA)',
  description: 'Deployment frequency, lead time for changes, change failure rate and time to restore of the GitOps repository.',
  timeFrom: 'now-90d',
  panels: [
    {
      title: 'Deployment frequency',
      description: 'Promotions per day, averaged over the last 7 days.',
      type: 'stat',
      unit: 'none',
      queries: [{ expr: 'sum(increase(dora_deployments_total[7d])) / 7', legend: 'per day' }],
      width: 6,
    },
    {
      title: 'Lead time for changes',
      description: `Median time from a commit on main to its deployment, over ${window}.`,
      type: 'stat',
      unit: 's',
      queries: [{ expr: `histogram_quantile(0.5, sum by (le) (increase(dora_lead_time_seconds_bucket[${window}])))`, legend: 'median' }],
      width: 6,
    },
    {
      title: 'Change failure rate',
      description: `Share of promotions that failed or were rolled back, over ${window}.`,
      type: 'stat',
      unit: 'percentunit',
      queries: [{ expr: `sum(increase(dora_deployment_failures_total[${window}])) / sum(increase(dora_deployments_total[${window}]))`, legend: 'failed' }],
      width: 6,
    },
    {
      title: 'Time to restore service',
      description: `Median time from a failed deployment to the next good one, over ${window}.`,
      type: 'stat',
      unit: 's',
      queries: [{ expr: `histogram_quantile(0.5, sum by (le) (increase(dora_time_to_restore_seconds_bucket[${window}])))`, legend: 'median' }],
      width: 6,
    },
    {
      title: 'Deployments per day by component',
      description: 'Promotions per component and day.',
      type: 'timeseries',
      queries: [{ expr: 'sum by (component) (increase(dora_deployments_total[1d]))', legend: '{{component}}' }],
      width: 24,
    },
  ],
});
