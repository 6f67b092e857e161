import { describe, expect, it } from 'vitest';
import { objectFileName } from '@millwright/manifests';

describe('objectFileName', () => {
  it('names a file by the lower-case kind and the name', () => {
    expect(objectFileName({ kind: 'Deployment', metadata: { name: 'mlflow', namespace: 'millwright-it' } }, 'millwright-it')).toBe(
      'deployment-mlflow.yaml',
    );
  });

  it('adds the namespace when the object lies outside the component namespace', () => {
    expect(objectFileName({ kind: 'NetworkPolicy', metadata: { name: 'default-deny', namespace: 'millwright-ot' } }, 'millwright-governance')).toBe(
      'networkpolicy-millwright-ot-default-deny.yaml',
    );
  });

  it('adds no namespace to a cluster-scoped object or when no component namespace is given', () => {
    expect(objectFileName({ kind: 'Namespace', metadata: { name: 'millwright-ot' } }, 'millwright-governance')).toBe('namespace-millwright-ot.yaml');
    expect(objectFileName({ kind: 'Service', metadata: { name: 'ui', namespace: 'millwright-it' } })).toBe('service-ui.yaml');
  });
});
