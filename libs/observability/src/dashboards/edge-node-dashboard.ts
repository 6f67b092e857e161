import { nodeLimits } from '../rules/edge-node-rules.ts';
import { dashboard } from './dashboard.ts';

/** Edge node health from node-exporter: temperature, CPU, memory, disk. */
export const edgeNodeDashboard = dashboard({
  uid: 'millwright-edge-nodes',
  title: 'Millwright / Edge node health',
  description: 'Temperature, CPU, memory and disk of every node node-exporter reports (edge nodes reach the cloud Prometheus by remote write in hybrid).',
  panels: [
    {
      title: 'Temperature',
      description: `Hottest hardware sensor per node. Alert above ${nodeLimits.temperatureCelsius} °C; a Raspberry Pi 4 throttles at 80 °C.`,
      type: 'timeseries',
      unit: 'celsius',
      threshold: nodeLimits.temperatureCelsius,
      queries: [{ expr: 'max by (instance) (node_hwmon_temp_celsius)', legend: '{{instance}}' }],
    },
    {
      title: 'CPU busy',
      description: `Share of all CPUs not idle, per node. Alert above ${nodeLimits.cpuBusyRatio * 100} %.`,
      type: 'timeseries',
      unit: 'percentunit',
      threshold: nodeLimits.cpuBusyRatio,
      queries: [{ expr: '1 - avg by (instance) (rate(node_cpu_seconds_total{mode="idle"}[5m]))', legend: '{{instance}}' }],
    },
    {
      title: 'Memory available',
      description: `Share of memory available for new work, per node. Alert below ${nodeLimits.memoryAvailableRatio * 100} %.`,
      type: 'timeseries',
      unit: 'percentunit',
      queries: [{ expr: 'node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes', legend: '{{instance}}' }],
    },
    {
      title: 'Root filesystem available',
      description: 'Share of the root filesystem still free, per node (SD cards fill up).',
      type: 'timeseries',
      unit: 'percentunit',
      queries: [{ expr: 'node_filesystem_avail_bytes{mountpoint="/"} / node_filesystem_size_bytes{mountpoint="/"}', legend: '{{instance}}' }],
    },
  ],
});
