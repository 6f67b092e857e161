import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vi } from 'vitest';
import { main } from '../main.ts';

/** A fresh MILLWRIGHT_HOME for one test. */
export function tempHome(): string {
  return mkdtempSync(join(tmpdir(), 'millwright-trainer-'));
}

/** Runs the trainer CLI in-process; the summary is the parsed last stdout line. */
export async function runTrainer(argv: readonly string[], env: Record<string, string>) {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void out.push(args.join(' ')));
  const error = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void err.push(args.join(' ')));
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    err.push(String(chunk));
    return true;
  });
  try {
    const code = await main(argv, env, env['MILLWRIGHT_HOME'] ?? process.cwd());
    const last = out.at(-1);
    return { code, summary: last ? (JSON.parse(last) as Record<string, unknown>) : undefined, stdout: out.join('\n'), stderr: err.join('') };
  } finally {
    log.mockRestore();
    error.mockRestore();
    stderr.mockRestore();
  }
}
