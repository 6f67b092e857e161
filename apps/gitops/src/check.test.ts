import { appendFileSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from './test-support/run-cli.ts';

const repoRoot = join(import.meta.dirname, '../../..');
const config = join(repoRoot, 'platform.config.ts');

describe('gitops check', () => {
  let root: string;
  beforeEach(async () => {
    root = mkdtempSync(join(tmpdir(), 'millwright-check-'));
    const rendered = await runCli(['render', '--root', root, '--config', config]);
    expect(rendered.code).toBe(0);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('passes on a freshly rendered tree', async () => {
    const result = await runCli(['check', '--root', root, '--config', config]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/up to date/);
  });

  it('fails naming a file that was edited by hand', async () => {
    appendFileSync(join(root, 'k8s/mlflow/base/deployment-mlflow.yaml'), '# tweak\n');
    const result = await runCli(['check', '--root', root, '--config', config]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('k8s/mlflow/base/deployment-mlflow.yaml: differs from a fresh render');
    expect(result.stderr).toContain('run `npm run render`');
  });

  it('fails naming a missing file and an orphaned one', async () => {
    unlinkSync(join(root, 'fleet/gitrepo.yaml'));
    mkdirSync(join(root, 'k8s/retired'), { recursive: true });
    writeFileSync(join(root, 'k8s/retired/fleet.yaml'), 'name: retired\n');
    const result = await runCli(['check', '--root', root, '--config', config]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('fleet/gitrepo.yaml: missing');
    expect(result.stderr).toContain('k8s/retired/fleet.yaml: not produced by the render');
  });

  it('render replaces the generated roots, so an orphan does not survive', async () => {
    writeFileSync(join(root, 'bootstrap/stale.yaml'), 'kind: Stale\n');
    expect((await runCli(['render', '--root', root, '--config', config])).code).toBe(0);
    expect(existsSync(join(root, 'bootstrap/stale.yaml'))).toBe(false);
  });
});

describe('the committed tree', () => {
  it('is byte-for-byte what the generator renders from platform.config.ts', async () => {
    const result = await runCli(['check', '--root', repoRoot, '--config', config]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  it('renders the same bytes twice', async () => {
    const a = mkdtempSync(join(tmpdir(), 'millwright-a-'));
    try {
      expect((await runCli(['render', '--root', a, '--config', config])).code).toBe(0);
      const first = readFileSync(join(a, 'bootstrap/root.yaml'), 'utf8');
      expect((await runCli(['render', '--root', a, '--config', config])).code).toBe(0);
      expect(readFileSync(join(a, 'bootstrap/root.yaml'), 'utf8')).toBe(first);
      expect((await runCli(['check', '--root', a, '--config', config])).code).toBe(0);
    } finally {
      rmSync(a, { recursive: true, force: true });
    }
  });
});
