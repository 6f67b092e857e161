import { builtinModules } from 'node:module';
import { defineConfig } from 'vite';

// Bundles the server entry and the embedded database's worker (side by side, as
// pglite-worker-client.ts expects) with the workspace libraries; npm packages stay external (the image
// installs production dependencies, onnxruntime-node's native binaries among them).
export default defineConfig({
  resolve: { tsconfigPaths: true },
  build: {
    ssr: true,
    outDir: 'dist/apps/inference-api',
    emptyOutDir: true,
    target: 'node20',
    rollupOptions: {
      input: { server: 'apps/inference-api/src/server.ts', 'pglite-worker': 'apps/inference-api/src/serving/pglite-worker.ts' },
      external: [...builtinModules, ...builtinModules.map((m) => `node:${m}`), /^[^./@][^:]*$/, /^@(?!millwright\/)/],
      output: { entryFileNames: '[name].js', format: 'es' },
    },
  },
});
