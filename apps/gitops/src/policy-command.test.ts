import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { defineAdmissionPolicy, policies } from '@millwright/policy';
import { CliError } from './cli-error.ts';
import { runPolicy } from './commands/policy.ts';
import { runCli } from './test-support/run-cli.ts';

const repoRoot = join(import.meta.dirname, '../../..');
const config = join(repoRoot, 'platform.config.ts');
const summaryLine = /^(\d+) tests, \1 passed, 0 warnings, 0 failures$/;

describe('gitops policy', () => {
  it('passes the real tree with a line per policy naming the objects it checked, a conftest summary and exit code 0 (npm run policy)', async () => {
    const result = await runCli(['policy', '--config', config]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines.at(-1)).toMatch(summaryLine);
    expect(lines.slice(0, -1)).toEqual(policies.map((p) => expect.stringMatching(new RegExp(`^${p.name} +(Deny|Warn) +\\d+ objects? checked$`))));
  });

  it('prints JSON with --output json', async () => {
    const result = await runCli(['policy', '--config', config, '--output', 'json']);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as { summary: { tests: number; failures: number }; results: { outcome: string }[] };
    expect(report.summary.failures).toBe(0);
    expect(report.results).toHaveLength(report.summary.tests);
    expect(new Set(report.results.map((r) => r.outcome))).toEqual(new Set(['pass']));
  });

  it('prints JUnit XML with --output junit, one testcase per test', async () => {
    const result = await runCli(['policy', '--config', config, '--output', 'junit']);
    expect(result.code).toBe(0);
    expect(result.stdout.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites ')).toBe(true);
    const tests = Number(/<testsuites [^>]*tests="(\d+)"/.exec(result.stdout)?.[1]);
    expect(tests).toBeGreaterThan(0);
    expect(result.stdout.match(/<testcase /g)).toHaveLength(tests);
    expect(result.stdout).not.toContain('<failure');
  });

  it('rejects an unknown output format with exit code 2, naming the formats', async () => {
    const result = await runCli(['policy', '--config', config, '--output', 'yaml']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('--output yaml: unknown format; use one of text, json, junit');
  });

  it('on a failure prints the report on stdout and exits 1 with the summary', async () => {
    const unlabelled = defineAdmissionPolicy({
      name: 'services-say-hello',
      description: 'test',
      resourceRules: [{ apiGroups: [''], apiVersions: ['v1'], resources: ['services'] }],
      validations: [{ expression: 'has(object.metadata.annotations) && "hello" in object.metadata.annotations', message: 'no hello' }],
    });
    const printed: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((text: string) => void printed.push(text));
    try {
      const run = runPolicy({ root: repoRoot, config, dryRun: false, output: 'text' }, [unlabelled]);
      await expect(run).rejects.toBeInstanceOf(CliError);
      await expect(run).rejects.toMatchObject({ exitCode: 1, message: expect.stringMatching(/^policy gate failed: (\d+) tests, 0 passed, 0 warnings, \1 failures$/) });
    } finally {
      log.mockRestore();
    }
    const lines = printed.join('\n').split('\n');
    expect(lines).toContain('FAIL - k8s/ui/overlays/core - Service/millwright-it/ui - services-say-hello - no hello');
    expect(lines.at(-1)).toMatch(/failures$/);
  });
});
