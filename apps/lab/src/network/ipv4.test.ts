import { describe, expect, it } from 'vitest';
import { formatIpv4, formatSubnet, hostAddress, parseIpv4, parseSubnet, subnetsOverlap, usableHostCount, type Ipv4Subnet } from './ipv4.ts';

const subnet = (text: string): Ipv4Subnet => {
  const parsed = parseSubnet(text);
  if (typeof parsed === 'string') throw new Error(parsed);
  return parsed;
};

describe('IPv4 planning', () => {
  it('reads and writes dotted quads, refusing anything else', () => {
    expect(parseIpv4('10.213.1.1')).toBe(0x0ad50101);
    expect(formatIpv4(0xffffffff)).toBe('255.255.255.255');
    for (const bad of ['10.213.1', '10.213.1.256', '10.213.01.1', 'a.b.c.d', '']) expect(parseIpv4(bad)).toBeUndefined();
  });

  it('reads a subnet in CIDR form and says what is wrong with a bad one', () => {
    expect(formatSubnet(subnet('10.213.1.0/24'))).toBe('10.213.1.0/24');
    expect(formatSubnet(subnet('0.0.0.0/0'))).toBe('0.0.0.0/0');
    expect(parseSubnet('10.213.1.7/24')).toBe('"10.213.1.7/24" has host bits set: its network is 10.213.1.0/24');
    expect(parseSubnet('10.213.1.0')).toBe('"10.213.1.0" is not an IPv4 subnet in CIDR form (e.g. 10.213.1.0/24)');
    expect(parseSubnet('10.213.1.0/33')).toMatch(/not an IPv4 subnet/);
  });

  it('tells overlapping subnets from disjoint ones, whichever contains the other', () => {
    expect(subnetsOverlap(subnet('10.213.1.0/24'), subnet('10.213.0.0/16'))).toBe(true);
    expect(subnetsOverlap(subnet('10.213.0.0/16'), subnet('10.213.1.128/25'))).toBe(true);
    expect(subnetsOverlap(subnet('10.213.1.0/24'), subnet('10.213.2.0/24'))).toBe(false);
    expect(subnetsOverlap(subnet('10.213.1.0/24'), subnet('0.0.0.0/0'))).toBe(true);
  });

  it('numbers the host addresses of a subnet and refuses the network and broadcast addresses', () => {
    expect(usableHostCount(subnet('10.213.1.0/24'))).toBe(254);
    expect(hostAddress(subnet('10.213.1.0/24'), 1)).toBe('10.213.1.1');
    expect(hostAddress(subnet('10.213.1.0/24'), 254)).toBe('10.213.1.254');
    expect(() => hostAddress(subnet('10.213.1.0/24'), 255)).toThrow('10.213.1.0/24 has no host number 255: it has 254 host addresses');
    expect(() => hostAddress(subnet('10.213.1.0/24'), 0)).toThrow(/no host number 0/);
  });
});
