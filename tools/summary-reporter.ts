import type { Reporter, SerializedError, TestModule } from 'vitest/node';

/**
 * Ends the run with one plain line, `Tests: N passed, N failed`, that CI reads as the summary
 * whatever else the default reporter printed above it.
 *
 * A test that was meant to run but did not, because its file failed (a `beforeAll` that threw,
 * a server that could not start), counts as failed, not skipped: a fresh machine once printed
 * "0 failed" over four suites that never ran. Each error outside any test counts as a failure too.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError> = []): void {
    let passed = 0;
    let failed = unhandledErrors.length;
    let skipped = 0;
    for (const module of testModules) {
      const moduleFailed = module.state() === 'failed';
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        const meantToRun = test.options.mode === 'run' || test.options.mode === 'only';
        if (state === 'passed') passed++;
        else if (state === 'failed' || (moduleFailed && meantToRun)) failed++;
        else skipped++;
      }
      if (moduleFailed && module.children.size === 0) failed++;
    }
    const tail = skipped > 0 ? `, ${skipped} skipped` : '';
    process.stdout.write(`\nTests: ${passed} passed, ${failed} failed${tail}\n`);
  }
}
