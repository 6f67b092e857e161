#!/usr/bin/env node
// The trainer CLI: one sub-command per pipeline step, tied together by a run id, plus
// `pipeline` running them all. The last line on stdout is always one JSON summary.
import { randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { millwrightHome, registryFromEnv } from '@millwright/registry';
import { DataError } from './data/csv-source.ts';
import { RunStore } from './run-store.ts';
import { runSyncFromEnv } from './run-sync.ts';
import { drift } from './steps/drift.ts';
import { pipeline, trainingSteps } from './steps/pipeline.ts';
import type { StepContext, StepSummary, TrainerOptions } from './steps/step-context.ts';

const commands: Record<string, (context: StepContext) => Promise<StepSummary>> = { ...trainingSteps, drift, pipeline };

const usage = `usage: trainer <${Object.keys(commands).join('|')}> [options]
  --run-id <id>        ties the steps of one run together (pipeline: generated when absent)
  --from-run <id>      start this run from another run's files (a pipeline branch after a shared prepare)
  --source <source>    sim (default) | csv:<file> | http(s)://<data API> | postgres (DATABASE_URL)
  --rows <n>           rows to simulate or read (default 20000)
  --seed <n>           seeds simulation, split and search (default 42)
  --metric <f1|auroc>  what the search maximises and promotion compares (default f1)
  --margin <x>         promotion margin over the champion (default 0.005)
  --model <name>       registered model name (default predictive-maintenance)
  --threads <n>        search worker threads (default min(2, cores); 0 = in process)
  --trials <n>         trials of the search across forest and boosted trees (default 12)
  --search-seconds <s> no trial starts after this many seconds of search (default 10)
  --scenario <name>    drift scenario for simulated data: heat-wave | sensor-offset | faster-wear
  --fail-on-drift      drift: exit 3 when a feature drifted
Registry: MLflow when MLFLOW_TRACKING_URI is set, else the local registry under $MILLWRIGHT_HOME (.millwright/).
Runs: under $MILLWRIGHT_HOME/runs; with MILLWRIGHT_RUNS_URI=s3://<bucket>/<prefix> (AWS_ENDPOINT_URL_S3, AWS_ACCESS_KEY_ID,
AWS_SECRET_ACCESS_KEY) each step pulls its run first and pushes it when done, so every step can run in a fresh pod.`;

class UsageError extends Error {}

function number(name: string, raw: string | undefined, fallback: number, check: (n: number) => boolean): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || !check(value)) throw new UsageError(`--${name} ${raw}: not a valid value`);
  return value;
}

function parse(argv: readonly string[]) {
  const { positionals, values } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      'run-id': { type: 'string' },
      'from-run': { type: 'string' },
      source: { type: 'string', default: 'sim' },
      rows: { type: 'string' },
      seed: { type: 'string' },
      metric: { type: 'string', default: 'f1' },
      margin: { type: 'string' },
      model: { type: 'string', default: 'predictive-maintenance' },
      threads: { type: 'string' },
      trials: { type: 'string' },
      'search-seconds': { type: 'string' },
      scenario: { type: 'string' },
      'fail-on-drift': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [command, ...rest] = positionals;
  if (values.help) return { help: true as const };
  if (!command || !commands[command]) throw new UsageError(command ? `unknown command "${command}"` : 'no command given');
  if (rest.length > 0) throw new UsageError(`unexpected argument "${rest[0]}"`);
  if (values.metric !== 'f1' && values.metric !== 'auroc') throw new UsageError(`--metric ${values.metric}: use f1 or auroc`);
  const options: TrainerOptions = {
    source: values.source,
    rows: number('rows', values.rows, 20_000, (n) => Number.isInteger(n) && n >= 10 && n <= 5_000_000),
    seed: number('seed', values.seed, 42, Number.isInteger),
    metric: values.metric,
    margin: number('margin', values.margin, 0.005, (n) => n >= 0 && n < 1),
    modelName: values.model,
    threads: number('threads', values.threads, Math.min(2, availableParallelism()), (n) => Number.isInteger(n) && n >= 0 && n <= 64),
    trials: number('trials', values.trials, 12, (n) => Number.isInteger(n) && n >= 1 && n <= 1000),
    searchSeconds: number('search-seconds', values['search-seconds'], 10, (n) => n > 0),
    ...(values.scenario && { scenario: values.scenario }),
    failOnDrift: values['fail-on-drift'],
  };
  let runId = values['run-id'];
  if (!runId) {
    if (command !== 'pipeline' && command !== 'drift') throw new UsageError(`${command} needs --run-id (the run the earlier steps wrote)`);
    runId = `${command === 'drift' ? 'drift' : 'run'}-${new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '')}-${randomBytes(3).toString('hex')}`;
  }
  const fromRun = values['from-run'];
  if (fromRun !== undefined && fromRun === runId) throw new UsageError(`--from-run ${fromRun}: a run cannot start from itself`);
  return { help: false as const, command, options, runId, fromRun };
}

/** Runs one trainer invocation; returns the exit code. Errors become messages, never stack traces. */
export async function main(argv: readonly string[], env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Promise<number> {
  let parsed;
  try {
    parsed = parse(argv);
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${usage}`);
    return 2;
  }
  if (parsed.help) {
    console.log(usage);
    return 0;
  }
  const home = millwrightHome(env, cwd);
  try {
    const store = new RunStore(home, parsed.runId);
    const sync = runSyncFromEnv(env);
    if (sync) await sync.pull(store.runId, store.dir);
    if (parsed.fromRun !== undefined) {
      const from = new RunStore(home, parsed.fromRun);
      const pulled = sync ? await sync.pull(from.runId, store.dir, { keepExisting: true }) : 0;
      if (!store.seedFrom(from.dir) && pulled === 0) throw new Error(`--from-run ${from.runId}: that run has no files${sync ? ` here or in ${sync.location}` : ''}; run its steps first`);
    }
    const context: StepContext = {
      store,
      options: parsed.options,
      env,
      registry: () => registryFromEnv(env, cwd),
      log: (line) => process.stderr.write(`${line}\n`),
    };
    const summary = await commands[parsed.command]!(context);
    if (sync) await sync.push(store.runId, store.dir);
    console.log(JSON.stringify({ runId: store.runId, ...summary }));
    const drifted = summary['drifted'];
    if (parsed.options.failOnDrift && Array.isArray(drifted) && drifted.length > 0) return 3;
    return 0;
  } catch (error) {
    const message = (error as Error).message;
    console.error(error instanceof DataError ? `trainer ${parsed.command}: ${message}\nNothing was registered.` : `trainer ${parsed.command} failed: ${message}`);
    if (env['DEBUG']) console.error((error as Error).stack);
    return 1;
  }
}

if (process.argv[1]?.endsWith('/trainer/src/main.ts') || import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = await main(process.argv.slice(2));
}
