import { describe, expect, it } from 'vitest';
import { dashboard, dashboardExpressions, metricForSeries, platformDashboards, seriesNamesIn } from '@millwright/observability';

const boards = platformDashboards.map((board) => [board.title, board] as const);

describe('the platform dashboards', () => {
  it('covers serving, drift, edge nodes and DORA, each with its own uid', () => {
    expect(platformDashboards.map((board) => board.uid)).toEqual(['millwright-serving', 'millwright-drift', 'millwright-edge-nodes', 'millwright-dora']);
  });

  it.each(boards)('%s survives a JSON round trip unchanged', (_title, board) => {
    expect(JSON.parse(JSON.stringify(board))).toEqual(board);
  });

  it.each(boards)('%s gives every panel a unique id', (_title, board) => {
    const ids = board.panels.map((panel) => panel.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => Number.isInteger(id) && id > 0)).toBe(true);
  });

  it.each(boards)('%s lays its panels out on the 24-column grid without overlap', (_title, board) => {
    const cells = new Set<string>();
    for (const { gridPos } of board.panels) {
      expect(gridPos.x + gridPos.w).toBeLessThanOrEqual(24);
      for (let x = gridPos.x; x < gridPos.x + gridPos.w; x++) {
        for (let y = gridPos.y; y < gridPos.y + gridPos.h; y++) {
          expect(cells.has(`${x},${y}`)).toBe(false);
          cells.add(`${x},${y}`);
        }
      }
    }
  });

  it.each(boards)('%s queries only metrics of the metric table', (_title, board) => {
    for (const expr of dashboardExpressions(board)) {
      const names = seriesNamesIn(expr);
      expect(names.length, expr).toBeGreaterThan(0);
      for (const name of names) expect(metricForSeries(name), `${name} in ${expr}`).toBeDefined();
    }
  });

  it.each(boards)('%s gives every query of a panel its own refId', (_title, board) => {
    for (const panel of board.panels) {
      const refIds = panel.targets.map((target) => target.refId);
      expect(new Set(refIds).size, panel.title).toBe(refIds.length);
      expect(refIds.length, panel.title).toBeGreaterThan(0);
    }
  });

  it('shows the serving latency at P50, P95 and P99', () => {
    const [serving] = platformDashboards;
    const latency = serving!.panels.find((panel) => panel.title.startsWith('Inference latency'))!;
    expect(latency.targets.map((target) => target.legendFormat)).toEqual(['P50', 'P95', 'P99']);
  });

  it('wraps panels to a new row when the grid is full', () => {
    const board = dashboard({
      uid: 'x',
      title: 'x',
      description: 'x',
      panels: [16, 16, 8].map((width) => ({ title: 't', description: 'd', type: 'stat' as const, queries: [{ expr: 'up' }], width })),
    });
    expect(board.panels.map((panel) => panel.gridPos)).toEqual([
      { x: 0, y: 0, w: 16, h: 8 },
      { x: 0, y: 8, w: 16, h: 8 },
      { x: 16, y: 8, w: 8, h: 8 },
    ]);
  });
});
