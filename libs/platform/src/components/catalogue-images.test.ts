import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeObject } from '@millwright/platform';
import { allTopologies } from '@millwright/platform/testing';
import { buildSample, containersOf, renderedObjects } from '../test-support/rendered-platform.ts';

/** The tag of an image reference: after the last `:` of its last path segment, before any digest. */
const tagOf = (image: string) => image.split('@')[0]!.split('/').pop()!.split(':')[1];

const anyTag = fc.stringMatching(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,20}$/).filter((tag) => tag !== 'latest');

describe('images of rendered containers', () => {
  it.each(allTopologies)('pins every image to a tag other than latest under %s', (topology) => {
    for (const object of buildSample(topology).flatMap(renderedObjects)) {
      for (const container of containersOf(object)) {
        const tag = tagOf(container.image ?? '');
        expect(tag && tag !== 'latest', `${describeObject(object)} ${container.name}: ${container.image}`).toBe(true);
      }
    }
  });

  it('pins our own images to the configured tag, whatever it is', () => {
    fc.assert(
      fc.property(fc.constantFrom(...allTopologies), anyTag, (topology, tag) => {
        const own = buildSample(topology, { images: { tag } })
          .flatMap(renderedObjects)
          .flatMap(containersOf)
          .filter((c) => c.image?.startsWith('ghcr.io/millwright-platform/'));
        expect(own.length).toBeGreaterThan(0);
        expect(new Set(own.map((c) => tagOf(c.image!)))).toEqual(new Set([tag]));
      }),
      { numRuns: 20 },
    );
  });

  it.each(allTopologies)('never pulls an image that is already present under %s', (topology) => {
    const policies = buildSample(topology).flatMap(renderedObjects).flatMap(containersOf).map((c) => c.imagePullPolicy);

    expect(new Set(policies)).toEqual(new Set(['IfNotPresent']));
  });
});
