import { describe, expect, it } from 'vitest';
import {
  buildPlatform,
  catalogue,
  formatImagePins,
  imageReference,
  ownApps,
  ownImage,
  parseImageReference,
  pinImage,
  PlatformConfigError,
  resolveImagePins,
  resolvePlatform,
} from '@millwright/platform';
import { sampleConfig } from '@millwright/platform/testing';
import { componentNamed } from '../test-support/rendered-platform.ts';

const digest = `sha256:${'ab12'.repeat(16)}`;
const otherDigest = `sha256:${'cd34'.repeat(16)}`;
const platform = resolvePlatform(sampleConfig('hybrid'), catalogue);

/** The error `run` throws; fails the test when it throws nothing or something else. */
function rejection(run: () => unknown): PlatformConfigError {
  try {
    run();
  } catch (error) {
    if (error instanceof PlatformConfigError) return error;
    throw error;
  }
  throw new Error('expected a PlatformConfigError');
}

describe('ownApps', () => {
  it("lists the platform's own apps, the images CI builds, and no third-party component", () => {
    const own = ownApps(catalogue);
    expect(own).toEqual(expect.arrayContaining(['edge-gateway', 'inference-api', 'sensor-sim', 'ui']));
    expect(own).toEqual([...own].sort());
    const thirdParty = catalogue.flatMap((c) => Object.entries(c.images).flatMap(([name, image]) => (image === 'own' ? [] : [name])));
    expect(own.filter((app) => thirdParty.includes(app))).toEqual([]);
    expect(own).not.toContain('node-red');
  });
});

describe('resolveImagePins (platform.images.json)', () => {
  it('accepts a pin of an own app and sorts the apps', () => {
    const pins = resolveImagePins({ ui: { tag: 'sha-1a2b3c4', digest }, 'inference-api': { digest: otherDigest, tag: 'sha-1a2b3c4' } }, catalogue);
    expect(Object.keys(pins)).toEqual(['inference-api', 'ui']);
    expect(pins['ui']).toEqual({ tag: 'sha-1a2b3c4', digest });
  });

  it('rejects every bad entry at once, naming the file and the field', () => {
    const error = rejection(() =>
      resolveImagePins(
        {
          'inference-apj': { tag: 'sha-1', digest },
          'node-red': { tag: '4.1.14-22', digest },
          ui: { tag: 'latest', digest: 'sha256:xyz', digets: 'x' },
        },
        catalogue,
      ),
    );
    expect(error.message).toMatch(/^platform\.images\.json: 5 problems/);
    expect(error.issues.map((i) => i.field)).toEqual(['inference-apj', 'node-red', 'ui.digets', 'ui.tag', 'ui.digest']);
    expect(error.issues[0]!.message).toContain('Did you mean "inference-api"?');
    expect(error.issues[1]!.message).toContain('third-party component');
    expect(error.issues[2]!.message).toContain('Did you mean "digest"?');
    expect(error.issues[4]!.message).toContain('64 lower-case hex digits');
  });

  it('rejects a file that is not an object of pins', () => {
    expect(rejection(() => resolveImagePins(['ui'], catalogue)).issues[0]!.field).toBe('(file)');
  });
});

describe('parseImageReference', () => {
  it('reads <tag>@<digest>', () => {
    expect(parseImageReference(`sha-1a2b3c4@${digest}`)).toEqual({ tag: 'sha-1a2b3c4', digest });
  });

  it('reads <repository>:<tag>@<digest>, also on a registry with a port', () => {
    expect(parseImageReference(`ghcr.io/acme/millwright-ui:sha-1@${digest}`)).toEqual({ repository: 'ghcr.io/acme/millwright-ui', tag: 'sha-1', digest });
    expect(parseImageReference(`registry.local:5000/millwright-ui:1.2.3@${digest}`)).toEqual({
      repository: 'registry.local:5000/millwright-ui',
      tag: '1.2.3',
      digest,
    });
  });

  it('rejects a reference without a digest and says the expected form', () => {
    expect(rejection(() => parseImageReference('sha-1a2b3c4')).issues[0]!.message).toContain('<tag>@sha256:<64 hex>');
  });

  it.each([
    ['a short digest', `sha-1@sha256:${'ab'.repeat(10)}`],
    ['an upper-case digest', `sha-1@sha256:${'AB12'.repeat(16)}`],
    ['another algorithm', `sha-1@sha512:${'ab12'.repeat(16)}`],
  ])('rejects %s', (_, reference) => {
    const error = rejection(() => parseImageReference(reference));
    expect(error.issues).toEqual([{ field: 'digest', message: expect.stringContaining('must be sha256: followed by 64 lower-case hex digits') }]);
  });

  it('rejects a missing or mutable tag', () => {
    expect(rejection(() => parseImageReference(`@${digest}`)).issues[0]!.field).toBe('tag');
    expect(rejection(() => parseImageReference(`latest@${digest}`)).issues[0]!.field).toBe('tag');
    expect(rejection(() => parseImageReference(`ghcr.io/acme/millwright-ui@${digest}`)).issues[0]!.field).toBe('tag');
  });
});

