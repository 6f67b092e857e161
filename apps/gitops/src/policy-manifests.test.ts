import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments, stringify } from 'yaml';

// `policy <file|dir|->...` run for real, as a user runs it: the CLI in a process of its own
// (node --import tsx, which saves npm's start-up), standard input piped in, exit codes read.

const root = join(import.meta.dirname, '../../..');

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function policy(args: readonly string[], input?: string): Run {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'apps/gitops/src/main.ts', 'policy', ...args], { cwd: root, input, encoding: 'utf8', timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The first overlay of a component, whichever clusters platform.config.ts names. */
function overlayOf(component: string): string {
  const overlays = join('k8s', component, 'overlays');
  return join(overlays, readdirSync(join(root, overlays)).sort()[0]!);
}

function kustomize(dir: string): string {
  const built = spawnSync('kubectl', ['kustomize', dir], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  expect(built.status, built.stderr).toBe(0);
  return built.stdout;
}

/** Policy lines of the text output: `<policy>  <mode>  <n> object(s) checked[, ...]`. */
const checkedBy = (stdout: string, policyName: string) => new RegExp(`^${policyName} +Deny +(\\d+) objects? checked`, 'm').exec(stdout)?.[1];

describe('npm run policy -- <file|dir|->', () => {
  const inferenceApi = overlayOf('inference-api');
  let scratch: string;
  let inferenceApiBuild: string;
  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), 'millwright-policy-'));
    inferenceApiBuild = kustomize(inferenceApi);
  });
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it(`passes ${inferenceApi} piped through \`npm run policy -- -\` (exit 0), judged in the platform's OT namespace`, () => {
    const result = spawnSync('npm', ['run', 'policy', '--', '-'], { cwd: root, input: inferenceApiBuild, encoding: 'utf8', timeout: 120_000 });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^(\d+) tests, \1 passed, 0 warnings, 0 failures$/m);
    // The overlay holds neither the Namespace nor its default-deny: both come from the platform's namespaces.
    expect(Number(checkedBy(result.stdout, 'millwright-default-deny-network-policy'))).toBeGreaterThan(0);
    expect(Number(checkedBy(result.stdout, 'millwright-ot-node-selection'))).toBeGreaterThan(0);
  });

  it('gates a directory of manifests recursively and a kustomization directory by building it, in JSON that parses', () => {
    const ui = overlayOf('ui');
    const result = policy(['bootstrap', ui, '--output', 'json']);
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as { summary: { tests: number; failures: number }; results: { file: string; cluster: string }[] };
    expect(report.summary.failures).toBe(0);
    const files = new Set(report.results.map((r) => r.file));
    expect(files).toContain('bootstrap/root.yaml');
    expect([...files].some((file) => file.startsWith('bootstrap/children/'))).toBe(true);
    expect(files).toContain(ui);
    expect(new Set(report.results.map((r) => r.cluster))).toEqual(new Set(['manifests']));
  });

  describe('a manifest with a violation', () => {
    let file: string;
    beforeAll(() => {
      const documents = parseAllDocuments(inferenceApiBuild).map((d) => d.toJS() as { kind: string; spec?: { template: { spec: { containers: { image: string }[] } } } });
      const deployment = documents.find((d) => d.kind === 'Deployment')!;
      deployment.spec!.template.spec.containers[0]!.image = 'ghcr.io/millwright-platform/millwright-inference-api:latest';
      file = join(scratch, 'inference-api.yaml');
      writeFileSync(file, documents.map((d) => stringify(d)).join('---\n'));
    });

    it('exits 1, naming the file, the object and the rule, with the summary on stderr', () => {
      const result = policy([file]);
      expect(result.code).toBe(1);
      expect(result.stdout.split('\n').filter((line) => line.startsWith('FAIL'))).toEqual([
        `FAIL - ${file} - Deployment/millwright-ot/inference-api - millwright-images-pinned - container(s) inference-api use the mutable tag :latest; pin a version tag`,
      ]);
      expect(result.stdout).toMatch(/^millwright-images-pinned +Deny +1 object checked, 1 failed$/m);
      expect(result.stderr.trim()).toMatch(/^policy gate failed: (\d+) tests, \d+ passed, 0 warnings, 1 failures$/);
    });

    it('exits 1 with JUnit XML on stdout, one testcase per test and the failure in it', () => {
      const result = policy(['--output', 'junit', file]);
      expect(result.code).toBe(1);
      expect(result.stdout.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites ')).toBe(true);
      const tests = Number(/<testsuites [^>]*tests="(\d+)" failures="1"/.exec(result.stdout)?.[1]);
      expect(result.stdout.match(/<testcase /g)).toHaveLength(tests);
      expect(result.stdout.match(/<failure message="container\(s\) inference-api use the mutable tag :latest; pin a version tag" type="millwright-images-pinned">/g)).toHaveLength(1);
    });
  });

  it('exits 2 on YAML that does not parse and on a document that is not an object, naming file, line and column, and tests nothing', () => {
    const broken = join(scratch, 'broken.yaml');
    writeFileSync(broken, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: millwright-it\n    labels: {}\n');
    const notAnObject = join(scratch, 'values.yaml');
    writeFileSync(notAnObject, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n---\nreplicas: 2\n');
    const result = policy([broken, notAnObject]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toEqual([
      'policy gate refused: the input cannot be fully tested; nothing was evaluated',
      `${broken}:5:14: YAML: Nested mappings are not allowed in compact mappings`,
      `${notAnObject}:6: document 2 is not a Kubernetes object: it has no apiVersion, kind, metadata.name`,
      '2 problems found',
    ]);
  });

  it('exits 2 on a path that does not exist, and on an empty standard input (a build that failed upstream)', () => {
    const missing = policy(['k8s/no-such-component/overlays/core']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('k8s/no-such-component/overlays/core: no such file or directory');
    const empty = policy(['-'], '');
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('<stdin>: holds no Kubernetes object, so nothing would be tested; check what produced it');
  });
});
