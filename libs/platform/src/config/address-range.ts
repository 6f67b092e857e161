/**
 * Why `text` is not an address range MetalLB accepts, or undefined when it is: a CIDR
 * (`192.168.10.0/24`, `fc00::/120`) or a `first-last` range of one IP family, first ≤ last.
 * @see https://metallb.io/configuration/#defining-the-ips-to-assign-to-the-load-balancer-services
 */
export function addressRangeProblem(text: string): string | undefined {
  const cidr = /^([^/]+)\/(\d{1,3})$/.exec(text);
  if (cidr) {
    const family = isIP(cidr[1]!);
    if (family === 0) return `"${cidr[1]}" is not an IP address`;
    const bits = Number(cidr[2]);
    return bits <= (family === 4 ? 32 : 128) ? undefined : `/${bits} is too long a prefix for IPv${family}`;
  }
  const range = /^([^-\s]+)-([^-\s]+)$/.exec(text);
  if (!range) return 'neither a CIDR nor a first-last range';
  const [first, last] = [range[1]!, range[2]!];
  const family = isIP(first);
  if (family === 0) return `"${first}" is not an IP address`;
  if (isIP(last) !== family) return `"${last}" is not an IPv${family} address like "${first}"`;
  return toNumber(first) <= toNumber(last) ? undefined : `the range starts at ${first}, after its end ${last}`;
}

const ipv4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const hexGroup = /^[0-9a-fA-F]{1,4}$/;

/** 4 or 6 when `text` is an IPv4 or IPv6 address (no zone, no embedded IPv4), else 0. */
function isIP(text: string): 0 | 4 | 6 {
  if (ipv4.test(text)) return 4;
  const halves = text.split('::');
  if (halves.length > 2) return 0;
  const groups = halves.map((half) => (half === '' ? [] : half.split(':')));
  const count = groups.flat().length;
  if (!groups.flat().every((group) => hexGroup.test(group))) return 0;
  return (halves.length === 2 ? count < 8 : count === 8) ? 6 : 0;
}

/** An IP address as a number, to compare the ends of a range. */
function toNumber(address: string): bigint {
  if (isIP(address) === 4) return address.split('.').reduce((sum, octet) => sum * 256n + BigInt(octet), 0n);
  const [head = '', tail = ''] = address.split('::');
  const groups = (part: string) => (part === '' ? [] : part.split(':'));
  const missing = 8 - groups(head).length - groups(tail).length;
  const all = address.includes('::') ? [...groups(head), ...Array<string>(missing).fill('0'), ...groups(tail)] : groups(head);
  return all.reduce((sum, group) => sum * 65536n + BigInt(`0x${group}`), 0n);
}
