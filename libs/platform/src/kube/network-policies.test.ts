import { describe, expect, it } from 'vitest';
import type { INetworkPolicyEgressRule, INetworkPolicyIngressRule } from 'kubernetes-models/networking.k8s.io/v1';
import { catalogue, type KubeObject } from '@millwright/platform';
import { buildSample, componentNamed } from '../test-support/rendered-platform.ts';

function ingressRules(policy: KubeObject | undefined): INetworkPolicyIngressRule[] {
  return (policy?.['spec'] as { ingress: INetworkPolicyIngressRule[] }).ingress;
}

function egressRules(policy: KubeObject | undefined): INetworkPolicyEgressRule[] {
  return (policy?.['spec'] as { egress: INetworkPolicyEgressRule[] }).egress;
}

/** The components a rule admits, by their `millwright.io/component` pod selector. */
function admitted(rule: INetworkPolicyIngressRule | undefined): (string | undefined)[] {
  return (rule?.from ?? []).map((peer) => peer.podSelector?.matchLabels?.['millwright.io/component']);
}

const ingressPolicyOf = (built: ReturnType<typeof buildSample>, name: string) =>
  componentNamed(built, name).objects.find((o) => o.kind === 'NetworkPolicy' && o.metadata.name === `${name}-ingress`);

describe('the ingress NetworkPolicy', () => {
  const hybrid = buildSample('hybrid');
  const postgres = ingressPolicyOf(hybrid, 'postgres');

  it('admits to postgres exactly the components that declare a flow to it', () => {
    const declared = catalogue.filter((c) => c.flows.some((f) => f.to === 'postgres' && f.port === 'postgres')).map((c) => c.name);

    expect(admitted(ingressRules(postgres)[0])).toEqual(declared);
  });

  it('admits to postgres mlflow and the apps, co-located or not', () => {
    expect(admitted(ingressRules(postgres)[0])).toEqual(['mlflow', 'inference-api', 'edge-gateway', 'airflow', 'pipelines']);
  });

  it('opens only port 5432 of postgres', () => {
    expect(ingressRules(postgres).map((rule) => rule.ports)).toEqual([[{ protocol: 'TCP', port: 5432 }]]);
  });

  it("selects each client by its plane's namespace", () => {
    const peer = ingressRules(postgres)[0]?.from?.find((p) => p.podSelector?.matchLabels?.['millwright.io/component'] === 'inference-api');

    expect(peer?.namespaceSelector).toEqual({ matchLabels: { 'kubernetes.io/metadata.name': 'millwright-ot' } });
  });

  it('applies to the pods of its component only', () => {
    expect(postgres?.['spec']).toMatchObject({ podSelector: { matchLabels: { 'millwright.io/component': 'postgres' } }, policyTypes: ['Ingress'] });
  });

  it('no longer admits a client the config disables', () => {
    const policy = ingressPolicyOf(buildSample('hybrid', { components: { 'edge-gateway': { enabled: false } } }), 'postgres');

    expect(admitted(ingressRules(policy)[0])).toEqual(['mlflow', 'inference-api', 'airflow', 'pipelines']);
  });

  it('is not rendered for a component that no other component connects to', () => {
    expect(ingressPolicyOf(hybrid, 'node-red')).toBeUndefined();
  });
});

describe('the egress NetworkPolicy', () => {
  const egressOf = (built: ReturnType<typeof buildSample>, name: string, cluster: string) => componentNamed(built, name).clusterObjects[cluster]?.[0];

  it('reaches postgres on another cluster through port 443 at any address', () => {
    const rules = egressRules(egressOf(buildSample('hybrid'), 'edge-gateway', 'edge-1'));

    expect(rules[0]).toEqual({ to: [{ ipBlock: { cidr: '0.0.0.0/0' } }], ports: [{ protocol: 'TCP', port: 443 }] });
  });

  it('reaches a target on the same cluster by pod selector on its own port', () => {
    const rules = egressRules(egressOf(buildSample('hybrid'), 'edge-gateway', 'edge-1'));

    expect(rules[1]).toEqual({
      to: [
        {
          namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'millwright-ot' } },
          podSelector: { matchLabels: { 'millwright.io/component': 'inference-api' } },
        },
      ],
      ports: [{ protocol: 'TCP', port: 8080 }],
    });
  });

  it('reaches postgres by pod selector on 5432 when both run in the cloud', () => {
    const rules = egressRules(egressOf(buildSample('cloud-only'), 'edge-gateway', 'core'));

    expect(rules[0]?.ports).toEqual([{ protocol: 'TCP', port: 5432 }]);
  });

  it('leaves out flows to a component that is not deployed', () => {
    const rules = egressRules(egressOf(buildSample('edge-only'), 'inference-api', 'edge-1'));
    const targets = rules.flatMap((rule) => rule.to ?? []).map((peer) => peer.podSelector?.matchLabels?.['millwright.io/component']);

    expect(targets).not.toContain('redis-cloud');
  });

  it('is not rendered for a component without flows (the UI outside hybrid)', () => {
    expect(componentNamed(buildSample('cloud-only'), 'ui').clusterObjects).toEqual({ core: [] });
  });
});
