import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './test-support/run-cli.ts';
import { listGeneratedFiles } from './tree-writer.ts';

const repoRoot = join(import.meta.dirname, '../../..');
const config = join(repoRoot, 'platform.config.ts');
const digest = `sha256:${'0123456789abcdef'.repeat(4)}`;
const reference = `sha-1a2b3c4@${digest}`;

/** Every generated file under `root` with its content, and the pins file if any. */
function snapshot(root: string): Map<string, string> {
  const files = new Map(listGeneratedFiles(root).map((path) => [path, readFileSync(join(root, path), 'utf8')]));
  const pins = join(root, 'platform.images.json');
  if (existsSync(pins)) files.set('platform.images.json', readFileSync(pins, 'utf8'));
  return files;
}

/** Paths added, removed or changed between two snapshots. */
function changedPaths(before: Map<string, string>, after: Map<string, string>): string[] {
  const paths = new Set([...before.keys(), ...after.keys()]);
  return [...paths].filter((path) => before.get(path) !== after.get(path)).sort();
}

describe('gitops set-image', () => {
  let rendered: string;
  const roots: string[] = [];
  /** A fresh copy of the rendered tree to change. */
  const copy = () => {
    const root = mkdtempSync(join(tmpdir(), 'millwright-set-image-'));
    roots.push(root);
    cpSync(rendered, root, { recursive: true });
    return root;
  };
  const setImage = (root: string, ...args: string[]) => runCli(['set-image', ...args, '--root', root, '--config', config]);

  beforeAll(async () => {
    rendered = mkdtempSync(join(tmpdir(), 'millwright-rendered-'));
    roots.push(rendered);
    expect((await runCli(['render', '--root', rendered, '--config', config])).code).toBe(0);
  });
  afterAll(() => roots.forEach((root) => rmSync(root, { recursive: true, force: true })));

  describe('pinning inference-api', () => {
    let root: string;
    let before: Map<string, string>;
    let result: Awaited<ReturnType<typeof runCli>>;
    beforeAll(async () => {
      root = copy();
      before = snapshot(root);
      result = await setImage(root, 'inference-api', reference);
    });

    it('succeeds and says what it pinned', () => {
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(result.stdout).toContain(`inference-api pinned to ghcr.io/millwright-platform/millwright-inference-api:sha-1a2b3c4@${digest}`);
    });

    it("changes only the app's own bundle and the pins file", () => {
      const changed = changedPaths(before, snapshot(root));
      expect(changed).toContain('platform.images.json');
      expect(changed).toContain('k8s/inference-api/base/deployment-inference-api.yaml');
      expect(changed.filter((path) => path !== 'platform.images.json' && !path.startsWith('k8s/inference-api/'))).toEqual([]);
    });

    it('writes the pin into platform.images.json', () => {
      expect(JSON.parse(readFileSync(join(root, 'platform.images.json'), 'utf8'))).toEqual({ 'inference-api': { tag: 'sha-1a2b3c4', digest } });
    });

    it('pins the digest in the workload and marks it promoted', () => {
      const deployment = readFileSync(join(root, 'k8s/inference-api/base/deployment-inference-api.yaml'), 'utf8');
      expect(deployment).toContain(`image: ghcr.io/millwright-platform/millwright-inference-api:sha-1a2b3c4@${digest}`);
      expect(deployment).toContain('millwright.io/promoted: "true"');
    });

    it('keeps the drift check green', async () => {
      const check = await runCli(['check', '--root', root, '--config', config]);
      expect(check.stderr).toBe('');
      expect(check.code).toBe(0);
    });

    it('passes the policy gate', async () => {
      const gate = await runCli(['policy', '--root', root, '--config', config]);
      expect(gate.code).toBe(0);
      expect(gate.stdout.split('\n').at(-1)).toMatch(/ 0 failures$/);
    });

    it('is the same pin as --tag and --digest give', async () => {
      const other = copy();
      expect((await setImage(other, 'inference-api', '--tag', 'sha-1a2b3c4', '--digest', digest)).code).toBe(0);
      expect(changedPaths(snapshot(root), snapshot(other))).toEqual([]);
    });
  });

  it('accepts the full reference CI pushed, when the repository is the one the platform pulls', async () => {
    const root = copy();
    const result = await setImage(root, 'ui', `ghcr.io/millwright-platform/millwright-ui:sha-1a2b3c4@${digest}`);
    expect(result.code).toBe(0);
    expect(changedPaths(snapshot(rendered), snapshot(root)).every((p) => p === 'platform.images.json' || p.startsWith('k8s/ui/'))).toBe(true);
  });

  it('lists the changes but writes nothing with --dry-run', async () => {
    const root = copy();
    const result = await setImage(root, 'sensor-sim', reference, '--dry-run');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('k8s/sensor-sim/base/deployment-sensor-sim.yaml');
    expect(changedPaths(snapshot(rendered), snapshot(root))).toEqual([]);
  });

  describe('refuses, exits non-zero and writes nothing', () => {
    it.each([
      ['a malformed digest', ['inference-api', 'sha-1a2b3c4@sha256:1234'], 1, '"sha256:1234" is not an image digest: it must be sha256: followed by 64 lower-case hex digits'],
      ['a reference without a digest', ['inference-api', 'sha-1a2b3c4'], 1, 'has no digest: give <tag>@sha256:<64 hex>'],
      ['an unknown app', ['inference', reference], 1, 'inference: is not one of the platform\'s own apps. Did you mean "inference-api"?'],
      ['a third-party component', ['node-red', reference], 1, 'node-red: is a third-party component'],
      ['another repository', ['ui', `ghcr.io/elsewhere/millwright-ui:sha-1@${digest}`], 1, 'pushed to ghcr.io/elsewhere/millwright-ui, but the platform pulls ui from'],
      ['no app', [], 2, 'set-image: which app?'],
      ['a tag without a digest', ['ui', '--tag', 'sha-1'], 2, 'missing the image digest'],
      ['both forms at once', ['ui', reference, '--digest', digest], 2, 'not both'],
      ['an extra argument', ['ui', reference, 'extra'], 2, 'unexpected argument "extra"'],
    ])('%s', async (_, args, code, message) => {
      const root = copy();
      const result = await setImage(root, ...args);
      expect(result.code).toBe(code);
      expect(result.stderr).toContain(message);
      expect(changedPaths(snapshot(rendered), snapshot(root))).toEqual([]);
    });
  });

  it('makes every command refuse a pins file that is not JSON, naming it', async () => {
    const root = copy();
    writeFileSync(join(root, 'platform.images.json'), '{ "ui": ');
    const result = await runCli(['check', '--root', root, '--config', config]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^platform\.images\.json: is not valid JSON/);
  });

  it('makes every command refuse a pins file with a bad pin, naming the field', async () => {
    const root = copy();
    writeFileSync(join(root, 'platform.images.json'), JSON.stringify({ ui: { tag: 'sha-1', digest: 'sha256:0' } }));
    const result = await runCli(['render', '--root', root, '--config', config]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('platform.images.json: 1 problem\n  ui.digest: "sha256:0" is not an image digest');
    expect(result.stderr).toContain('Nothing was written.');
  });
});
