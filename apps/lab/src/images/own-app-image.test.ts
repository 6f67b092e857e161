import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dockerfileEnv, dockerfileExecForm, ownAppOf, readOwnAppImage } from './own-app-image.ts';

const root = join(import.meta.dirname, '../../../..');

describe('own app images', () => {
  it('names the app of an image from the configured registry, and nothing else', () => {
    expect(ownAppOf('ghcr.io/millwright-platform/millwright-inference-api:0.1.0', 'ghcr.io/millwright-platform')).toBe('inference-api');
    expect(ownAppOf('ghcr.io/millwright-platform/millwright-ui@sha256:abc', 'ghcr.io/millwright-platform/')).toBe('ui');
    expect(ownAppOf('docker.io/library/postgres:17.11-bookworm', 'ghcr.io/millwright-platform')).toBeUndefined();
  });

  it("reads the last stage's ENV, ENTRYPOINT and CMD", () => {
    const dockerfile = 'FROM a AS build\nENV NOT_ME=1\nFROM b\nENV A=1 B="two words"\nENV C=3\nENTRYPOINT ["node", "/app/main.js"]\nCMD ["--help"]\n';
    expect(dockerfileEnv(dockerfile)).toEqual({ A: '1', B: 'two words', C: '3' });
    expect(dockerfileExecForm(dockerfile, 'ENTRYPOINT')).toEqual(['node', '/app/main.js']);
    expect(dockerfileExecForm(dockerfile, 'CMD')).toEqual(['--help']);
  });

  it.each(['inference-api', 'edge-gateway', 'sensor-sim', 'trainer'])('runs %s from the source its image bundles', (app) => {
    const image = readOwnAppImage(root, app);
    expect(image.entry).toMatch(new RegExp(`^apps/${app}/src/[\\w-]+\\.ts$`));
    expect(image.env['NODE_ENV']).toBe('production');
  });

  it('refuses an app without a Dockerfile, naming it', () => {
    expect(() => readOwnAppImage(root, 'no-such-app')).toThrow('there is no apps/no-such-app/Dockerfile');
  });
});
