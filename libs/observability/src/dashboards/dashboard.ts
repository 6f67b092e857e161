/**
 * The Grafana datasource every panel queries: the Prometheus datasource kube-prometheus-stack
 * provisions (its `grafana.sidecar.datasources.uid` is `prometheus`).
 */
export const prometheusDatasource = { type: 'prometheus', uid: 'prometheus' } as const;

/** Grafana's dashboard grid is 24 columns wide. */
const gridWidth = 24;

/** One query of a panel. */
export interface QuerySpec {
  readonly expr: string;
  /** Grafana legend template, e.g. `{{model}} v{{version}}`. */
  readonly legend?: string;
  /** Evaluate once at the end of the range (tables, stats) instead of as a time series. */
  readonly instant?: boolean;
}

/** A panel as our dashboards declare it; ids and positions are assigned by `dashboard`. */
export interface PanelSpec {
  readonly title: string;
  readonly description: string;
  readonly type: 'timeseries' | 'stat' | 'table' | 'bargauge';
  readonly queries: readonly QuerySpec[];
  /** A Grafana unit id: `s`, `reqps`, `percentunit`, `celsius`, `none`, ... @default 'none' */
  readonly unit?: string;
  /** A red threshold line / colour from this value up. */
  readonly threshold?: number;
  /** Columns of the 24-column grid. @default 12 */
  readonly width?: number;
  /** @default 8 */
  readonly height?: number;
}

/** A Grafana panel in the dashboard JSON model. */
export interface GrafanaPanel {
  readonly id: number;
  readonly type: string;
  readonly title: string;
  readonly description: string;
  readonly gridPos: { readonly x: number; readonly y: number; readonly w: number; readonly h: number };
  readonly datasource: typeof prometheusDatasource;
  readonly targets: readonly {
    readonly refId: string;
    readonly datasource: typeof prometheusDatasource;
    readonly expr: string;
    readonly legendFormat: string;
    readonly range: boolean;
    readonly instant: boolean;
    readonly format: 'time_series' | 'table';
  }[];
  readonly fieldConfig: { readonly defaults: Record<string, unknown>; readonly overrides: readonly unknown[] };
  readonly options: Record<string, unknown>;
}

/** A Grafana dashboard in the JSON model the provisioning sidecar loads. */
export interface GrafanaDashboard {
  readonly uid: string;
  readonly title: string;
  readonly description: string;
  readonly tags: readonly string[];
  readonly timezone: 'utc';
  readonly editable: boolean;
  readonly schemaVersion: number;
  readonly version: number;
  readonly refresh: string;
  readonly time: { readonly from: string; readonly to: string };
  readonly templating: { readonly list: readonly unknown[] };
  readonly annotations: { readonly list: readonly unknown[] };
  readonly panels: readonly GrafanaPanel[];
}

/** What a dashboard file declares. */
export interface DashboardSpec {
  /** Stable id, also the file name: `millwright-serving`. */
  readonly uid: string;
  readonly title: string;
  readonly description: string;
  /** @default 'now-6h' */
  readonly timeFrom?: string;
  readonly panels: readonly PanelSpec[];
}

const refIds = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

function fieldConfig(panel: PanelSpec): GrafanaPanel['fieldConfig'] {
  const steps = [{ color: 'green', value: null }, ...(panel.threshold === undefined ? [] : [{ color: 'red', value: panel.threshold }])];
  return {
    defaults: {
      unit: panel.unit ?? 'none',
      thresholds: { mode: 'absolute', steps },
      ...(panel.type === 'timeseries' && panel.threshold !== undefined && { custom: { thresholdsStyle: { mode: 'line' } } }),
    },
    overrides: [],
  };
}

function panelOptions(panel: PanelSpec): Record<string, unknown> {
  switch (panel.type) {
    case 'timeseries':
      return { legend: { displayMode: 'list', placement: 'bottom', showLegend: true }, tooltip: { mode: 'multi', sort: 'desc' } };
    case 'stat':
      return { reduceOptions: { calcs: ['lastNotNull'], fields: '', values: false }, colorMode: 'value', graphMode: 'area', textMode: 'auto' };
    case 'bargauge':
      return { reduceOptions: { calcs: ['lastNotNull'], fields: '', values: false }, orientation: 'horizontal', displayMode: 'gradient' };
    case 'table':
      return { showHeader: true };
  }
}

/**
 * A dashboard from its panels: ids 1, 2, ... in order and positions filled left to right,
 * top to bottom on Grafana's 24-column grid, so no two panels share an id or overlap.
 */
export function dashboard(spec: DashboardSpec): GrafanaDashboard {
  let x = 0;
  let y = 0;
  let rowHeight = 0;
  const panels = spec.panels.map((panel, index): GrafanaPanel => {
    const w = panel.width ?? 12;
    const h = panel.height ?? 8;
    if (x + w > gridWidth) {
      x = 0;
      y += rowHeight;
      rowHeight = 0;
    }
    const gridPos = { x, y, w, h };
    x += w;
    rowHeight = Math.max(rowHeight, h);
    return {
      id: index + 1,
      type: panel.type,
      title: panel.title,
      description: panel.description,
      gridPos,
      datasource: prometheusDatasource,
      targets: panel.queries.map((query, queryIndex) => ({
        refId: refIds[queryIndex]!,
        datasource: prometheusDatasource,
        expr: query.expr,
        legendFormat: query.legend ?? '__auto',
        range: !query.instant,
        instant: Boolean(query.instant),
        format: panel.type === 'table' ? 'table' : 'time_series',
      })),
      fieldConfig: fieldConfig(panel),
      options: panelOptions(panel),
    };
  });
  return {
    uid: spec.uid,
    title: spec.title,
    description: spec.description,
    tags: ['millwright'],
    timezone: 'utc',
    editable: false,
    schemaVersion: 39,
    version: 1,
    refresh: '1m',
    time: { from: spec.timeFrom ?? 'now-6h', to: 'now' },
    templating: { list: [] },
    annotations: { list: [] },
    panels,
  };
}

/** Every PromQL expression a dashboard's panels run. */
export function dashboardExpressions(board: GrafanaDashboard): string[] {
  return board.panels.flatMap((panel) => panel.targets.map((target) => target.expr));
}
