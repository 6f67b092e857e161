import { describe, expect, it } from 'vitest';
import type { KubeObject } from '@millwright/kube';
import { matchesResources } from './match-resources.ts';
import { resourceName, resourceOf } from './resource-of.ts';

const deployment: KubeObject = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'api', namespace: 'apps', labels: { tier: 'web' } } };
const subject = (object: KubeObject, namespaceLabels: Record<string, string> = { 'kubernetes.io/metadata.name': 'apps' }) => ({
  object,
  resource: resourceOf(object),
  namespaceLabels,
});
const deployments = [{ apiGroups: ['apps'], apiVersions: ['v1'], resources: ['deployments'], operations: ['CREATE' as const] }];

describe('resourceName', () => {
  it.each([
    ['Deployment', 'deployments'],
    ['NetworkPolicy', 'networkpolicies'],
    ['Ingress', 'ingresses'],
    ['PodDisruptionBudget', 'poddisruptionbudgets'],
    ['Application', 'applications'],
    ['Endpoints', 'endpoints'],
    ['Gateway', 'gateways'],
  ])('names %s %s', (kind, resource) => {
    expect(resourceName(kind)).toBe(resource);
  });
});

describe('resourceOf', () => {
  it('splits the group from the version, the core group being empty', () => {
    expect(resourceOf(deployment)).toMatchObject({ group: 'apps', version: 'v1', resource: 'deployments', namespaced: true });
    expect(resourceOf({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'apps' } })).toMatchObject({ group: '', version: 'v1', namespaced: false });
  });
});

describe('matchesResources', () => {
  it('matches by group, version, resource and operation', () => {
    expect(matchesResources({ resourceRules: deployments }, subject(deployment), true)).toBe(true);
    expect(matchesResources({ resourceRules: [{ ...deployments[0]!, resources: ['statefulsets'] }] }, subject(deployment), true)).toBe(false);
    expect(matchesResources({ resourceRules: [{ ...deployments[0]!, operations: ['DELETE'] }] }, subject(deployment), true)).toBe(false);
    expect(matchesResources({ resourceRules: [{ apiGroups: ['*'], apiVersions: ['*'], resources: ['*'], operations: ['*'] }] }, subject(deployment), true)).toBe(true);
  });

  it('requires resource rules of a policy but not of a binding', () => {
    expect(matchesResources({}, subject(deployment), true)).toBe(false);
    expect(matchesResources({}, subject(deployment), false)).toBe(true);
  });

  it('honours exclusions, resource names and scope', () => {
    expect(matchesResources({ resourceRules: deployments, excludeResourceRules: deployments }, subject(deployment), true)).toBe(false);
    expect(matchesResources({ resourceRules: [{ ...deployments[0]!, resourceNames: ['ui'] }] }, subject(deployment), true)).toBe(false);
    expect(matchesResources({ resourceRules: [{ ...deployments[0]!, scope: 'Cluster' }] }, subject(deployment), true)).toBe(false);
  });

  it('selects namespaced objects by their namespace labels and objects by their own', () => {
    const ot = { 'kubernetes.io/metadata.name': 'apps', 'millwright.io/plane': 'ot' };
    const match = { resourceRules: deployments, namespaceSelector: { matchLabels: { 'millwright.io/plane': 'ot' } } };
    expect(matchesResources(match, subject(deployment, ot), true)).toBe(true);
    expect(matchesResources(match, subject(deployment), true)).toBe(false);
    expect(matchesResources({ resourceRules: deployments, objectSelector: { matchLabels: { tier: 'db' } } }, subject(deployment), true)).toBe(false);
  });

  it('applies a namespace selector to a Namespace itself and never skips other cluster-scoped objects', () => {
    const everything = [{ apiGroups: ['*'], apiVersions: ['*'], resources: ['*'], operations: ['CREATE' as const] }];
    const selector = { matchLabels: { 'millwright.io/plane': 'ot' } };
    const namespace: KubeObject = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'it', labels: { 'millwright.io/plane': 'it' } } };
    const role: KubeObject = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'reader' } };
    expect(matchesResources({ resourceRules: everything, namespaceSelector: selector }, subject(namespace, {}), true)).toBe(false);
    expect(matchesResources({ resourceRules: everything, namespaceSelector: selector }, subject(role, {}), true)).toBe(true);
    const system: KubeObject = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'kube-system' } };
    const notSystem = { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: ['kube-system'] }] };
    expect(matchesResources({ namespaceSelector: notSystem }, subject(system, {}), false)).toBe(false);
  });
});
