import { describe, expect, it } from 'vitest';
import { belongsToLab, defaultLabPrefix, hostVethName, labPrefixProblem, maxInterfaceNameBytes, maxPodsPerLab, podNamespaceName, siteBridgeName } from './lab-names.ts';
import { defaultLabSites, LabPlanError, planLab, planPod } from './lab-plan.ts';

describe('lab names', () => {
  it('fit the 15-byte interface name limit for the longest prefix and pod number', () => {
    const longest = 'abcdefgh';
    expect(labPrefixProblem(longest)).toBeUndefined();
    expect(Buffer.byteLength(hostVethName(longest, maxPodsPerLab))).toBeLessThanOrEqual(maxInterfaceNameBytes);
    expect(Buffer.byteLength(siteBridgeName(longest, 99))).toBeLessThanOrEqual(maxInterfaceNameBytes);
  });

  it('name a pod namespace after the prefix, the site and the pod', () => {
    expect(podNamespaceName('mwl', 'edge', 'inference-api')).toBe('mwl-edge-inference-api');
  });

  it('belong to a lab only when they start with its prefix and a dash', () => {
    expect(belongsToLab('mwl-br0', 'mwl')).toBe(true);
    expect(belongsToLab('mwlx-br0', 'mwl')).toBe(false);
    expect(belongsToLab('eth0', 'mwl')).toBe(false);
  });

  it('refuse a prefix that is empty, too long or could match other names', () => {
    for (const bad of ['', 'mw-', 'abcdefghi', 'Mwl', '1mw']) expect(labPrefixProblem(bad)).toMatch(/must be 1 to 8 lowercase letters or digits/);
  });
});

describe('planLab', () => {
  it('defaults to prefix mwl with edge on 10.213.1.0/24 and cloud on 10.213.2.0/24', () => {
    expect(defaultLabPrefix).toBe('mwl');
    expect(defaultLabSites).toEqual([
      { name: 'edge', subnet: '10.213.1.0/24' },
      { name: 'cloud', subnet: '10.213.2.0/24' },
    ]);
    const plan = planLab({});
    expect(plan.prefix).toBe('mwl');
    expect(plan.sites.map(({ name, gateway, bridge }) => ({ name, gateway, bridge }))).toEqual([
      { name: 'edge', gateway: '10.213.1.1', bridge: 'mwl-br0' },
      { name: 'cloud', gateway: '10.213.2.1', bridge: 'mwl-br1' },
    ]);
  });

  it('reports every bad option at once', () => {
    const options = {
      prefix: 'MW',
      sites: [
        { name: 'edge', subnet: '10.213.1.0/24' },
        { name: 'edge', subnet: '10.213.1.128/25' },
        { name: 'Cloud', subnet: '10.213.3.1/24' },
        { name: 'tiny', subnet: '10.213.4.0/31' },
      ],
    };
    expect(() => planLab(options)).toThrow(LabPlanError);
    try {
      planLab(options);
    } catch (error) {
      expect((error as LabPlanError).problems).toEqual([
        expect.stringMatching(/^lab prefix "MW" must be/),
        'sites[1].name: "edge" is used by an earlier site; give each site its own name',
        'sites[1].subnet: 10.213.1.128/25 overlaps site "edge" (10.213.1.0/24); sites must not share addresses',
        'sites[2].name: "Cloud" must be 1 to 20 lowercase letters or digits starting with a letter (e.g. "edge")',
        'sites[2].subnet: "10.213.3.1/24" has host bits set: its network is 10.213.3.0/24',
        'sites[3].subnet: 10.213.4.0/31 is too small for a gateway and pods; use /30 or larger (e.g. /24)',
      ]);
    }
  });
});

describe('planPod', () => {
  const lab = planLab({ prefix: 'mwl' });
  const edge = lab.sites[0]!;

  it('gives pods the host addresses after the gateway, and veth names numbered across the lab', () => {
    expect(planPod(lab, edge, 'inference-api', 1, 0)).toEqual({
      site: 'edge',
      name: 'inference-api',
      namespace: 'mwl-edge-inference-api',
      hostVeth: 'mwl-h1',
      address: '10.213.1.2',
      addressWithPrefix: '10.213.1.2/24',
    });
    expect(planPod(lab, edge, 'gateway', 7, 1).address).toBe('10.213.1.3');
  });

  it('refuses a pod name that is not a DNS label, and a full site', () => {
    expect(() => planPod(lab, edge, 'Inference_API', 1, 0)).toThrow('pod name "Inference_API" must be a DNS label');
    const small = planLab({ prefix: 'mwl', sites: [{ name: 'edge', subnet: '10.213.1.0/30' }] });
    expect(planPod(small, small.sites[0]!, 'one', 1, 0).address).toBe('10.213.1.2');
    expect(() => planPod(small, small.sites[0]!, 'two', 2, 1)).toThrow('site "edge" is full: 10.213.1.0/30 has room for 1 pods; give it a larger subnet');
  });
});
