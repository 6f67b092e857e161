import { describe, expect, it } from 'vitest';
import { hostsFileText, nameTableProblems, resolvConfText, siteDnsRecords } from './name-files.ts';

describe('pod name files', () => {
  it('list localhost, the pod itself and its names grouped by address in the hosts file', () => {
    const text = hostsFileText(
      { name: 'inference-api', address: '10.213.1.2' },
      { 'postgres.platform.svc.cluster.local': '10.213.1.1', postgres: '10.213.1.1', gateway: '10.213.1.3' },
    );
    expect(text).toBe(
      [
        '# The hosts file of pod inference-api, written by the Millwright lab; ip netns exec mounts it over /etc/hosts.',
        '127.0.0.1\tlocalhost',
        '::1\tlocalhost ip6-localhost ip6-loopback',
        '10.213.1.2\tinference-api',
        '10.213.1.3\tgateway',
        '10.213.1.1\tpostgres postgres.platform.svc.cluster.local',
        '',
      ].join('\n'),
    );
  });

  it("point resolv.conf at the site's DNS server", () => {
    expect(resolvConfText('10.213.1.1')).toMatch(/^nameserver 10\.213\.1\.1$/m);
  });

  it('refuse names that are not host names and addresses that are not IPv4', () => {
    expect(nameTableProblems({ 'ok.name': '10.0.0.1', 'bad name': '10.0.0.1', worse: 'localhost' })).toEqual([
      'names: "bad name" is not a host name (letters, digits, "-" and ".")',
      'names: "worse" maps to "localhost", which is not an IPv4 address',
    ]);
  });

  it("merge a site's pods into lowercase DNS records and report a name given two addresses", () => {
    const { records, conflicts } = siteDnsRecords([
      { name: 'inference-api', address: '10.213.1.2', names: { Postgres: '10.213.1.1' } },
      { name: 'gateway', address: '10.213.1.3', names: { postgres: '10.213.1.9' } },
    ]);
    expect(records).toEqual({ 'inference-api': '10.213.1.2', postgres: '10.213.1.1', gateway: '10.213.1.3' });
    expect(conflicts).toEqual(['name "postgres" is 10.213.1.9 for pod gateway but 10.213.1.1 for pod inference-api; a site\'s DNS answers one address per name']);
  });
});
