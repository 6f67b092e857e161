import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from './test-support/run-cli.ts';

/** A plain-object config (no import), so the file loads from any directory. */
function configSource(overrides: Record<string, unknown>): string {
  const base = {
    domain: 'factory.example.com',
    git: { repoURL: 'https://github.com/example/millwright.git' },
    topology: 'hybrid',
    clusters: [
      { name: 'edge-1', role: 'edge', arch: 'arm64', argocd: { name: 'edge-1' } },
      { name: 'core', role: 'cloud', argocd: { name: 'core' } },
    ],
  };
  return `export default ${JSON.stringify({ ...base, ...overrides }, null, 2)};\n`;
}

describe('gitops render with a bad config', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'millwright-bad-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const cases: [string, Record<string, unknown>, string, RegExp][] = [
    ['an unknown component', { components: { mlfow: { enabled: true } } }, 'components.mlfow', /Did you mean "mlflow"/],
    ['a misspelt topology', { topology: 'hybird' }, 'topology', /Did you mean "hybrid"/],
    [
      'duplicate cluster names',
      {
        clusters: [
          { name: 'edge-1', role: 'edge', arch: 'arm64', argocd: { name: 'a' } },
          { name: 'edge-1', role: 'cloud', argocd: { name: 'b' } },
        ],
      },
      'clusters[1].name',
      /must be unique/,
    ],
    ['a dependency on a disabled component', { components: { postgres: { enabled: false } } }, 'components.mlflow', /enable it .*or disable mlflow/],
    [
      'an edge cluster without arch',
      {
        clusters: [
          { name: 'edge-1', role: 'edge', argocd: { name: 'a' } },
          { name: 'core', role: 'cloud', argocd: { name: 'b' } },
        ],
      },
      'clusters[0].arch',
      /add arch: "arm64"/,
    ],
  ];

  it.each(cases)('rejects %s: non-zero exit, the field and the fix, nothing written', async (_, overrides, field, fix) => {
    const config = join(root, 'platform.config.mjs');
    writeFileSync(config, configSource(overrides));
    const result = await runCli(['render', '--root', root, '--config', config]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`  ${field}: `);
    expect(result.stderr).toMatch(fix);
    expect(result.stderr).toContain('Nothing was written.');
    expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(readdirSync(root)).toEqual(['platform.config.mjs']);
  });

  it('names a config file that does not exist', async () => {
    const result = await runCli(['render', '--root', root, '--config', join(root, 'nope.ts')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/nope\.ts: no such file/);
  });

  it('names a config without a default export', async () => {
    const config = join(root, 'empty.mjs');
    writeFileSync(config, 'export const x = 1;\n');
    const result = await runCli(['render', '--root', root, '--config', config]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/has no default export/);
  });

  it('rejects an unknown command with usage and exit code 2', async () => {
    const result = await runCli(['rendr']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/unknown command "rendr"/);
    expect(result.stderr).toMatch(/usage: gitops/);
  });
});
