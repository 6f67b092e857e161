import { defineConfig } from 'vitest/config';

// One run over every project, so `npm test` ends with one summary.
export default defineConfig({
  test: {
    projects: ['apps/*/vitest.config.ts', 'libs/*/vitest.config.ts'],
    reporters: ['default', './tools/summary-reporter.ts'],
  },
});
