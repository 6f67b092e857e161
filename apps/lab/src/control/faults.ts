/**
 * The faults `npm run lab -- fault ...` injects into a running lab, parsed from the command line
 * with readable errors, and applied to the supervisor and the WAN proxy.
 */
import { parseDurationMs, type WanProxy } from '@millwright/wan-proxy';
import type { Supervisor } from '../supervisor/index.ts';

export type Fault =
  | { readonly kind: 'wan-down'; readonly durationMs: number }
  | { readonly kind: 'kill'; readonly process: string }
  | { readonly kind: 'restart'; readonly process: string }
  | { readonly kind: 'stop'; readonly process: string; readonly durationMs: number };

export const faultUsage = 'fault wan-down <duration> | kill <process> | restart <process> | stop <process> <duration>  (durations like 30s, 2m, 500ms)';

/** Parses `fault` arguments; throws naming what is wrong. */
export function parseFault(args: readonly string[]): Fault {
  const [kind, first, second] = args;
  const duration = (value: string | undefined, what: string) => {
    if (value === undefined) throw new Error(`fault ${kind}: ${what} is missing; usage: ${faultUsage}`);
    return parseDurationMs(value);
  };
  switch (kind) {
    case 'wan-down':
      return { kind, durationMs: duration(first, 'the outage duration') };
    case 'kill':
    case 'restart':
      if (!first) throw new Error(`fault ${kind}: the process is missing (e.g. inference-api); usage: ${faultUsage}`);
      return { kind, process: first };
    case 'stop':
      if (!first) throw new Error(`fault stop: the process is missing (e.g. postgres); usage: ${faultUsage}`);
      return { kind, process: first, durationMs: duration(second, 'how long to keep it stopped') };
    default:
      throw new Error(`fault: unknown fault ${JSON.stringify(kind ?? '')}; usage: ${faultUsage}`);
  }
}

/** The supervised process a short name means: `inference-api` → `edge/inference-api`; refuses an ambiguous or unknown one. */
export function processNamed(supervisor: Supervisor, name: string): string {
  const all = supervisor.status().map((status) => status.name);
  if (all.includes(name)) return name;
  const matches = all.filter((full) => full.split('/').includes(name));
  if (matches.length === 1) return matches[0]!;
  if (matches.length > 1) throw new Error(`"${name}" names ${matches.join(', ')}: say which`);
  throw new Error(`no process "${name}" in the lab; running: ${all.join(', ')}`);
}

export interface FaultTargets {
  readonly supervisor: Supervisor;
  readonly wan: WanProxy | undefined;
}

/** Applies `fault`; resolves with a line saying what happened, once the fault is in place (timed ones end by themselves). */
export function applyFault(fault: Fault, targets: FaultTargets, timers: Set<NodeJS.Timeout>): string {
  const later = (ms: number, action: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      action();
    }, ms);
    timers.add(timer);
  };
  switch (fault.kind) {
    case 'wan-down': {
      if (!targets.wan) throw new Error('this topology has no WAN link: nothing crosses between sites');
      targets.wan.setLinkDown(true);
      later(fault.durationMs, () => targets.wan?.setLinkDown(false));
      return `WAN link down for ${fault.durationMs / 1000} s`;
    }
    case 'kill': {
      const name = processNamed(targets.supervisor, fault.process);
      targets.supervisor.kill(name, 'SIGKILL');
      return `${name}: killed (SIGKILL); the supervisor restarts it with the kubelet's back-off`;
    }
    case 'restart': {
      const name = processNamed(targets.supervisor, fault.process);
      targets.supervisor.kill(name, 'SIGTERM');
      return `${name}: sent SIGTERM; it restarts like a container that exited`;
    }
    case 'stop': {
      const name = processNamed(targets.supervisor, fault.process);
      void targets.supervisor.stop(name);
      later(fault.durationMs, () => targets.supervisor.start(name));
      return `${name}: stopped for ${fault.durationMs / 1000} s (scaled to zero, then back)`;
    }
  }
}
