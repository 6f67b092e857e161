/**
 * The lab's command line. `up` runs in the foreground and serves the control socket; `fault`,
 * `wan`, `status` and `down` talk to it from another terminal; `down` without a running lab
 * removes what a crashed one left.
 */
import { join } from 'node:path';
import { parseLinkFlags, wanProfile } from '@millwright/wan-proxy';
import { cleanLeftovers, defaultLabPrefix, describeLeftovers } from '../network/index.ts';
import { sendControl } from '../control/control-server.ts';
import { runExperimentCommand } from '../experiment/experiment-command.ts';
import { parseTopology } from '../platform-lab/lab-platform.ts';
import { runUp } from './up-command.ts';

export interface CliContext {
  readonly workspaceRoot: string;
  readonly stateDir: string;
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
}

export const usage = `usage: npm run lab -- <command>
  up [--topology edge-only|hybrid|cloud-only]   run the platform from the rendered tree until Ctrl-C or \`down\`
  down                                          stop the running lab (or clean up after a crashed one)
  status                                        the lab's processes: state, restarts, readiness
  fault wan-down <duration>                     cut the WAN link (e.g. 120s)
  fault kill|restart <process>                  SIGKILL / SIGTERM a process (e.g. inference-api)
  fault stop <process> <duration>               scale a process to zero, then back (e.g. postgres 30s)
  wan [--profile lan|wan|degraded] [--latency 40ms] [--jitter 10ms] [--bandwidth 10mbit]
  experiment [--smoke] [--topology T,...] [--out <dir>]  the seed's measurements across topologies and WAN profiles
Needs root: the lab makes network namespaces.`;

export function controlSocket(stateDir: string): string {
  return join(stateDir, 'control.sock');
}

/** `--name value` or `--name=value`. */
export function option(args: readonly string[], name: string): string | undefined {
  const index = args.findIndex((arg) => arg === `--${name}` || arg.startsWith(`--${name}=`));
  if (index === -1) return undefined;
  const arg = args[index]!;
  return arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : args[index + 1];
}

/** Checks `wan` flags here, so a typo is refused before it reaches the lab. */
function checkWanArgs(args: readonly string[]): void {
  const profile = option(args, 'profile');
  if (profile !== undefined) wanProfile(profile);
  const rest = args.filter((arg, i) => !(arg === '--profile' || arg.startsWith('--profile=') || args[i - 1] === '--profile'));
  const parsed = parseLinkFlags(rest);
  if (parsed.rest.length > 0) throw new Error(`wan: unknown argument ${JSON.stringify(parsed.rest[0])}; flags: --profile, --latency, --jitter, --bandwidth`);
}

export async function runCli(argv: readonly string[], context: CliContext): Promise<number> {
  const [command, ...args] = argv;
  try {
    if (process.getuid?.() !== 0 && ['up', 'down', 'experiment'].includes(command ?? '')) {
      context.err('the lab makes network namespaces and must run as root (sudo npm run lab -- ...)');
      return 2;
    }
    switch (command) {
      case 'up':
        return await runUp({ ...context, topology: parseTopology(option(args, 'topology')) });
      case 'experiment':
        return await runExperimentCommand(args, context);
      case 'down': {
        const reply = await sendControl(controlSocket(context.stateDir), { command: 'down', args: [] });
        if (reply) {
          reply.lines.forEach((line) => context.out(line));
          return reply.ok ? 0 : 1;
        }
        const removed = await cleanLeftovers(defaultLabPrefix);
        context.out(`no lab is running; ${describeLeftovers(removed)}`);
        return 0;
      }
      case 'status':
      case 'fault':
      case 'wan': {
        if (command === 'wan') checkWanArgs(args);
        const reply = await sendControl(controlSocket(context.stateDir), { command, args });
        if (!reply) {
          context.err('no lab is running: start one with `npm run lab -- up` (as root) in another terminal');
          return 1;
        }
        reply.lines.forEach((line) => (reply.ok ? context.out(line) : context.err(line)));
        return reply.ok ? 0 : 1;
      }
      case undefined:
      case 'help':
      case '--help':
        context.out(usage);
        return command === undefined ? 2 : 0;
      default:
        context.err(`unknown command ${JSON.stringify(command)}\n${usage}`);
        return 2;
    }
  } catch (error) {
    context.err(`lab ${command}: ${(error as Error).message}`);
    return 1;
  }
}
