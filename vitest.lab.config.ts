import { defineConfig } from 'vitest/config';
import { labTestFiles } from './vitest.shared.ts';

// `npm run test:lab`: the edge–cloud lab run for real (network namespaces, so as root): the
// platform brought up from the rendered tree, the UI through the printed URL, and the smoke
// experiment (README "The edge–cloud lab").
export default defineConfig({
  resolve: { tsconfigPaths: true },
  test: {
    name: 'lab',
    include: [`apps/lab/test/${labTestFiles}`],
    environment: 'node',
    // One lab at a time: each uses the same namespace prefix and subnets, and both cores.
    fileParallelism: false,
    testTimeout: 900_000,
    hookTimeout: 600_000,
    reporters: ['default', './tools/summary-reporter.ts'],
  },
});
