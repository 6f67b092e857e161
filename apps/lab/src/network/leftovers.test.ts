// Issue 16: a lab whose owner crashed leaves namespaces, links and /etc/netns folders behind;
// cleanLeftovers removes them by prefix, and the next lab with that prefix does so first.
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { systemProgram } from '@millwright/test-servers';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createLab } from './lab.ts';
import { cleanLeftovers, describeLeftovers, netnsConfigDirectory, nothingLeftOver } from './leftovers.ts';

const prefix = `mwt${randomBytes(3).toString('hex').slice(0, 5)}`;
const subnet = '10.213.203.0/24';
const ip = systemProgram('ip');
const root = join(import.meta.dirname, '../../../..');
/** The processes the crashed owners left running, killed by PID at the end. */
const orphans: number[] = [];

afterAll(async () => {
  try {
    await cleanLeftovers(prefix);
  } finally {
    for (const pid of orphans) killOrphan(pid);
  }
});

function killOrphan(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // ESRCH: already gone.
  }
}

interface CrashedLab {
  readonly namespace: string;
  readonly hostVeth: string;
  readonly bridge: string;
  readonly orphanPid: number;
}

/** Runs a lab owner that crashes after building its lab, and returns what it left behind. */
function crashALabOwner(): CrashedLab {
  const owner = spawnSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'test-support/crashing-lab-owner.ts'), prefix, subnet], {
    cwd: root,
    encoding: 'utf8',
  });
  const lastLine = owner.stdout.trim().split('\n').pop() ?? '';
  if (owner.status !== 1 || !lastLine.startsWith('{')) throw new Error(`the crashing lab owner did not get to crash (${owner.status}): ${owner.stderr}`);
  const crashed = JSON.parse(lastLine) as CrashedLab;
  orphans.push(crashed.orphanPid);
  return crashed;
}

const namespaces = () => execFileSync(ip, ['netns', 'list'], { encoding: 'utf8' });
const links = () => execFileSync(ip, ['-o', 'link'], { encoding: 'utf8' });
const isRunning = (pid: number) => existsSync(`/proc/${pid}`) && !/^\d+ \(.*\) [ZX]/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));

describe('cleanLeftovers', () => {
  it('removes the namespaces, links, name folders and processes of a lab whose owner crashed, and nothing of other labs', async () => {
    const crashed = crashALabOwner();
    // Shares the prefix's letters but not `<prefix>-`: it belongs to another lab.
    const neighbour = `${prefix}x-keep`;
    execFileSync(ip, ['netns', 'add', neighbour]);
    try {
      expect(namespaces()).toContain(crashed.namespace);
      expect(links()).toContain(crashed.hostVeth);
      expect(existsSync(join(netnsConfigDirectory, crashed.namespace, 'hosts'))).toBe(true);

      const report = await cleanLeftovers(prefix);

      expect(report.namespaces).toEqual([crashed.namespace]);
      expect([...report.links].sort()).toEqual([crashed.bridge, crashed.hostVeth].sort());
      expect(report.netnsFolders).toEqual([join(netnsConfigDirectory, crashed.namespace)]);
      expect(report.processesLeftRunning).toEqual([{ namespace: crashed.namespace, pids: [crashed.orphanPid] }]);
      // The crashed lab's process goes with its namespace.
      await vi.waitFor(() => expect(isRunning(crashed.orphanPid)).toBe(false));
      expect(describeLeftovers(report)).toContain(`removed network namespaces: ${crashed.namespace}`);
      expect(describeLeftovers(report)).toContain(`killed the processes left in namespace ${crashed.namespace}: ${crashed.orphanPid}`);
      expect(namespaces()).not.toContain(`${prefix}-`);
      expect(links()).not.toContain(`${prefix}-`);
      expect(existsSync(join(netnsConfigDirectory, crashed.namespace))).toBe(false);
      expect(namespaces()).toContain(neighbour);
      expect(nothingLeftOver(await cleanLeftovers(prefix))).toBe(true);
    } finally {
      execFileSync(ip, ['netns', 'del', neighbour]);
      killOrphan(crashed.orphanPid);
    }
    await vi.waitFor(() => expect(isRunning(crashed.orphanPid)).toBe(false));
  });

  it('runs before a new lab with the same prefix starts, so its subnet is free again', async () => {
    const crashed = crashALabOwner();
    const lab = await createLab({ prefix, sites: [{ name: 'edge', subnet }] });
    try {
      expect(lab.leftoversRemoved.namespaces).toEqual([crashed.namespace]);
      expect(lab.leftoversRemoved.links).toContain(crashed.hostVeth);
      expect(lab.sites[0]!.bridge).toBe(crashed.bridge);
    } finally {
      await lab.destroy();
      killOrphan(crashed.orphanPid);
    }
  });

  it('refuses a prefix that could match names of other labs or of the system', async () => {
    await expect(cleanLeftovers('')).rejects.toThrow('cleanLeftovers: lab prefix "" must be 1 to 8 lowercase letters or digits');
    await expect(cleanLeftovers('mw-')).rejects.toThrow(/lab prefix "mw-" must be/);
  });
});
