import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeObject, imageReference, type KubeObject } from '@millwright/platform';
import { allTopologies } from '@millwright/platform/testing';
import { buildSample, podSpecOf, renderedObjects } from '../test-support/rendered-platform.ts';
import { podSpec } from './workload.ts';

const topology = fc.constantFrom(...allTopologies);
const platformName = fc.stringMatching(/^[a-z][a-z0-9-]{0,20}[a-z0-9]$/);

type Labels = Record<string, string>;
const podLabels = (workload: KubeObject): Labels => (workload['spec'] as { template: { metadata: { labels: Labels } } }).template.metadata.labels;
const selects = (selector: Labels, labels: Labels) => Object.entries(selector).every(([key, value]) => labels[key] === value);

describe('labels of rendered objects', () => {
  it('marks every object as part of the platform, whatever its name', () => {
    fc.assert(
      fc.property(topology, platformName, (t, name) => {
        for (const object of buildSample(t, { name }).flatMap(renderedObjects)) {
          expect(object.metadata.labels?.['app.kubernetes.io/part-of'], describeObject(object)).toBe(name);
        }
      }),
      { numRuns: 20 },
    );
  });

  it.each(allTopologies)('names every workload and its pods under %s', (t) => {
    for (const workload of buildSample(t).flatMap(renderedObjects).filter((o) => podSpecOf(o))) {
      expect(workload.metadata.labels?.['app.kubernetes.io/name'], describeObject(workload)).toBe(workload.metadata.name);
      expect(podLabels(workload)['app.kubernetes.io/name'], describeObject(workload)).toBe(workload.metadata.name);
    }
  });

  it.each(allTopologies)('labels every pod with its component, which the NetworkPolicies select on, under %s', (t) => {
    for (const component of buildSample(t)) {
      for (const workload of renderedObjects(component).filter((o) => podSpecOf(o))) {
        expect(podLabels(workload)['millwright.io/component'], describeObject(workload)).toBe(component.definition.name);
      }
    }
  });
});

describe('selectors of rendered objects', () => {
  it.each(allTopologies)('points every Service at the pods of a workload of its component under %s', (t) => {
    for (const component of buildSample(t)) {
      const pods = renderedObjects(component).filter((o) => podSpecOf(o)).map(podLabels);
      for (const svc of renderedObjects(component).filter((o) => o.kind === 'Service')) {
        const selector = (svc['spec'] as { selector: Labels }).selector;
        expect(pods.some((labels) => selects(selector, labels)), describeObject(svc)).toBe(true);
      }
    }
  });

  it.each(allTopologies)('points every PodDisruptionBudget at the pods of its workload under %s', (t) => {
    const objects = buildSample(t).flatMap(renderedObjects);
    for (const budget of objects.filter((o) => o.kind === 'PodDisruptionBudget')) {
      const sameName = (o: KubeObject) => o.metadata.name === budget.metadata.name && o.metadata.namespace === budget.metadata.namespace;
      const workload = objects.find((o) => podSpecOf(o) && sameName(o))!;
      const selector = (budget['spec'] as { selector: { matchLabels: Labels } }).selector.matchLabels;
      expect(selects(selector, podLabels(workload)), describeObject(budget)).toBe(true);
    }
  });
});

describe('podSpec', () => {
  it('runs as uid, gid and fsGroup 10001 unless told otherwise', () => {
    expect(podSpec({ containers: [] }).securityContext).toEqual({ runAsUser: 10001, runAsGroup: 10001, fsGroup: 10001 });
  });

  it('mounts no service-account token by default', () => {
    expect(podSpec({ containers: [] }).automountServiceAccountToken).toBe(false);
  });
});

describe('imageReference', () => {
  it('pulls repository:tag', () => {
    expect(imageReference({ repository: 'docker.io/library/postgres', tag: '17.11-bookworm' })).toBe('docker.io/library/postgres:17.11-bookworm');
  });

  it('appends the digest once CI has pinned one', () => {
    expect(imageReference({ repository: 'ghcr.io/acme/ui', tag: '0.1.0', digest: 'sha256:abc' })).toBe('ghcr.io/acme/ui:0.1.0@sha256:abc');
  });
});
