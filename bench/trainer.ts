import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../apps/trainer/src/main.ts';
import { ms } from './stats.ts';

const targetSeconds = 60;

async function timedPipeline(home: string, threads: number): Promise<{ seconds: number; summary: Record<string, unknown> }> {
  const lines: string[] = [];
  const log = console.log;
  console.log = (line: string) => void lines.push(line);
  const started = performance.now();
  try {
    const code = await main(['pipeline', '--rows', '20000', '--threads', String(threads), '--run-id', `bench-${threads}`], { ...process.env, MILLWRIGHT_HOME: home });
    if (code !== 0) throw new Error(`trainer exited with ${code}`);
  } finally {
    console.log = log;
  }
  return { seconds: (performance.now() - started) / 1000, summary: JSON.parse(lines.at(-1)!) as Record<string, unknown> };
}

/**
 * `npm run trainer -- pipeline --rows 20000` as the issue measures it (issue 9: under 60 s here),
 * on 2 worker threads, beside the same run on 1 thread in the same process (the baseline).
 */
export async function benchTrainer(): Promise<void> {
  const home = mkdtempSync(join(tmpdir(), 'millwright-bench-trainer-'));
  try {
    const two = await timedPipeline(home, 2);
    const one = await timedPipeline(join(home, 'single'), 1);
    const metrics = two.summary['metrics'] as Record<string, unknown>;
    console.log(`trainer benchmark: pipeline --rows 20000 (simulated AI4I data, 6-candidate search)`);
    console.log(`  2 threads: ${ms(two.seconds * 1000)}  (target < ${targetSeconds} s: ${(two.seconds / targetSeconds).toFixed(2)}x of target)`);
    console.log(`  1 thread (baseline): ${ms(one.seconds * 1000)}; 2 threads / 1 thread = ${(two.seconds / one.seconds).toFixed(2)}x`);
    console.log(`  held-out AUROC ${Number(metrics['auroc']).toFixed(3)}, F1 ${Number(metrics['f1']).toFixed(3)}, recall by mode ${JSON.stringify(metrics['recallByMode'])}`);
    console.log(`  ONNX parity max |diff| ${Number(two.summary['onnxParityMaxAbsDiff']).toExponential(1)}`);
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}
