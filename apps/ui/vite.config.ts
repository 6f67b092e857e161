import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const projectRoot = fileURLToPath(new URL('.', import.meta.url));
const workspaceRoot = fileURLToPath(new URL('../..', import.meta.url));

/** Where the built UI goes, from the workspace root; the e2e test builds into its own directory with `uiViteConfig(outDir)`. */
export const uiOutDir = 'dist/apps/ui';

/**
 * The operator UI: a static single-page app. Runtime settings come from `/config.json` at start
 * (written by the image's entrypoint from the environment), so one build serves every cluster.
 */
export function uiViteConfig(outDir = uiOutDir) {
  return defineConfig({
    root: projectRoot,
    base: './',
    plugins: [react()],
    resolve: { tsconfigPaths: true },
    worker: { format: 'es' },
    build: {
      outDir: outDir.startsWith('/') ? outDir : `${workspaceRoot}${outDir}`,
      emptyOutDir: true,
      target: 'es2022',
      sourcemap: false,
      reportCompressedSize: false,
    },
  });
}

export default uiViteConfig();
