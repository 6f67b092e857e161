import { describe, expect, it } from 'vitest';
import { planes, type KubeObject } from '@millwright/platform';
import { buildSample, componentNamed } from '../test-support/rendered-platform.ts';

const objects = componentNamed(buildSample('hybrid'), 'namespaces').objects;
const planeNamespaces = planes.map((plane) => `millwright-${plane}`);
const policiesNamed = (name: string): KubeObject[] => objects.filter((o) => o.kind === 'NetworkPolicy' && o.metadata.name === name);

describe('the namespaces component', () => {
  it('renders one namespace per plane, and the host-agents namespace of node-exporter', () => {
    expect(objects.filter((o) => o.kind === 'Namespace').map((o) => o.metadata.name)).toEqual([...planeNamespaces, 'millwright-host-agents']);
  });

  it('enforces, warns and audits Pod Security "restricted" in every plane namespace', () => {
    for (const namespace of objects.filter((o) => o.kind === 'Namespace' && planeNamespaces.includes(o.metadata.name))) {
      expect(namespace.metadata.labels, namespace.metadata.name).toMatchObject({
        'pod-security.kubernetes.io/enforce': 'restricted',
        'pod-security.kubernetes.io/warn': 'restricted',
        'pod-security.kubernetes.io/audit': 'restricted',
      });
    }
  });

  it('lets only the host-agents namespace admit privileged pods, and audits them against "restricted"', () => {
    const hostAgents = objects.find((o) => o.kind === 'Namespace' && o.metadata.name === 'millwright-host-agents')!;
    expect(hostAgents.metadata.labels).toMatchObject({
      'pod-security.kubernetes.io/enforce': 'privileged',
      'pod-security.kubernetes.io/audit': 'restricted',
    });
  });

  it('renders no host-agents namespace when no monitoring stack is deployed', () => {
    const off = { components: { 'kube-prometheus-stack': { enabled: false }, 'prometheus-agent': { enabled: false } } };
    const without = componentNamed(buildSample('hybrid', off), 'namespaces').objects;
    expect(without.filter((o) => o.kind === 'Namespace').map((o) => o.metadata.name)).toEqual(planeNamespaces);
  });

  it('renders a default-deny policy in every plane namespace and the host-agents one', () => {
    expect(policiesNamed('default-deny').map((o) => o.metadata.namespace)).toEqual([...planeNamespaces, 'millwright-host-agents']);
  });

  it('denies all ingress and egress of every pod by default', () => {
    for (const policy of policiesNamed('default-deny')) {
      expect(policy['spec'], policy.metadata.namespace).toEqual({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
    }
  });

  it('renders an allow-dns policy in every plane namespace', () => {
    expect(policiesNamed('allow-dns').map((o) => o.metadata.namespace)).toEqual(planeNamespaces);
  });

  it('lets every pod reach kube-dns on port 53 over UDP and TCP, and nothing else', () => {
    for (const policy of policiesNamed('allow-dns')) {
      expect(policy['spec'], policy.metadata.namespace).toEqual({
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [
          {
            to: [
              {
                namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } },
                podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
              },
            ],
            ports: [
              { protocol: 'UDP', port: 53 },
              { protocol: 'TCP', port: 53 },
            ],
          },
        ],
      });
    }
  });
});
