import { describe, expect, it } from 'vitest';
import { catalogue, names, resolvePlatform } from '@millwright/platform';
import { sampleConfig } from '@millwright/platform/testing';
import { renderTree } from '../render-tree.ts';
import { parseYamlFile } from '../validate/validate-tree.ts';
import { renderedNamespace, renderedNamespaces } from './rendered-namespace.ts';

const { files, components } = renderTree(resolvePlatform(sampleConfig('hybrid'), catalogue), catalogue);

describe('renderedNamespaces', () => {
  it('gives every Namespace of the namespaces component with the cluster label its overlay adds', () => {
    const namespaces = renderedNamespaces(components, 'edge-1');
    expect(namespaces.map((n) => n.metadata.name)).toContain('millwright-ot');
    for (const namespace of namespaces) expect(namespace.metadata.labels?.[names.labels.cluster]).toBe('edge-1');
  });

  it('keeps every label the base renders (plane, Pod Security)', () => {
    const base = files.find((f) => f.path === 'k8s/namespaces/base/namespace-millwright-it.yaml')!;
    const rendered = parseYamlFile(base).documents[0] as { metadata: { labels: Record<string, string> } };
    expect(renderedNamespace(components, 'core', 'millwright-it').metadata.labels).toEqual({ ...rendered.metadata.labels, [names.labels.cluster]: 'core' });
  });

  it('names the cluster and the namespace when the component does not render it there', () => {
    expect(() => renderedNamespace(components, 'core', 'no-such-namespace')).toThrow(
      'cluster core needs Secrets in namespace no-such-namespace, which the namespaces component does not render there',
    );
  });
});
