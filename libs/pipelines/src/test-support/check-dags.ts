import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** What check_dag.py reports for one DAG file. */
export interface DagReport {
  readonly imports: string[];
  readonly stdlib: string[];
  readonly tasks: Record<string, string>;
  readonly edges: [string, string][];
  readonly calls: Record<string, string[]>;
  /** The callee that makes each task, by task id: `trainer_task`, `TriggerDagRunOperator`, `EmptyOperator`. */
  readonly operators: Record<string, string>;
  readonly keywords: Record<string, Record<string, unknown>>;
  readonly undefined: string[];
}

const checker = join(import.meta.dirname, 'check_dag.py');

function python(args: readonly string[]): string {
  const result = spawnSync('python3', args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`python3 ${args.join(' ')} exited ${result.status}:\n${result.stderr}`);
  return result.stdout;
}

/**
 * Writes DAG sources (by name) to a temporary directory, compiles each with
 * `python3 -m py_compile` and reads it with check_dag.py (Python's own parser, no Airflow needed).
 */
export function checkDags(sources: Readonly<Record<string, string>>): Record<string, DagReport> {
  const dir = mkdtempSync(join(tmpdir(), 'millwright-dags-'));
  try {
    const paths = Object.entries(sources).map(([name, source]) => {
      const path = join(dir, name);
      writeFileSync(path, source);
      return [name, path] as const;
    });
    python(['-m', 'py_compile', ...paths.map(([, path]) => path)]);
    const reports = JSON.parse(python([checker, ...paths.map(([, path]) => path)])) as Record<string, DagReport>;
    return Object.fromEntries(paths.map(([name, path]) => [name, reports[path]!]));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
