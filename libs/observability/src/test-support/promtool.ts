import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemProgram } from '@millwright/test-servers';
import { stringify } from 'yaml';

/** What promtool printed and how it exited. */
export interface PromtoolResult {
  readonly status: number | null;
  readonly output: string;
}

/**
 * Runs `promtool <args>` in a fresh temporary directory holding `files` (name to YAML-able
 * data), then removes the directory. promtool comes from Debian's `prometheus` package
 * (tools/system-prereqs.mjs installs it for the tests).
 */
export function runPromtool(args: readonly string[], files: Readonly<Record<string, unknown>>): PromtoolResult {
  const dir = mkdtempSync(join(tmpdir(), 'millwright-promtool-'));
  try {
    for (const [name, data] of Object.entries(files)) writeFileSync(join(dir, name), stringify(data, { lineWidth: 0 }));
    const result = spawnSync(systemProgram('promtool'), [...args], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
    if (result.error) throw new Error(`could not run promtool (apt-get install prometheus): ${result.error.message}`);
    return { status: result.status, output: `${result.stdout}${result.stderr}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `promtool check rules` on one rule file (`{groups: [...]}`). */
export function checkRules(ruleFile: unknown): PromtoolResult {
  return runPromtool(['check', 'rules', 'rules.yaml'], { 'rules.yaml': ruleFile });
}

/** `promtool test rules` of a rule file against unit tests (the `tests:` list of a test file). */
export function testRules(ruleFile: unknown, tests: readonly unknown[]): PromtoolResult {
  const testFile = { rule_files: ['rules.yaml'], evaluation_interval: '1m', tests };
  return runPromtool(['test', 'rules', 'tests.yaml'], { 'rules.yaml': ruleFile, 'tests.yaml': testFile });
}
