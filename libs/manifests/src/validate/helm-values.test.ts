import { describe, expect, it } from 'vitest';
import { catalogue, resolvePlatform, type ResolvedComponent } from '@millwright/platform';
import { allTopologies, sampleConfig, sampleConfigWithOptionals } from '@millwright/platform/testing';
import { renderTree, validateHelmValues } from '@millwright/manifests';

const componentsOf = (topology: (typeof allTopologies)[number]) => renderTree(resolvePlatform(sampleConfig(topology), catalogue), catalogue).components;

/** A copy of a component whose values for `cluster` went through `change`. */
function withValues(component: ResolvedComponent, cluster: string, change: (values: Record<string, Record<string, unknown>>) => void): ResolvedComponent {
  const values = structuredClone(component.helmValues![cluster]!) as Record<string, Record<string, unknown>>;
  change(values);
  return { ...component, helmValues: { ...component.helmValues, [cluster]: values } };
}

describe('validateHelmValues', () => {
  it.each(allTopologies)('accepts the values of every chart under %s', (topology) => {
    expect(validateHelmValues(componentsOf(topology))).toEqual([]);
  });

  it.each(allTopologies)('accepts the values of every chart under %s with every optional component on', (topology) => {
    const components = renderTree(resolvePlatform(sampleConfigWithOptionals(topology), catalogue), catalogue).components;
    expect(components.some((c) => c.definition.name === 'seldon-core')).toBe(true);
    expect(validateHelmValues(components)).toEqual([]);
  });

  const stack = componentsOf('hybrid').find((c) => c.definition.name === 'kube-prometheus-stack')!;

  it('reports a misspelt key, which the chart would silently ignore, with its path and the bundle it belongs to', () => {
    const typo = withValues(stack, 'core', (values) => {
      const spec = (values['prometheus'] as { prometheusSpec: Record<string, unknown> }).prometheusSpec;
      spec['serviceMonitorSelectorNilUsesHelmValue'] = false;
    });
    expect(validateHelmValues([typo])).toEqual([
      {
        file: 'k8s/kube-prometheus-stack/chart/fleet.yaml',
        message: 'kube-prometheus-stack values for core: /prometheus/prometheusSpec: unknown field "serviceMonitorSelectorNilUsesHelmValue"',
      },
    ]);
  });

  it('reports a value of the wrong type', () => {
    const wrong = withValues(stack, 'core', (values) => (values['grafana']!['enabled'] = 'yes'));
    expect(validateHelmValues([wrong]).map((p) => p.message)).toEqual(['kube-prometheus-stack values for core: /grafana/enabled: must be boolean']);
  });

  it('reports a cluster without values', () => {
    const missing = { ...stack, helmValues: {} };
    expect(validateHelmValues([missing])).toEqual([{ file: 'k8s/kube-prometheus-stack/chart/fleet.yaml', message: 'no Helm values for cluster core' }]);
  });
});
