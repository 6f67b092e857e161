/**
 * The edge–cloud lab's network (issue 16): one Linux bridge per site in the root namespace,
 * holding the site's gateway address, and one network namespace per pod with a veth into its
 * site's bridge. Pods have no default route, so a pod reaches its own site's subnet only; the
 * root namespace, where the lab itself runs (WAN proxy, DNS, probes), reaches every pod. The only
 * way across sites is therefore whatever listens on the gateway addresses: the WAN proxy.
 */
import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startLoopbackDns, systemProgram, type LoopbackDns } from '@millwright/test-servers';
import { formatSubnet } from './ipv4.ts';
import { addBridge, addNamespace, addPodLink, deleteLink, deleteNamespace, rootRoutesJson } from './ip-commands.ts';
import { podInterfaceName } from './lab-names.ts';
import { LabPlanError, planLab, planPod, type LabOptions, type PodPlan, type SitePlan } from './lab-plan.ts';
import { cleanLeftovers, killNamespaceProcesses, netnsConfigDirectory, type LeftoversReport } from './leftovers.ts';
import { hostsFileText, nameTableProblems, resolvConfText, siteDnsRecords, type NameTable } from './name-files.ts';
import { parseRouteList, routeConflicts } from './route-conflicts.ts';

/** Where each site's DNS server listens on its gateway address: resolv.conf cannot name another port. */
export const siteDnsPort = 53;

export interface LabSite {
  readonly name: string;
  /** CIDR, e.g. 10.213.1.0/24. */
  readonly subnet: string;
  /** The bridge's address in the root namespace, where the site's DNS server and the WAN proxy listen. */
  readonly gateway: string;
  readonly bridge: string;
  /** The names the site's DNS server has been asked so far, lowercased. */
  readonly dnsQuestions: readonly string[];
}

export interface LabPod {
  readonly site: string;
  readonly name: string;
  readonly namespace: string;
  readonly address: string;
  /** The root-namespace end of the pod's veth pair. */
  readonly hostVeth: string;
}

export interface LabExecOptions {
  /** The whole environment of the process: nothing of the lab's own environment is passed on. @default {} */
  readonly env?: Readonly<Record<string, string>>;
  readonly cwd?: string;
  /** @default 'pipe' */
  readonly stdio?: StdioOptions;
}

export interface Lab {
  readonly prefix: string;
  readonly sites: readonly LabSite[];
  /** What starting the lab removed of an earlier run with this prefix that never called destroy(). */
  readonly leftoversRemoved: LeftoversReport;
  /** Creates the pod's namespace, link, address and name files; `names` are the names it resolves besides its own. */
  addPod(site: string, pod: string, names?: NameTable): Promise<LabPod>;
  /** Replaces the names a pod resolves (its hosts file and its site's DNS records). */
  setNames(site: string, pod: string, names: NameTable): Promise<void>;
  /**
   * Starts `argv` in the pod's namespace (`ip netns exec`) as the leader of a new process group,
   * so a signal to the group reaches its children too.
   */
  exec(pod: LabPod, argv: readonly string[], options?: LabExecOptions): ChildProcess;
  /** Kills what exec() started and still runs, stops the DNS servers and removes every namespace, link and name folder. */
  destroy(): Promise<LeftoversReport>;
}

interface SiteState {
  readonly plan: SitePlan;
  readonly dns: LoopbackDns;
  /** The records the DNS server answers from; it reads them per question, so they are updated in place. */
  readonly records: Record<string, string>;
  readonly pods: Map<string, { readonly pod: LabPod; names: NameTable }>;
  nextOrdinal: number;
}

/** Points the site's DNS at the names of its pods as they are now (validated when each pod's names were set). */
function refreshRecords(site: SiteState): void {
  const { records } = siteDnsRecords([...site.pods.values()].map((entry) => ({ ...entry.pod, names: entry.names })));
  for (const name of Object.keys(site.records)) delete site.records[name];
  Object.assign(site.records, records);
}

async function writeNameFiles(pod: LabPod, gateway: string, names: NameTable): Promise<void> {
  const folder = join(netnsConfigDirectory, pod.namespace);
  await mkdir(folder, { recursive: true });
  await writeFile(join(folder, 'hosts'), hostsFileText(pod, names));
  await writeFile(join(folder, 'resolv.conf'), resolvConfText(gateway));
}

/** Kills the process group a detached child leads, and resolves once the child has exited. */
function killGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return Promise.resolve();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // ESRCH: the group is already gone and 'exit' is on its way.
  }
  return exited;
}

async function startSites(prefix: string, sitePlans: readonly SitePlan[]): Promise<SiteState[]> {
  const sites: SiteState[] = [];
  try {
    for (const plan of sitePlans) {
      await addBridge(plan.bridge, `${plan.gateway}/${plan.subnet.prefixLength}`);
      const records: Record<string, string> = {};
      const dns = await startLoopbackDns(records, { host: plan.gateway, port: siteDnsPort }).catch((error: Error) => {
        throw new Error(`site "${plan.name}": cannot serve DNS on ${plan.gateway}:${siteDnsPort}: ${error.message}`, { cause: error });
      });
      sites.push({ plan, dns, records, pods: new Map(), nextOrdinal: 0 });
    }
    return sites;
  } catch (error) {
    await Promise.all(sites.map((site) => site.dns.close()));
    await cleanLeftovers(prefix);
    throw error;
  }
}

/**
 * Starts a lab: removes the leftovers of an earlier run with the same prefix, refuses subnets that
 * overlap a route of the root namespace, then creates each site's bridge and DNS server.
 * @throws LabPlanError naming every bad option or conflicting route.
 */
