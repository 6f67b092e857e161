import { builtinModules } from 'node:module';
import { defineConfig } from 'vite';

// Bundles the CLI and the workspace libraries into one ESM file for Node; npm packages stay
// external and come from node_modules at run time.
export default defineConfig({
  resolve: { tsconfigPaths: true },
  build: {
    ssr: 'apps/dag-generator/src/main.ts',
    outDir: 'dist/apps/dag-generator',
    emptyOutDir: true,
    target: 'node20',
    rollupOptions: {
      external: [...builtinModules, ...builtinModules.map((m) => `node:${m}`), /^[^./@][^:]*$/, /^@(?!millwright\/)/],
      output: { entryFileNames: 'main.js' },
    },
  },
});
