import { configDefaults, defineConfig } from 'vitest/config';

/**
 * Tests against a real Kubernetes API server (envtest assets): `npm run test:cluster` runs them
 * (vitest.cluster.config.ts), one file at a time; `npm test` leaves them out.
 */
export const clusterTestFiles = '**/*.cluster.test.ts';

/** The edge–cloud lab run for real: `npm run test:lab` (vitest.lab.config.ts) runs them, as root. */
export const labTestFiles = '**/*.lab.test.ts';

/** The test settings every project shares; each project's vitest.config.ts names itself. */
export function projectTestConfig(name: string) {
  return defineConfig({
    resolve: { tsconfigPaths: true },
    test: {
      name,
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      exclude: [...configDefaults.exclude, clusterTestFiles, labTestFiles],
      environment: 'node',
      passWithNoTests: true,
      testTimeout: 60_000,
      hookTimeout: 60_000,
    },
  });
}
