import { defineConfig } from 'vitest/config';
import { clusterTestFiles } from './vitest.shared.ts';

// `npm run test:cluster`: the tests that need a real Kubernetes API server (etcd and
// kube-apiserver from $KUBEBUILDER_ASSETS; see README "Tests against a real API server").
export default defineConfig({
  resolve: { tsconfigPaths: true },
  test: {
    name: 'cluster',
    include: [`apps/*/src/${clusterTestFiles}`, `libs/*/src/${clusterTestFiles}`],
    environment: 'node',
    // One control plane at a time: each takes ~330 MB and a core while it starts, on 2-core machines.
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 180_000,
    reporters: ['default', './tools/summary-reporter.ts'],
  },
});
