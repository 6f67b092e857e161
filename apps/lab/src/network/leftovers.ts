/**
 * Removes what a lab with a given prefix left in the kernel and in /etc/netns: its network
 * namespaces, its links (bridges and veths) and its name-file folders. A lab that crashed never ran
 * its destroy(), so the next start calls this first; destroy() calls it last.
 */
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { deleteLink, deleteNamespace, listLinks, listNamespaces, namespacePids } from './ip-commands.ts';
import { belongsToLab, labPrefixProblem } from './lab-names.ts';

/** Where `ip netns exec` looks for a namespace's own /etc files (ip-netns(8)). */
export const netnsConfigDirectory = '/etc/netns';

/** What {@link cleanLeftovers} removed. */
export interface LeftoversReport {
  readonly namespaces: readonly string[];
  readonly links: readonly string[];
  readonly netnsFolders: readonly string[];
  /**
   * Processes that still ran in a removed namespace. They are not killed: a crashed run's
   * processes were not started by this one. Cut off from every link, they can reach nothing.
   */
  readonly processesLeftRunning: readonly { readonly namespace: string; readonly pids: readonly number[] }[];
}

/** Whether the report lists nothing at all. */
export function nothingLeftOver(report: LeftoversReport): boolean {
  return report.namespaces.length + report.links.length + report.netnsFolders.length + report.processesLeftRunning.length === 0;
}

/** One line per kind of leftover removed, for a log; empty when nothing was left over. */
export function describeLeftovers(report: LeftoversReport): string {
  const lines = [
    report.namespaces.length > 0 ? `removed network namespaces: ${report.namespaces.join(' ')}` : '',
    report.links.length > 0 ? `removed links: ${report.links.join(' ')}` : '',
    report.netnsFolders.length > 0 ? `removed ${report.netnsFolders.join(' ')}` : '',
    ...report.processesLeftRunning.map(({ namespace, pids }) => `killed the processes left in namespace ${namespace}: ${pids.join(' ')}`),
  ];
  return lines.filter(Boolean).join('\n');
}

async function netnsFoldersOf(prefix: string): Promise<string[]> {
  try {
    return (await readdir(netnsConfigDirectory)).filter((name) => belongsToLab(name, prefix)).map((name) => join(netnsConfigDirectory, name));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/** SIGKILLs every process in `namespace` and waits (up to 5 s) until none is left. */
export async function killNamespaceProcesses(namespace: string): Promise<void> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const pids = await namespacePids(namespace).catch(() => []);
    if (pids.length === 0) return;
    for (const pid of pids) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // ESRCH: it has just exited.
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Removes every namespace, link and /etc/netns folder whose name starts with `<prefix>-`, and
 * kills the processes still running in those namespaces (a crashed lab's, listed in the report).
 * @throws Error when the prefix is not a valid lab prefix (an empty one would match everything).
 */
export async function cleanLeftovers(prefix: string): Promise<LeftoversReport> {
  const problem = labPrefixProblem(prefix);
  if (problem) throw new Error(`cleanLeftovers: ${problem}`);
  // Links are listed before the namespaces go: a deleted namespace takes its veth pairs with it, asynchronously.
  const links = (await listLinks()).filter((name) => belongsToLab(name, prefix));
  const namespaces = (await listNamespaces()).filter((name) => belongsToLab(name, prefix));
  const processesLeftRunning: { namespace: string; pids: number[] }[] = [];
  for (const namespace of namespaces) {
    const pids = await namespacePids(namespace);
    if (pids.length > 0) processesLeftRunning.push({ namespace, pids });
    // What runs in a namespace of the lab's prefix is a crashed lab's process: it goes with its namespace.
    await killNamespaceProcesses(namespace);
    await deleteNamespace(namespace);
  }
  // A namespace that still holds processes outlives its name; deleting the root end of its veth cuts it off.
  for (const link of links) await deleteLink(link);
  const netnsFolders = await netnsFoldersOf(prefix);
  for (const folder of netnsFolders) await rm(folder, { recursive: true, force: true });
  return { namespaces, links, netnsFolders, processesLeftRunning };
}
