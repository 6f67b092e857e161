import { builtinModules } from 'node:module';
import { defineConfig } from 'vite';

// Bundles the sensor-sim process entry with the workspace libraries; npm packages stay external.
export default defineConfig({
  resolve: { tsconfigPaths: true },
  build: {
    ssr: true,
    outDir: 'dist/apps/sensor-sim',
    emptyOutDir: true,
    target: 'node20',
    rollupOptions: {
      input: { main: 'apps/sensor-sim/src/main.ts' },
      external: [...builtinModules, ...builtinModules.map((m) => `node:${m}`), /^[^./@][^:]*$/, /^@(?!millwright\/)/],
      output: { entryFileNames: '[name].js', format: 'es' },
    },
  },
});
