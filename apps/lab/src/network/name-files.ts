/**
 * The name-resolution files of a pod: `ip netns exec` bind-mounts every file of
 * /etc/netns/<namespace>/ over the one of the same name in /etc (ip-netns(8)), so a process in the
 * pod reads these as /etc/hosts and /etc/resolv.conf. getaddrinfo reads the hosts file first;
 * resolvers that ask DNS themselves (nginx's `resolver`) get the site's DNS server. Pure.
 */
import { parseIpv4 } from './ipv4.ts';

/** The names a pod resolves, name -> IPv4 address; Kubernetes service names in all their forms are the caller's. */
export type NameTable = Readonly<Record<string, string>>;

/** A host name as hosts files and DNS take it: dot-separated labels of letters, digits and "-". */
const hostNamePattern = /^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

/** One sentence per entry of `names` that is not a host name with an IPv4 address. */
export function nameTableProblems(names: NameTable): string[] {
  return Object.entries(names).flatMap(([name, address]) => [
    ...(hostNamePattern.test(name) ? [] : [`names: "${name}" is not a host name (letters, digits, "-" and ".")`]),
    ...(parseIpv4(address) !== undefined ? [] : [`names: "${name}" maps to "${address}", which is not an IPv4 address`]),
  ]);
}

/** The pod's /etc/hosts: localhost, the pod's own name and every name the lab gives it, one line per address. */
export function hostsFileText(pod: { readonly name: string; readonly address: string }, names: NameTable): string {
  const namesByAddress = new Map<string, string[]>([[pod.address, [pod.name]]]);
  for (const [name, address] of Object.entries(names).sort(([a], [b]) => a.localeCompare(b))) {
    if (name === pod.name && address === pod.address) continue;
    namesByAddress.set(address, [...(namesByAddress.get(address) ?? []), name]);
  }
  const lines = [
    `# The hosts file of pod ${pod.name}, written by the Millwright lab; ip netns exec mounts it over /etc/hosts.`,
    '127.0.0.1\tlocalhost',
    '::1\tlocalhost ip6-localhost ip6-loopback',
    ...[...namesByAddress].map(([address, hostNames]) => `${address}\t${hostNames.join(' ')}`),
  ];
  return `${lines.join('\n')}\n`;
}

/** The pod's /etc/resolv.conf: its site's DNS server, and nothing else to ask. */
export function resolvConfText(nameserver: string): string {
  // Short timeouts: the site DNS is on the bridge, one hop away, and answers at once or not at all.
  return `# Written by the Millwright lab: the site's DNS server on its gateway.\nnameserver ${nameserver}\noptions timeout:1 attempts:2\n`;
}

/**
 * The records of a site's DNS server: every pod's own name and every name given to a pod of the
 * site, lowercased (the server lowercases questions). Two pods of one site that give one name two
 * addresses are reported, as the site's DNS could answer only one of them.
 */
export function siteDnsRecords(pods: readonly { readonly name: string; readonly address: string; readonly names: NameTable }[]): {
  records: Record<string, string>;
  conflicts: string[];
} {
  const records: Record<string, string> = {};
  const givenBy: Record<string, string> = {};
  const conflicts: string[] = [];
  for (const pod of pods) {
    for (const [name, address] of [[pod.name, pod.address] as const, ...Object.entries(pod.names)]) {
      const key = name.toLowerCase();
      const earlier = records[key];
      if (earlier !== undefined && earlier !== address) {
        conflicts.push(`name "${name}" is ${address} for pod ${pod.name} but ${earlier} for pod ${givenBy[key]}; a site's DNS answers one address per name`);
        continue;
      }
      records[key] = address;
      givenBy[key] ??= pod.name;
    }
  }
  return { records, conflicts };
}
