/**
 * The first model of a fresh local stack: when the registry has no champion yet, the trainer's
 * `pipeline` (simulate → prepare → train → evaluate → register → promote) runs as a child process
 * on the same MILLWRIGHT_HOME or MLflow, so the API has something to serve. Its output is passed
 * on line by line; stopping the stack stops it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

/** Options of {@link trainFirstModel}. */
export interface FirstModelOptions {
  readonly workspaceRoot: string;
  readonly env: NodeJS.ProcessEnv;
  readonly modelName: string;
  /** Simulated rows to train on. */
  readonly rows: number;
  readonly log: (line: string) => void;
}

/** A training run in progress. */
export interface TrainingRun {
  /** Resolves when the trainer succeeded; rejects with its last lines otherwise. */
  readonly done: Promise<void>;
  /** Stops the trainer (SIGTERM, then SIGKILL after 3 s). */
  stop(): Promise<void>;
}

/** Starts the trainer pipeline for `modelName`. */
export function trainFirstModel(options: FirstModelOptions): TrainingRun {
  const trainer = join(options.workspaceRoot, 'apps', 'trainer', 'src', 'main.ts');
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', trainer, 'pipeline', '--rows', String(options.rows), '--model', options.modelName], {
    cwd: options.workspaceRoot,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const recent: string[] = [];
  for (const stream of [child.stdout!, child.stderr!]) {
    createInterface({ input: stream }).on('line', (line) => {
      recent.push(line);
      if (recent.length > 20) recent.shift();
      // The last stdout line is the trainer's JSON summary, which the log does not need.
      if (!line.startsWith('{')) options.log(line);
    });
  }
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const done = new Promise<void>((resolve, reject) => {
    child.once('error', reject);
    void exited.then((code) => (code === 0 ? resolve() : reject(new Error(`the trainer exited with ${code ?? 'a signal'}:\n${recent.join('\n')}`))));
  });
  done.catch(() => undefined);
  return {
    done,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(timer);
    },
  };
}
