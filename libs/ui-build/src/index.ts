/**
 * The operator UI's Vite build, as `npm start` serves it and the lab's UI pod does: made when it
 * is missing or older than the UI's sources or the libraries it uses.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Every file below `directory`. */
export function filesUnder(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    return entry.isDirectory() ? filesUnder(path) : [path];
  });
}

function newestModification(paths: readonly string[]): number {
  return Math.max(0, ...paths.filter(existsSync).flatMap((path) => (statSync(path).isDirectory() ? filesUnder(path) : [path])).map((file) => statSync(file).mtimeMs));
}

/** Whether `outDir` lacks a build or is older than the UI's sources or the libraries it uses. */
export function uiBuildIsStale(workspaceRoot: string, outDir: string): boolean {
  const index = join(outDir, 'index.html');
  if (!existsSync(index)) return true;
  const sources = ['apps/ui/src', 'apps/ui/index.html', 'apps/ui/vite.config.ts', 'libs/contract/src', 'libs/factory/src'].map((path) => join(workspaceRoot, path));
  return newestModification(sources) > statSync(index).mtimeMs;
}

/** Runs vite's build of the UI into `outDir`. @throws Error with vite's output when it fails. */
export function buildUi(workspaceRoot: string, outDir: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const vite = join(workspaceRoot, 'node_modules', 'vite', 'bin', 'vite.js');
    const child = spawn(process.execPath, [vite, 'build', '--config', 'apps/ui/vite.config.ts', '--outDir', outDir, '--logLevel', 'warn'], {
      cwd: workspaceRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`building the UI failed (vite exited with ${code}):\n${output.trim()}`))));
  });
}
