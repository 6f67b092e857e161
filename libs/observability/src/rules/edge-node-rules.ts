import type { RuleGroup } from './rule-types.ts';

/**
 * Limits for the nodes the platform runs on, edge nodes first: a Raspberry Pi 4 starts to
 * throttle its CPU at 80 °C, so 75 °C leaves time to act.
 */
export const nodeLimits = {
  temperatureCelsius: 75,
  /** Busy share of all CPUs of a node. */
  cpuBusyRatio: 0.9,
  /** Available share of memory below this alerts. */
  memoryAvailableRatio: 0.1,
} as const;

/**
 * Temperature, CPU and memory of every node a Prometheus of the platform scrapes with
 * node-exporter (in hybrid, the edge nodes' series arrive by remote write from the agent).
 */
export const edgeNodeRules: RuleGroup = {
  name: 'millwright.edge-nodes',
  rules: [
    {
      alert: 'EdgeNodeTemperatureHigh',
      expr: `max by (instance) (node_hwmon_temp_celsius) > ${nodeLimits.temperatureCelsius}`,
      for: '10m',
      labels: { severity: 'warning' },
      annotations: {
        summary: 'Node {{ $labels.instance }} runs hot',
        description: `The hottest sensor reads {{ $value }} °C for 10 minutes (limit ${nodeLimits.temperatureCelsius} °C; a Raspberry Pi 4 throttles at 80 °C). Check cooling and enclosure airflow.`,
      },
    },
    {
      alert: 'EdgeNodeCpuSaturated',
      expr: `1 - avg by (instance) (rate(node_cpu_seconds_total{mode="idle"}[5m])) > ${nodeLimits.cpuBusyRatio}`,
      for: '15m',
      labels: { severity: 'warning' },
      annotations: {
        summary: 'Node {{ $labels.instance }} has no CPU to spare',
        description: 'Its CPUs are {{ $value | humanizePercentage }} busy for 15 minutes; inference latency will follow.',
      },
    },
    {
      alert: 'EdgeNodeMemoryLow',
      expr: `node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes < ${nodeLimits.memoryAvailableRatio}`,
      for: '10m',
      labels: { severity: 'warning' },
      annotations: {
        summary: 'Node {{ $labels.instance }} is running out of memory',
        description: 'Only {{ $value | humanizePercentage }} of its memory is available for 10 minutes; the kernel will start killing pods.',
      },
    },
  ],
};
