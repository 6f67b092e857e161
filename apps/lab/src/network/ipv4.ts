/**
 * IPv4 addresses and subnets as plain numbers, for planning the lab's sites: parsing CIDR text,
 * telling whether two subnets overlap and numbering the hosts of a subnet. Pure.
 */

/** A subnet in CIDR form, e.g. 10.213.1.0/24, with its network address as an unsigned 32-bit number. */
export interface Ipv4Subnet {
  readonly network: number;
  readonly prefixLength: number;
}

/** The number an IPv4 dotted quad stands for, or undefined when `text` is not one. */
export function parseIpv4(text: string): number | undefined {
  const octets = text.split('.');
  if (octets.length !== 4 || !octets.every((octet) => /^(0|[1-9]\d{0,2})$/.test(octet) && Number(octet) <= 255)) return undefined;
  return octets.reduce((value, octet) => value * 256 + Number(octet), 0);
}

export function formatIpv4(address: number): string {
  return [24, 16, 8, 0].map((shift) => (address >>> shift) & 255).join('.');
}

function maskOf(prefixLength: number): number {
  // `<< 32` is a no-op in JavaScript, so /0 needs its own case.
  return prefixLength === 0 ? 0 : (0xffffffff << (32 - prefixLength)) >>> 0;
}

/** The subnet CIDR text names, or a sentence saying what is wrong with it (e.g. host bits set). */
export function parseSubnet(text: string): Ipv4Subnet | string {
  const [addressText, lengthText, ...rest] = text.split('/');
  const address = parseIpv4(addressText ?? '');
  const prefixLength = Number(lengthText);
  if (address === undefined || rest.length > 0 || !/^\d{1,2}$/.test(lengthText ?? '') || prefixLength > 32) {
    return `"${text}" is not an IPv4 subnet in CIDR form (e.g. 10.213.1.0/24)`;
  }
  const network = (address & maskOf(prefixLength)) >>> 0;
  if (network !== address) return `"${text}" has host bits set: its network is ${formatSubnet({ network, prefixLength })}`;
  return { network, prefixLength };
}

export function formatSubnet(subnet: Ipv4Subnet): string {
  return `${formatIpv4(subnet.network)}/${subnet.prefixLength}`;
}

/** Whether some address lies in both subnets (one contains the other, as CIDR blocks never partly overlap). */
export function subnetsOverlap(a: Ipv4Subnet, b: Ipv4Subnet): boolean {
  const mask = maskOf(Math.min(a.prefixLength, b.prefixLength));
  return ((a.network & mask) >>> 0) === ((b.network & mask) >>> 0);
}

/** How many host addresses the subnet has besides its network and broadcast addresses. */
export function usableHostCount(subnet: Ipv4Subnet): number {
  return Math.max(0, 2 ** (32 - subnet.prefixLength) - 2);
}

/** The `index`-th host address of the subnet, counting from 1 (the network address + index). */
export function hostAddress(subnet: Ipv4Subnet, index: number): string {
  if (!Number.isInteger(index) || index < 1 || index > usableHostCount(subnet)) {
    throw new RangeError(`${formatSubnet(subnet)} has no host number ${index}: it has ${usableHostCount(subnet)} host addresses`);
  }
  return formatIpv4(subnet.network + index);
}
