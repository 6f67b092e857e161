/**
 * Checks a lab's options and turns them into the plan the I/O edge carries out: each site's
 * subnet, gateway address and bridge, and each pod's namespace, veth names and address. Reports
 * every problem at once. Pure.
 */
import { formatSubnet, hostAddress, parseSubnet, subnetsOverlap, usableHostCount, type Ipv4Subnet } from './ipv4.ts';
import { defaultLabPrefix, hostVethName, labPrefixProblem, maxPodsPerLab, podNamespaceName, siteBridgeName } from './lab-names.ts';

/** One site of the lab: a name and the IPv4 subnet its pods get addresses from. */
export interface LabSiteOptions {
  readonly name: string;
  /** CIDR, e.g. `10.213.1.0/24`; the first host address is the site gateway in the root namespace. */
  readonly subnet: string;
}

export interface LabOptions {
  /**
   * Starts the name of every namespace, link and /etc/netns folder of the lab.
   * @default 'mwl'
   */
  readonly prefix?: string;
  /**
   * The sites, with no route between them.
   * @default edge on 10.213.1.0/24 and cloud on 10.213.2.0/24
   */
  readonly sites?: readonly LabSiteOptions[];
}

/** The sites of issue 16's lab. */
export const defaultLabSites: readonly LabSiteOptions[] = [
  { name: 'edge', subnet: '10.213.1.0/24' },
  { name: 'cloud', subnet: '10.213.2.0/24' },
];

export interface SitePlan {
  readonly name: string;
  readonly subnet: Ipv4Subnet;
  /** The bridge's address in the root namespace: where the site's DNS and the WAN proxy listen. */
  readonly gateway: string;
  readonly bridge: string;
}

export interface LabPlan {
  readonly prefix: string;
  readonly sites: readonly SitePlan[];
}

export interface PodPlan {
  readonly site: string;
  readonly name: string;
  readonly namespace: string;
  readonly hostVeth: string;
  readonly address: string;
  /** `address/prefix length`, as `ip addr add` takes it. */
  readonly addressWithPrefix: string;
}

/** Thrown with every problem of the options in one message. */
export class LabPlanError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`the lab cannot start:\n  - ${problems.join('\n  - ')}`);
    this.name = 'LabPlanError';
  }
}

const siteNamePattern = /^[a-z][a-z0-9]{0,19}$/;
/** A DNS label, as Kubernetes pod names are. */
const podNamePattern = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
/** Room for the gateway, at least one pod, the network and the broadcast address. */
const longestSubnetPrefix = 30;

/** The lab's plan. @throws LabPlanError naming every bad prefix, site name and subnet. */
export function planLab(options: LabOptions): LabPlan {
  const prefix = options.prefix ?? defaultLabPrefix;
  const sites = options.sites ?? defaultLabSites;
  const problems: string[] = [];
  const prefixProblem = labPrefixProblem(prefix);
  if (prefixProblem) problems.push(prefixProblem);
  if (sites.length === 0) problems.push('sites: a lab needs at least one site');
  const planned: SitePlan[] = [];
  sites.forEach((site, index) => {
    const where = `sites[${index}]`;
    if (!siteNamePattern.test(site.name)) problems.push(`${where}.name: "${site.name}" must be 1 to 20 lowercase letters or digits starting with a letter (e.g. "edge")`);
    if (sites.findIndex((other) => other.name === site.name) < index) problems.push(`${where}.name: "${site.name}" is used by an earlier site; give each site its own name`);
    const subnet = parseSubnet(site.subnet);
    if (typeof subnet === 'string') return problems.push(`${where}.subnet: ${subnet}`);
    if (subnet.prefixLength > longestSubnetPrefix) return problems.push(`${where}.subnet: ${site.subnet} is too small for a gateway and pods; use /${longestSubnetPrefix} or larger (e.g. /24)`);
    const overlapping = planned.find((other) => subnetsOverlap(other.subnet, subnet));
    if (overlapping) problems.push(`${where}.subnet: ${site.subnet} overlaps site "${overlapping.name}" (${formatSubnet(overlapping.subnet)}); sites must not share addresses`);
    planned.push({ name: site.name, subnet, gateway: hostAddress(subnet, 1), bridge: siteBridgeName(prefix, index) });
  });
  if (problems.length > 0) throw new LabPlanError(problems);
  return { prefix, sites: planned };
}

/**
 * The plan of a new pod: `podNumber` numbers pods across the lab (their veth names), `siteOrdinal`
 * within the site (their address: the gateway is host 1, pods follow from host 2).
 * @throws Error when the pod name is invalid or the site or lab is full.
 */
export function planPod(lab: LabPlan, site: SitePlan, podName: string, podNumber: number, siteOrdinal: number): PodPlan {
  if (!podNamePattern.test(podName)) {
    throw new Error(`pod name "${podName}" must be a DNS label: lowercase letters, digits and "-", 1 to 63 characters, starting and ending with a letter or digit`);
  }
  if (podNumber > maxPodsPerLab) throw new Error(`the lab holds at most ${maxPodsPerLab} pods (their veth names must fit 15 bytes)`);
  const hostNumber = siteOrdinal + 2;
  if (hostNumber > usableHostCount(site.subnet)) {
    throw new Error(`site "${site.name}" is full: ${formatSubnet(site.subnet)} has room for ${usableHostCount(site.subnet) - 1} pods; give it a larger subnet`);
  }
  const address = hostAddress(site.subnet, hostNumber);
  return {
    site: site.name,
    name: podName,
    namespace: podNamespaceName(lab.prefix, site.name, podName),
    hostVeth: hostVethName(lab.prefix, podNumber),
    address,
    addressWithPrefix: `${address}/${site.subnet.prefixLength}`,
  };
}