describe('pinImage', () => {
  it('pins an own app, keeping the other pins', () => {
    const first = pinImage(platform, catalogue, 'ui', { tag: 'sha-1', digest });
    const second = pinImage({ ...platform, imagePins: first }, catalogue, 'inference-api', { tag: 'sha-2', digest: otherDigest });
    expect(second).toEqual({ 'inference-api': { tag: 'sha-2', digest: otherDigest }, ui: { tag: 'sha-1', digest } });
  });

  it('rejects an unknown app with a suggestion and the list of own apps', () => {
    const error = rejection(() => pinImage(platform, catalogue, 'inference', { tag: 'sha-1', digest }));
    expect(error.issues).toEqual([
      { field: 'inference', message: `is not one of the platform's own apps. Did you mean "inference-api"? Own apps: ${ownApps(catalogue).join(', ')}.` },
    ]);
  });

  it('rejects a third-party component, whose image is pinned in its component file', () => {
    const error = rejection(() => pinImage(platform, catalogue, 'node-red', { tag: 'sha-1', digest }));
    expect(error.issues[0]!.message).toMatch(/^is a third-party component: its image \(docker\.io\/nodered\/node-red:.*\) is pinned in its component definition/);
  });

  it('rejects an image pushed to another repository than the platform pulls from', () => {
    const error = rejection(() => pinImage(platform, catalogue, 'ui', { repository: 'ghcr.io/someone-else/millwright-ui', tag: 'sha-1', digest }));
    expect(error.issues).toEqual([
      {
        field: 'repository',
        message: expect.stringContaining('pushed to ghcr.io/someone-else/millwright-ui, but the platform pulls ui from ghcr.io/millwright-platform/millwright-ui'),
      },
    ]);
  });
});

describe('a promoted app', () => {
  const promoted = { ...platform, imagePins: { 'inference-api': { tag: 'sha-1a2b3c4', digest } } };
  const deploymentOf = (p: typeof platform, app: string) => componentNamed(buildPlatform(p, catalogue), app).objects.find((o) => o.kind === 'Deployment')!;

  it('pulls the pinned tag and digest', () => {
    expect(imageReference(ownImage(promoted, 'inference-api'))).toBe(`ghcr.io/millwright-platform/millwright-inference-api:sha-1a2b3c4@${digest}`);
    const container = (deploymentOf(promoted, 'inference-api')['spec'] as { template: { spec: { containers: { image: string }[] } } }).template.spec.containers[0]!;
    expect(container.image).toBe(`ghcr.io/millwright-platform/millwright-inference-api:sha-1a2b3c4@${digest}`);
  });

  it('carries millwright.io/promoted: "true", so the gate requires its digest', () => {
    expect(deploymentOf(promoted, 'inference-api').metadata.annotations).toEqual({ 'millwright.io/promoted': 'true' });
  });

  it('leaves the other apps on images.tag, unannotated', () => {
    expect(imageReference(ownImage(promoted, 'ui'))).toBe('ghcr.io/millwright-platform/millwright-ui:0.1.0');
    expect(deploymentOf(promoted, 'ui').metadata.annotations).toBeUndefined();
  });
});

describe('formatImagePins', () => {
  it('writes sorted apps, tag before digest, two-space indent and a trailing newline', () => {
    const text = formatImagePins({ ui: { digest, tag: 'sha-1' } as never, 'edge-gateway': { tag: 'sha-2', digest: otherDigest } });
    expect(text).toBe(
      `{\n  "edge-gateway": {\n    "tag": "sha-2",\n    "digest": "${otherDigest}"\n  },\n  "ui": {\n    "tag": "sha-1",\n    "digest": "${digest}"\n  }\n}\n`,
    );
  });
});
