/**
 * The `ip` (iproute2) commands the lab runs in the root namespace: the thin I/O edge of the
 * network layer, in zx templates so each reads as the command an operator would type. What to
 * create and how it is named is decided by the pure planners (lab-plan.ts, lab-names.ts).
 */
import { $, ProcessOutput, type ProcessPromise } from 'zx';

/** Runs an `ip` command, turning its failure into an error that says what the lab was doing and what ip said. */
async function carryOut(what: string, command: () => ProcessPromise): Promise<string> {
  try {
    // quiet: zx would echo a failing command's stderr; the error below carries it instead.
    return (await command().quiet()).stdout;
  } catch (error) {
    const said = error instanceof ProcessOutput ? error.stderr.trim() || `exit code ${error.exitCode}` : String(error);
    throw new Error(`${what} failed: ${said}`, { cause: error });
  }
}

/** ip's message when a link or namespace is already gone, which cleanup treats as done. */
const alreadyGone = /Cannot find device|No such file or directory|Cannot open network namespace/;

async function carryOutUnlessGone(what: string, command: () => ProcessPromise): Promise<boolean> {
  try {
    await carryOut(what, command);
    return true;
  } catch (error) {
    if (error instanceof Error && alreadyGone.test(error.message)) return false;
    throw error;
  }
}

/** The names of the network namespaces `ip netns` knows (those under /run/netns). */
export async function listNamespaces(): Promise<string[]> {
  const json = await carryOut('listing network namespaces (ip -json netns list)', () => $`ip -json netns list`);
  const parsed: unknown = JSON.parse(json.trim() === '' ? '[]' : json);
  return Array.isArray(parsed) ? parsed.flatMap((entry: unknown) => (typeof entry === 'object' && entry !== null && 'name' in entry && typeof entry.name === 'string' ? [entry.name] : [])) : [];
}

/** The names of the links of the root namespace. */
export async function listLinks(): Promise<string[]> {
  const json = await carryOut('listing links (ip -json link show)', () => $`ip -json link show`);
  const parsed: unknown = JSON.parse(json);
  return Array.isArray(parsed) ? parsed.flatMap((link: unknown) => (typeof link === 'object' && link !== null && 'ifname' in link && typeof link.ifname === 'string' ? [link.ifname] : [])) : [];
}

/** The JSON of the root namespace's IPv4 routes (main table), for route-conflicts.ts. */
export function rootRoutesJson(): Promise<string> {
  return carryOut('listing the routes of the root namespace (ip -json -4 route show)', () => $`ip -json -4 route show`);
}

/** The processes that still run in the namespace (which keep it, and its links, alive after `ip netns del`). */
export async function namespacePids(namespace: string): Promise<number[]> {
  const output = await carryOut(`listing the processes of namespace ${namespace}`, () => $`ip netns pids ${namespace}`);
  return output.split(/\s+/).filter(Boolean).map(Number);
}

export async function addNamespace(namespace: string): Promise<void> {
  await carryOut(`creating network namespace ${namespace}`, () => $`ip netns add ${namespace}`);
}

/** Deletes the namespace's name; false when it was already gone. */
export function deleteNamespace(namespace: string): Promise<boolean> {
  return carryOutUnlessGone(`deleting network namespace ${namespace}`, () => $`ip netns del ${namespace}`);
}

/** Deletes a link of the root namespace (a veth takes its peer with it); false when it was already gone. */
export function deleteLink(link: string): Promise<boolean> {
  return carryOutUnlessGone(`deleting link ${link}`, () => $`ip link del ${link}`);
}

/** A bridge in the root namespace holding the site gateway address, e.g. 10.213.1.1/24. */
export async function addBridge(bridge: string, gatewayWithPrefix: string): Promise<void> {
  await carryOut(`creating bridge ${bridge}`, () => $`ip link add ${bridge} type bridge`);
  await carryOut(`giving bridge ${bridge} the address ${gatewayWithPrefix}`, () => $`ip addr add ${gatewayWithPrefix} dev ${bridge}`);
  await carryOut(`bringing bridge ${bridge} up`, () => $`ip link set ${bridge} up`);
}

/** What {@link addPodLink} connects. */
export interface PodLink {
  readonly namespace: string;
  readonly hostVeth: string;
  readonly podInterface: string;
  readonly addressWithPrefix: string;
  readonly bridge: string;
}

/**
 * A veth pair from the pod's namespace to its site's bridge, the pod's address, and `lo` up. No
 * default route, on purpose: the pod reaches its own subnet only, so another site is unreachable.
 */
export async function addPodLink(link: PodLink): Promise<void> {
  const { namespace, hostVeth, podInterface, addressWithPrefix, bridge } = link;
  // Created with its pod end already inside the namespace, so no half-moved link is ever left in the root namespace.
  await carryOut(`creating veth ${hostVeth} to ${namespace}`, () => $`ip link add ${hostVeth} type veth peer name ${podInterface} netns ${namespace}`);
  await carryOut(`giving ${namespace} the address ${addressWithPrefix}`, () => $`ip -n ${namespace} addr add ${addressWithPrefix} dev ${podInterface}`);
  await carryOut(`bringing ${podInterface} of ${namespace} up`, () => $`ip -n ${namespace} link set ${podInterface} up`);
  await carryOut(`bringing lo of ${namespace} up`, () => $`ip -n ${namespace} link set lo up`);
  await carryOut(`attaching ${hostVeth} to bridge ${bridge}`, () => $`ip link set ${hostVeth} master ${bridge} up`);
}
