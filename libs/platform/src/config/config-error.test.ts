import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatIssues, PlatformConfigError } from '@millwright/platform';
import { sampleConfig } from '@millwright/platform/testing';
import { configRejection } from '../test-support/config-rejection.ts';

describe('PlatformConfigError', () => {
  it('reports two schema mistakes as two issues at once', () => {
    const error = configRejection({ ...sampleConfig('hybrid'), images: { tag: 'latest' }, topology: 'hybird' });

    expect(error.issues.map((issue) => issue.field).sort()).toEqual(['images.tag', 'topology']);
  });

  it('reports two consistency mistakes as two issues at once', () => {
    const error = configRejection({
      ...sampleConfig('edge-only'),
      clusters: [{ name: 'press-line', role: 'edge' }],
      components: { mlfow: {} },
    });

    expect(error.issues.map((issue) => issue.field)).toEqual(['clusters[0].arch', 'components.mlfow']);
  });

  it("reports a schema mistake and a consistency mistake together, as the README's example shows", () => {
    const error = configRejection({
      ...sampleConfig('hybrid'),
      topology: 'hybird',
      clusters: [{ name: 'edge-line-1', role: 'edge', argocd: { name: 'edge-line-1' } }, sampleConfig('hybrid').clusters[1]],
    });

    expect(error.message).toBe(
      [
        'platform.config.ts: 2 problems',
        '  topology: "hybird" is not valid: must be one of "edge-only", "hybrid", "cloud-only". Did you mean "hybrid"?',
        '  clusters[0].arch: edge cluster "edge-line-1" needs its CPU architecture: add arch: "arm64" (e.g. Raspberry Pi 4) or arch: "amd64".',
      ].join('\n'),
    );
  });

  it('reports a bad domain beside every cluster and component problem, all at once', () => {
    const config = sampleConfig('hybrid');
    const error = configRejection({
      ...config,
      domain: 'factory',
      clusters: [{ ...config.clusters[0], arch: undefined }, { ...config.clusters[1], argocd: {} }],
      components: { mlfow: {}, ui: { storage: '5Gi' } },
    });

    expect(error.issues.map((issue) => issue.field)).toEqual(['domain', 'clusters[0].arch', 'clusters[1].argocd', 'components.mlfow', 'components.ui.storage']);
  });

  it('checks the clusters that parse even when another cluster does not', () => {
    const config = sampleConfig('hybrid');
    const error = configRejection({ ...config, clusters: [{ ...config.clusters[0], arch: undefined }, { ...config.clusters[1], role: 'clod' }] });

    expect(error.issues.map((issue) => issue.field)).toEqual(['clusters[1].role', 'clusters[0].arch']);
  });

  it('opens its message with the source file and the number of problems', () => {
    const error = configRejection({ ...sampleConfig('hybrid'), images: { tag: 'latest' }, topology: 'hybird' });

    expect(error.message.split('\n')[0]).toBe('platform.config.ts: 2 problems');
  });

  it('lists every issue as a "field: message" line of its message', () => {
    const error = configRejection({ ...sampleConfig('hybrid'), images: { tag: 'latest' }, topology: 'hybird' });

    expect(error.message.split('\n').slice(1)).toEqual(error.issues.map((issue) => `  ${issue.field}: ${issue.message}`));
  });

  it('is named PlatformConfigError so a CLI can tell it from a crash', () => {
    expect(configRejection({}).name).toBe('PlatformConfigError');
  });

  it('says "1 problem" for a single issue', () => {
    expect(formatIssues('platform.config.ts', [{ field: 'domain', message: 'is required' }])).toBe(
      'platform.config.ts: 1 problem\n  domain: is required',
    );
  });

  it('formats any list of issues as a count line and one line per issue', () => {
    const issue = fc.record({ field: fc.string(), message: fc.string() });
    fc.assert(
      fc.property(fc.array(issue, { minLength: 2 }), (issues) => {
        const message = new PlatformConfigError('cfg.ts', issues).message;
        const lines = issues.map((i) => `  ${i.field}: ${i.message}`);
        expect(message).toBe([`cfg.ts: ${issues.length} problems`, ...lines].join('\n'));
      }),
    );
  });
});
