import { describe, expect, it } from 'vitest';
import { catalogue, configDefaults, inClusterServer, resolvePlatform, type ComponentDefinition } from '@millwright/platform';

/** The least a user must write: everything else has a default. */
const minimal = {
  domain: 'factory.example.com',
  git: { repoURL: 'https://github.com/example/millwright.git' },
  topology: 'cloud-only',
  clusters: [{ name: 'core', role: 'cloud' }],
};

describe('configDefaults', () => {
  it('names the platform "millwright" by default', () => {
    expect(resolvePlatform(minimal, catalogue).name).toBe('millwright');
  });

  it('tracks the "main" revision by default', () => {
    expect(resolvePlatform(minimal, catalogue).git.revision).toBe('main');
  });

  it('pulls the platform images from ghcr.io/millwright-platform at 0.1.0 by default', () => {
    expect(resolvePlatform(minimal, catalogue).images).toEqual({ registry: 'ghcr.io/millwright-platform', tag: '0.1.0' });
  });

  it('gives a cloud cluster without arch the amd64 architecture', () => {
    expect(resolvePlatform(minimal, catalogue).clusters[0]?.arch).toBe('amd64');
  });

  it('points a single cluster without destination at the in-cluster Argo CD server', () => {
    expect(resolvePlatform(minimal, catalogue).clusters[0]?.destination).toEqual({ server: 'https://kubernetes.default.svc' });
  });

  it('gives a cluster no extra labels and no extra node selector by default', () => {
    const [cluster] = resolvePlatform(minimal, catalogue).clusters;

    expect({ labels: cluster?.labels, nodeSelector: cluster?.nodeSelector }).toEqual({ labels: {}, nodeSelector: {} });
  });

  it('enables every core component by default, and no optional one', () => {
    const components = resolvePlatform(minimal, catalogue).components;
    const off = Object.keys(components).filter((name) => !components[name]!.enabled);

    expect(off.sort()).toEqual(['jupyter', 'metallb', 'seldon-core']);
    expect(catalogue.filter((c) => c.optional).map((c) => c.name).sort()).toEqual(off.sort());
  });

  it('leaves an optional component off until the config enables it', () => {
    const ui = catalogue.find((component) => component.name === 'ui')!;
    const withOptional: ComponentDefinition[] = [...catalogue, { ...ui, name: 'grafana', optional: true }];

    expect(resolvePlatform(minimal, withOptional).components['grafana']).toEqual({ enabled: false });
  });

  it('turns an optional component on when the config enables it', () => {
    const ui = catalogue.find((component) => component.name === 'ui')!;
    const withOptional: ComponentDefinition[] = [...catalogue, { ...ui, name: 'grafana', optional: true }];
    const config = { ...minimal, components: { grafana: { enabled: true } } };

    expect(resolvePlatform(config, withOptional).components['grafana']).toEqual({ enabled: true });
  });

  it('keeps the documented values, so docs and code cannot drift apart', () => {
    expect({ ...configDefaults, inClusterServer }).toEqual({
      name: 'millwright',
      revision: 'main',
      registry: 'ghcr.io/millwright-platform',
      tag: '0.1.0',
      cloudArch: 'amd64',
      admission: 'Deny',
      inClusterServer: 'https://kubernetes.default.svc',
    });
  });
});
