/**
 * The JavaScript a browser must download before the UI starts: the entry module index.html loads
 * and the modules it preloads, each gzipped (as nginx serves them). Lazy chunks and the CSV worker
 * are not initial and are not counted.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** Per initial file and in total, in bytes. */
export interface InitialJsSize {
  readonly files: readonly { readonly path: string; readonly bytes: number; readonly gzipBytes: number }[];
  readonly gzipBytes: number;
}

/** Measures the built UI in `distDir`. */
export function initialJsSize(distDir: string): InitialJsSize {
  const html = readFileSync(join(distDir, 'index.html'), 'utf8');
  const entries = [...html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g), ...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)].map((match) => match[1]!);
  if (entries.length === 0) throw new Error(`${distDir}/index.html loads no module script`);
  const files = entries.map((path) => {
    const bytes = readFileSync(join(distDir, path));
    return { path, bytes: bytes.length, gzipBytes: gzipSync(bytes, { level: 9 }).length };
  });
  return { files, gzipBytes: files.reduce((sum, file) => sum + file.gzipBytes, 0) };
}
