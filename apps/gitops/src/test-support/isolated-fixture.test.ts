import { describe, expect, it } from 'vitest';
import type { KubeObject } from '@millwright/platform';
import { isolateFixture } from './isolated-fixture.ts';

const planeLabels = { 'millwright.io/plane': 'it', 'pod-security.kubernetes.io/enforce': 'restricted' };

describe('isolateFixture', () => {
  const objects: KubeObject[] = [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop-floor', labels: { 'millwright.io/plane': 'ot' } } },
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'unlabelled' } },
    { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'gateway', namespace: 'shop-floor' } },
    { apiVersion: 'v1', kind: 'Service', metadata: { name: 'api', namespace: 'apps' } },
  ];
  const isolated = isolateFixture(objects, 'fx3', planeLabels);

  it('gives every namespace the prefix, in Namespace names and in the objects inside them', () => {
    expect(isolated.objects.map((o) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`)).toEqual([
      'Namespace//fx3-shop-floor',
      'Namespace//fx3-unlabelled',
      'Deployment/fx3-shop-floor/gateway',
      'Service/fx3-apps/api',
    ]);
  });

  it('keeps a fixture namespace\'s own plane, and puts one without a plane in the given one, changing nothing else', () => {
    expect(isolated.objects[0]!.metadata.labels).toEqual({ 'millwright.io/plane': 'ot' });
    expect(isolated.objects[1]!.metadata.labels).toEqual({ 'millwright.io/plane': 'it' });
  });

  it('makes the namespaces the fixture only refers to, labelled like the platform\'s', () => {
    expect(isolated.namespaces).toEqual([{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'fx3-apps', labels: planeLabels } }]);
  });

  it('leaves the fixture itself untouched', () => {
    expect(objects[2]!.metadata.namespace).toBe('shop-floor');
  });
});