export async function createLab(options: LabOptions = {}): Promise<Lab> {
  const plan = planLab(options);
  const leftoversRemoved = await cleanLeftovers(plan.prefix);
  const conflicts = routeConflicts(plan, parseRouteList(await rootRoutesJson()));
  if (conflicts.length > 0) throw new LabPlanError(conflicts);
  const sites = await startSites(plan.prefix, plan.sites);
  const children = new Set<ChildProcess>();
  let podCount = 0;
  let destroyed = false;

  const siteNamed = (name: string): SiteState => {
    const site = sites.find((candidate) => candidate.plan.name === name);
    if (site === undefined) throw new Error(`"${name}" is not a site of this lab; its sites are ${sites.map((s) => s.plan.name).join(', ')}`);
    return site;
  };
  const refuseWhenDestroyed = (what: string) => {
    if (destroyed) throw new Error(`${what}: the lab ${plan.prefix} has been destroyed`);
  };
  /** Refuses names that are malformed or that give a name of the site a second address. */
  const checkNames = (site: SiteState, pod: { name: string; address: string }, names: NameTable) => {
    const others = [...site.pods.values()].filter((entry) => entry.pod.name !== pod.name).map((entry) => ({ ...entry.pod, names: entry.names }));
    const problems = [...nameTableProblems(names), ...siteDnsRecords([...others, { ...pod, names }]).conflicts];
    if (problems.length > 0) throw new Error(`pod ${pod.name} of site ${site.plan.name}: ${problems.join('; ')}`);
  };

  async function addPod(siteName: string, podName: string, names: NameTable = {}): Promise<LabPod> {
    refuseWhenDestroyed(`adding pod ${podName}`);
    const site = siteNamed(siteName);
    if (site.pods.has(podName)) throw new Error(`site ${siteName} already has a pod named ${podName}`);
    const podPlan: PodPlan = planPod(plan, site.plan, podName, podCount + 1, site.nextOrdinal);
    const pod: LabPod = { site: siteName, name: podName, namespace: podPlan.namespace, address: podPlan.address, hostVeth: podPlan.hostVeth };
    checkNames(site, pod, names);
    podCount += 1;
    site.nextOrdinal += 1;
    // Taken before the first await, so a second addPod of the same name fails here, not in ip.
    site.pods.set(podName, { pod, names });
    try {
      await addNamespace(pod.namespace);
      await addPodLink({ namespace: pod.namespace, hostVeth: pod.hostVeth, podInterface: podInterfaceName, addressWithPrefix: podPlan.addressWithPrefix, bridge: site.plan.bridge });
      await writeNameFiles(pod, site.plan.gateway, names);
    } catch (error) {
      // Undo this pod only; the message keeps what failed, the cause keeps ip's error.
      site.pods.delete(podName);
      await deleteNamespace(pod.namespace).catch(() => false);
      await deleteLink(pod.hostVeth).catch(() => false);
      await rm(join(netnsConfigDirectory, pod.namespace), { recursive: true, force: true });
      throw new Error(`adding pod ${podName} to site ${siteName}: ${(error as Error).message}`, { cause: error });
    }
    refreshRecords(site);
    return pod;
  }

  async function setNames(siteName: string, podName: string, names: NameTable): Promise<void> {
    refuseWhenDestroyed(`setting the names of pod ${podName}`);
    const site = siteNamed(siteName);
    const entry = site.pods.get(podName);
    if (entry === undefined) throw new Error(`site ${siteName} has no pod named ${podName}`);
    checkNames(site, entry.pod, names);
    await writeNameFiles(entry.pod, site.plan.gateway, names);
    entry.names = names;
    refreshRecords(site);
  }

  function exec(pod: LabPod, argv: readonly string[], execOptions: LabExecOptions = {}): ChildProcess {
    refuseWhenDestroyed(`starting ${argv.join(' ')} in pod ${pod.name}`);
    if (siteNamed(pod.site).pods.get(pod.name)?.pod.namespace !== pod.namespace) throw new Error(`pod ${pod.name} is not a pod of lab ${plan.prefix}`);
    if (argv.length === 0) throw new Error(`exec in pod ${pod.name}: argv is empty; give the program and its arguments`);
    const child = spawn(systemProgram('ip'), ['netns', 'exec', pod.namespace, ...argv], {
      env: { ...execOptions.env },
      cwd: execOptions.cwd,
      stdio: execOptions.stdio ?? 'pipe',
      // Its own process group: the supervisor and destroy() signal a process together with its children.
      detached: true,
    });
    children.add(child);
    child.once('exit', () => children.delete(child));
    child.once('error', () => children.delete(child));
    return child;
  }

  async function destroy(): Promise<LeftoversReport> {
    destroyed = true;
    await Promise.all([...children].map(killGroup));
    // A daemon that left its process group (pg_ctl's postmaster) still runs in the pod's namespace:
    // this lab made the namespace, so whatever runs there is the lab's to stop.
    for (const site of sites) for (const { pod } of site.pods.values()) await killNamespaceProcesses(pod.namespace);
    await Promise.all(sites.map((site) => site.dns.close().catch(() => undefined)));
    sites.length = 0;
    return cleanLeftovers(plan.prefix);
  }

  return {
    prefix: plan.prefix,
    sites: sites.map((site) => ({
      name: site.plan.name,
      subnet: formatSubnet(site.plan.subnet),
      gateway: site.plan.gateway,
      bridge: site.plan.bridge,
      dnsQuestions: site.dns.asked,
    })),
    leftoversRemoved,
    addPod,
    setNames,
    exec,
    destroy,
  };
}
