/**
 * `npm run lab -- up`: brings the platform up, prints where everything is, and serves the control
 * socket until Ctrl-C, SIGTERM or `npm run lab -- down`; then removes every namespace, link and
 * process it made.
 */
import { mkdirSync, rmSync } from 'node:fs';
import type { Topology } from '@millwright/platform';
import { parseLinkFlags, wanProfile } from '@millwright/wan-proxy';
import { applyFault, parseFault } from '../control/faults.ts';
import { startControlServer, type ControlReply, type ControlRequest } from '../control/control-server.ts';
import { bringUp } from '../platform-lab/bring-up-lab.ts';
import { describeLab, describeStatus } from '../platform-lab/describe-lab.ts';
import type { PlatformLab } from '../platform-lab/start-platform-lab.ts';
import { controlSocket, option, type CliContext } from './run-cli.ts';

/** Applies `wan` flags to the running link. */
function applyWan(lab: PlatformLab, args: readonly string[]): string {
  if (!lab.wan) throw new Error('this topology has no WAN link');
  const profile = option(args, 'profile');
  if (profile !== undefined) lab.wan.applyProfile(wanProfile(profile));
  const rest = args.filter((arg, i) => !(arg === '--profile' || arg.startsWith('--profile=') || args[i - 1] === '--profile'));
  const { toxics } = parseLinkFlags(rest);
  if (Object.keys(toxics).length > 0) lab.wan.setToxics('both', toxics);
  const up = lab.wan.toxics('upstream');
  return `WAN link now: latency ${up.latencyMs} ms ± ${up.jitterMs} ms, bandwidth ${up.kbitPerSecond === undefined ? 'unlimited' : `${up.kbitPerSecond} kbit/s`}${up.randomStalls ? `, stalls ${up.randomStalls.perMinute}/min of ${up.randomStalls.durationMs} ms` : ''}${lab.wan.isLinkDown ? ', link DOWN' : ''}`;
}

export async function runUp(context: CliContext & { readonly topology?: Topology }): Promise<number> {
  const timers = new Set<NodeJS.Timeout>();
  let lab: PlatformLab | undefined;
  const aborted = new AbortController();
  let resolveFinished: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (resolveFinished = resolve));
  const finish = () => {
    aborted.abort(new Error('stopped during the bring-up'));
    resolveFinished();
  };
  // Listening from the start, so `down` (or Ctrl-C) during the bring-up stops this lab, not a guess at its leftovers.
  const handle = async (request: ControlRequest): Promise<ControlReply> => {
    if (request.command === 'down') {
      setImmediate(finish);
      return { ok: true, lines: [lab ? 'stopping the lab' : 'the lab stops as soon as its bring-up ends'] };
    }
    if (!lab) return { ok: false, lines: ['the lab is still starting: try again once `up` has printed where everything is'] };
    switch (request.command) {
      case 'status':
        return { ok: true, lines: describeStatus(lab) };
      case 'fault':
        return { ok: true, lines: [applyFault(parseFault(request.args), { supervisor: lab.supervisor, wan: lab.wan }, timers)] };
      case 'wan':
        return { ok: true, lines: [applyWan(lab, request.args)] };
    }
  };
  mkdirSync(context.stateDir, { recursive: true });
  const socketPath = controlSocket(context.stateDir);
  const control = await startControlServer(socketPath, handle);
  const onSignal = () => finish();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    lab = await bringUp({ workspaceRoot: context.workspaceRoot, stateDir: context.stateDir, topology: context.topology, log: context.out, signal: aborted.signal });
    describeLab(lab).forEach((line) => context.out(line));
    context.out('\ncontrol: npm run lab -- status | fault ... | wan ... | down   (Ctrl-C stops too)');
    await finished;
    context.out('stopping: processes, WAN link, namespaces');
    return 0;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    for (const timer of timers) clearTimeout(timer);
    await new Promise((resolve) => control.close(resolve));
    rmSync(socketPath, { force: true });
    if (lab) {
      await lab.stop();
      context.out('the lab is down; nothing is left behind');
    }
  }
}
