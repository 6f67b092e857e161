import { builtinModules } from 'node:module';
import { defineConfig } from 'vite';

// Bundles the trainer CLI and its search worker (two entry points side by side, as
// parallel-search.ts expects) with the workspace libraries; npm packages stay external.
export default defineConfig({
  resolve: { tsconfigPaths: true },
  build: {
    ssr: true,
    outDir: 'dist/apps/trainer',
    emptyOutDir: true,
    target: 'node20',
    rollupOptions: {
      input: { main: 'apps/trainer/src/main.ts', 'candidate-worker': 'apps/trainer/src/train/candidate-worker.ts' },
      external: [...builtinModules, ...builtinModules.map((m) => `node:${m}`), /^[^./@][^:]*$/, /^@(?!millwright\/)/],
      output: { entryFileNames: '[name].js', format: 'es' },
    },
  },
});
