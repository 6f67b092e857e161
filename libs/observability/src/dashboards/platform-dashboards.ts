import type { GrafanaDashboard } from './dashboard.ts';
import { doraDashboard } from './dora-dashboard.ts';
import { driftDashboard } from './drift-dashboard.ts';
import { edgeNodeDashboard } from './edge-node-dashboard.ts';
import { servingDashboard } from './serving-dashboard.ts';

/** Every dashboard the platform provisions into Grafana. */
export const platformDashboards: readonly GrafanaDashboard[] = [servingDashboard, driftDashboard, edgeNodeDashboard, doraDashboard];
