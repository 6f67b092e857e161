import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from './test-support/run-cli.ts';

const config = join(import.meta.dirname, '../../../platform.config.ts');

describe('gitops images', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'millwright-images-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const addApp = (app: string, dockerfile: boolean) => {
    mkdirSync(join(root, 'apps', app), { recursive: true });
    if (dockerfile) writeFileSync(join(root, 'apps', app, 'Dockerfile'), 'FROM scratch\n');
  };

  it('prints an empty JSON array when no app has a Dockerfile', async () => {
    addApp('gitops', false);
    const result = await runCli(['images', '--root', root, '--config', config]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('[]');
  });

  it('lists every app with a Dockerfile, the repository the platform pulls it from, and whether promotion pins it', async () => {
    addApp('inference-api', true);
    addApp('load-test', true);
    addApp('ui', false);
    const result = await runCli(['images', '--root', root, '--config', config]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual([
      { app: 'inference-api', image: 'ghcr.io/millwright-platform/millwright-inference-api', dockerfile: 'apps/inference-api/Dockerfile', promote: true },
      // No component pulls it: built and pushed, never pinned.
      { app: 'load-test', image: 'ghcr.io/millwright-platform/millwright-load-test', dockerfile: 'apps/load-test/Dockerfile', promote: false },
    ]);
  });

  it('prints one line, for $GITHUB_OUTPUT', async () => {
    addApp('inference-api', true);
    addApp('ui', true);
    expect((await runCli(['images', '--root', root, '--config', config])).stdout).not.toContain('\n');
  });
});
