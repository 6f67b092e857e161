/**
 * The experiment's outputs: the seed paper's table in Markdown, the whole result as JSON (latency
 * samples left out, quantiles kept), and an SVG of the latency distributions per topology
 * (cumulative, one line per WAN profile and request kind).
 */
import type { ExperimentResult, TopologyResult } from './run-experiment.ts';

const ms = (value: number) => (Number.isFinite(value) ? `${value.toFixed(value < 10 ? 1 : 0)}` : '–');
const seconds = (value: number | undefined) => (value === undefined ? 'did not' : `${value.toFixed(1)} s`);

export function markdownReport(result: ExperimentResult): string {
  const lines = [
    `# Edge–cloud lab experiment (${result.startedAt})`,
    '',
    `Fixed request rate ${result.plan.ratePerSecond}/s per run, ${result.plan.loadSeconds} s per run; WAN profiles are one-way latency in each direction (lan: none; wan: 40 ± 10 ms; degraded: 150 ± 50 ms with random 1.5 s stalls, 4 a minute). ${result.machine.cpus} CPUs, Node.js ${result.machine.node}; every process of the platform shares them with the load generator.`,
    '',
    '## Prediction latency seen by the shop-floor client (edge site, through the ingress) and telemetry lag',
    '',
    '| topology | WAN | single row P50 / P95 / P99 (ms) | failed | live machine P50 / P95 / P99 (ms) | failed | telemetry lag P95 (ms) |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const t of result.topologies) {
    for (const p of t.profiles) {
      lines.push(`| ${t.topology} | ${p.profile} | ${ms(p.row.p50Ms)} / ${ms(p.row.p95Ms)} / ${ms(p.row.p99Ms)} | ${p.row.failed}/${p.row.requests} | ${ms(p.machine.p50Ms)} / ${ms(p.machine.p95Ms)} / ${ms(p.machine.p99Ms)} | ${p.machine.failed}/${p.machine.requests} | ${ms(p.telemetryLagP95Ms)} |`);
    }
  }
  lines.push(
    '',
    `## A ${result.plan.outageSeconds} s WAN outage under load (${result.plan.faultProfile} profile), recovery and model lead time`,
    '',
    '| topology | messages (lost / duplicated) | edge predictions failed during the outage | backlog drained after | MTTR inference API | MTTR gateway (ingesting again) | model lead time (cloud promotion → edge serving) | bring-up |',
    '|---|---|---|---|---|---|---|---|',
  );
  for (const t of result.topologies) {
    lines.push(
      `| ${t.topology} | ${t.outage.messagesExpected} (${t.outage.lost} / ${t.outage.duplicated}) | ${t.outage.predictionsFailedDuringOutage} of ${t.outage.predictionsDuringOutage} | ${seconds(t.outage.drainSeconds)} | ${seconds(t.recovery.inferenceApiSeconds)} | ${seconds(t.recovery.gatewaySeconds)} | ${t.leadTimeSeconds.map(seconds).join(', ')} | ${t.bringUpSeconds.toFixed(0)} s |`,
    );
  }
  lines.push('', '## Every process killed once, in turn: seconds until ready again', '');
  for (const t of result.topologies) {
    const entries = Object.entries(t.killedAndRecovered).map(([name, s]) => `${name} ${s === undefined ? 'did not' : `${s.toFixed(1)} s`}`);
    lines.push(`- ${t.topology}: ${entries.join(', ')}`);
  }
  return `${lines.join('\n')}\n`;
}

/** The result without the raw latency samples (they go to the SVG). */
export function jsonReport(result: ExperimentResult): string {
  return `${JSON.stringify(result, (key, value: unknown) => (key === 'latenciesMs' ? undefined : value), 2)}\n`;
}

const palette = ['#1b6ca8', '#d1495b', '#2a9d8f', '#e09f3e', '#6a4c93', '#3d405b'];

function cdfPath(latencies: readonly number[], x: (ms: number) => number, y: (fraction: number) => number): string {
  const sorted = [...latencies].sort((a, b) => a - b);
  if (sorted.length === 0) return '';
  return sorted.map((value, i) => `${i === 0 ? 'M' : 'L'}${x(value).toFixed(1)},${y((i + 1) / sorted.length).toFixed(1)}`).join(' ');
}

function panel(t: TopologyResult, left: number, width: number, height: number, maxMs: number): string {
  const top = 30;
  const plotHeight = height - 70;
  const logMax = Math.log10(maxMs);
  const x = (value: number) => left + 40 + ((Math.log10(Math.max(1, value)) / logMax) * (width - 60));
  const y = (fraction: number) => top + plotHeight * (1 - fraction);
  const series = t.profiles.flatMap((p) => [
    { label: `${p.profile} row`, latencies: p.row.latenciesMs },
    { label: `${p.profile} machine`, latencies: p.machine.latenciesMs },
  ]);
  const ticks = [1, 10, 100, 1000, 10000].filter((tick) => tick <= maxMs);
  return [
    `<text x="${left + width / 2}" y="18" text-anchor="middle" font-weight="bold">${t.topology}</text>`,
    `<rect x="${left + 40}" y="${top}" width="${width - 60}" height="${plotHeight}" fill="none" stroke="#999"/>`,
    ...ticks.map((tick) => `<text x="${x(tick)}" y="${top + plotHeight + 14}" text-anchor="middle" font-size="10">${tick}</text>`),
    `<text x="${left + width / 2}" y="${top + plotHeight + 28}" text-anchor="middle" font-size="10">latency (ms, log scale)</text>`,
    ...[0, 0.5, 0.95, 1].map((f) => `<text x="${left + 36}" y="${y(f) + 3}" text-anchor="end" font-size="10">${f}</text>`),
    ...series.map((s, i) => `<path d="${cdfPath(s.latencies, x, y)}" fill="none" stroke="${palette[i % palette.length]}" stroke-width="1.5"${s.label.endsWith('machine') ? ' stroke-dasharray="4 2"' : ''}/>`),
    ...series.map((s, i) => `<text x="${left + 48}" y="${top + 12 + i * 12}" font-size="10" fill="${palette[i % palette.length]}">${s.label}</text>`),
  ].join('\n');
}

/** Cumulative latency distributions, a panel per topology. */
export function latencySvg(result: ExperimentResult): string {
  const width = 320;
  const height = 280;
  const all = result.topologies.flatMap((t) => t.profiles.flatMap((p) => [...p.row.latenciesMs, ...p.machine.latenciesMs]));
  const maxMs = Math.max(10, ...all);
  const panels = result.topologies.map((t, i) => panel(t, i * width, width, height, maxMs));
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width * Math.max(1, result.topologies.length)}" height="${height}" font-family="sans-serif" font-size="12">\n<title>Prediction latency seen by the shop-floor client, cumulative, per topology</title>\n${panels.join('\n')}\n</svg>\n`;
}
