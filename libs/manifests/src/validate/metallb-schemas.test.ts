import { describe, expect, it } from 'vitest';
import { validateMetallbObject } from './metallb-schemas.ts';

const pool: { apiVersion: string; kind: string; metadata: object; spec: object } = {
  apiVersion: 'metallb.io/v1beta1',
  kind: 'IPAddressPool',
  metadata: { name: 'default', namespace: 'millwright-metallb' },
  spec: { addresses: ['192.0.2.240-192.0.2.250'], autoAssign: true },
};

describe('validateMetallbObject', () => {
  it('accepts the address pool we render', () => {
    expect(validateMetallbObject(pool)).toEqual([]);
  });

  it('rejects a misspelt field MetalLB would ignore', () => {
    const misspelt = { ...pool, spec: { adresses: ['192.0.2.0/28'] } };
    expect(validateMetallbObject(misspelt).join('\n')).toMatch(/addresses|adresses/);
  });

  it('rejects an L2Advertisement that names no pool', () => {
    const advertisement = { apiVersion: 'metallb.io/v1beta1', kind: 'L2Advertisement', metadata: pool.metadata, spec: { ipAddressPools: [] } };
    expect(validateMetallbObject(advertisement)).not.toEqual([]);
  });
});
