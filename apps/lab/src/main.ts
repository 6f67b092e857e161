/**
 * `npm run lab -- <command>`: the edge–cloud lab (README "The edge–cloud lab").
 *   up [--topology edge-only|hybrid|cloud-only]   runs the platform until Ctrl-C or `down`
 *   down                                          stops a running lab, or cleans a crashed one's leftovers
 *   status                                        the processes of the running lab
 *   fault wan-down <duration> | kill <process> | restart <process> | stop <process> <duration>
 *   wan [--profile lan|wan|degraded] [--latency 40ms] [--jitter 10ms] [--bandwidth 10mbit]
 *   experiment [--smoke] [--topology T,...] [--out <dir>]   the seed's measurements across the topologies
 * Needs root (network namespaces).
 */
import { join } from 'node:path';
import { runCli } from './cli/run-cli.ts';

const workspaceRoot = join(import.meta.dirname, '../../..');
process.exitCode = await runCli(process.argv.slice(2), { workspaceRoot, stateDir: join(workspaceRoot, '.millwright', 'lab'), out: (line) => console.log(line), err: (line) => console.error(line) });
