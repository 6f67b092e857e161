import { defineConfig } from 'vitest/config';

/** The test settings every project shares; each project's vitest.config.ts names itself. */
export function projectTestConfig(name: string) {
  return defineConfig({
    resolve: { tsconfigPaths: true },
    test: {
      name,
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      environment: 'node',
      passWithNoTests: true,
      testTimeout: 60_000,
      hookTimeout: 60_000,
    },
  });
}
