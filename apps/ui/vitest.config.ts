import { defineConfig } from 'vitest/config';

// Components render in happy-dom (jsdom 31 needs Node 22); the end-to-end file switches itself to
// the node environment with a `@vitest-environment node` comment.
export default defineConfig({
  resolve: { tsconfigPaths: true },
  test: {
    name: 'ui',
    include: ['src/**/*.test.{ts,tsx}', 'test/**/*.test.{ts,tsx}'],
    environment: 'happy-dom',
    setupFiles: ['src/test-support/vitest-setup.ts'],
    passWithNoTests: true,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
