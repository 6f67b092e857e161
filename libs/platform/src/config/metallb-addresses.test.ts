import { describe, expect, it } from 'vitest';
import { allTopologies, sampleConfig, sampleConfigWithOptionals } from '@millwright/platform/testing';
import { catalogue } from '../components/catalogue.ts';
import { resolvePlatform } from './resolve-platform.ts';
import { configRejection } from '../test-support/config-rejection.ts';
import { addressRangeProblem } from './address-range.ts';

const withMetallb = (addresses: unknown) => ({ ...sampleConfig('hybrid'), components: { metallb: { enabled: true, addresses } } });

describe('components.metallb.addresses', () => {
  it('is required for every cluster MetalLB runs on, named in the error', () => {
    const error = configRejection(withMetallb({ core: ['198.51.100.0/28'] }));

    expect(error.issues).toEqual([{ field: 'components.metallb.addresses.edge-1', message: expect.stringContaining('metallb runs on cluster "edge-1"') }]);
  });

  it('is required at all once MetalLB is enabled', () => {
    const error = configRejection({ ...sampleConfig('cloud-only'), components: { metallb: { enabled: true } } });

    expect(error.issues.map((issue) => issue.field)).toEqual(['components.metallb.addresses.core']);
  });

  it('rejects a malformed range at its index, saying what is wrong', () => {
    const error = configRejection(withMetallb({ 'edge-1': ['192.0.2.250-192.0.2.240'], core: ['198.51.100.0/33', 'lan'] }));

    expect(error.issues).toEqual([
      { field: 'components.metallb.addresses.edge-1[0]', message: expect.stringContaining('starts at 192.0.2.250, after its end 192.0.2.240') },
      { field: 'components.metallb.addresses.core[0]', message: expect.stringContaining('/33 is too long a prefix for IPv4') },
      { field: 'components.metallb.addresses.core[1]', message: expect.stringContaining('neither a CIDR nor a first-last range') },
    ]);
  });

  it('rejects a cluster MetalLB does not run on (a misspelt name would leave a cluster without a pool)', () => {
    const error = configRejection(withMetallb({ 'edge-1': ['192.0.2.240-192.0.2.250'], core: ['198.51.100.0/28'], cor: ['198.51.100.0/28'] }));

    expect(error.issues).toEqual([{ field: 'components.metallb.addresses.cor', message: expect.stringContaining('does not run on a cluster named "cor"') }]);
  });

  it('is refused on a component that does not use it', () => {
    const error = configRejection({ ...sampleConfig('cloud-only'), components: { mlflow: { addresses: { core: ['198.51.100.0/28'] } } } });

    expect(error.issues).toEqual([{ field: 'components.mlflow.addresses', message: expect.stringContaining('mlflow does not use addresses') }]);
  });

  it.each(allTopologies)('accepts a pool for each cluster under %s and keeps it by cluster', (topology) => {
    const platform = resolvePlatform(sampleConfigWithOptionals(topology), catalogue);

    expect(Object.keys(platform.components['metallb']?.addresses ?? {}).sort()).toEqual(platform.clusters.map((c) => c.name).sort());
  });
});

describe('addressRangeProblem', () => {
  it.each(['192.168.10.240-192.168.10.250', '192.168.10.0/24', '10.0.0.7/32', 'fc00:f853:ccd:e799::/124', 'fc00::1-fc00::ff'])('accepts %s', (range) => {
    expect(addressRangeProblem(range)).toBeUndefined();
  });

  it.each([
    ['192.168.10.256/24', '"192.168.10.256" is not an IP address'],
    ['192.168.10.240-fc00::1', '"fc00::1" is not an IPv4 address like "192.168.10.240"'],
    ['fc00::ff-fc00::1', 'the range starts at fc00::ff, after its end fc00::1'],
    ['192.168.10.240', 'neither a CIDR nor a first-last range'],
  ])('rejects %s: %s', (range, problem) => {
    expect(addressRangeProblem(range)).toBe(problem);
  });
});
