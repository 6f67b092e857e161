// The summary line CI reads must count tests that never ran because their file failed.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const workspaceRoot = join(import.meta.dirname, '../../..');
const dir = mkdtempSync(join(tmpdir(), 'millwright-summary-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function summaryOf(files: Record<string, string>): string {
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const vitest = join(workspaceRoot, 'node_modules/vitest/vitest.mjs');
  const reporter = join(workspaceRoot, 'tools/summary-reporter.ts');
  const result = spawnSync(process.execPath, [vitest, 'run', '--root', dir, '--reporter', reporter], {
    cwd: dir,
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, CI: 'true' },
  });
  return result.stdout.trim().split('\n').at(-1) ?? '';
}

describe('the summary reporter', () => {
  it('counts the tests of a file whose beforeAll threw as failed, and tests skipped on purpose as skipped', () => {
    const summary = summaryOf({
      'hook.test.ts': `import { beforeAll, it } from 'vitest';\nbeforeAll(() => { throw new Error('server did not start'); });\nit('a', () => {});\nit('b', () => {});\n`,
      'fine.test.ts': `import { it } from 'vitest';\nit('passes', () => {});\nit.skip('is skipped on purpose', () => {});\n`,
    });
    expect(summary).toBe('Tests: 1 passed, 2 failed, 1 skipped');
  });
});
