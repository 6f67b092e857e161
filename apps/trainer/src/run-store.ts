import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The working directory of one pipeline run (`<home>/runs/<runId>/`): every step reads its inputs
 * from here and writes its outputs here atomically (temp file + rename), then marks itself done.
 * A retried step whose mark exists is skipped, so Airflow or Argo retries are safe.
 */
export class RunStore {
  readonly dir: string;

  constructor(
    home: string,
    readonly runId: string,
  ) {
    if (!/^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/.test(runId)) {
      throw new Error(`run id "${runId}" must be letters, digits, '.', '_' or '-' (at most 128), starting with a letter or digit`);
    }
    this.dir = join(home, 'runs', runId);
  }

  path(name: string): string {
    return join(this.dir, name);
  }

  has(name: string): boolean {
    return existsSync(this.path(name));
  }

  write(name: string, content: string | Uint8Array): void {
    const target = this.path(name);
    mkdirSync(dirname(target), { recursive: true });
    const temporary = `${target}.tmp-${process.pid}`;
    writeFileSync(temporary, content);
    renameSync(temporary, target);
  }

  writeJson(name: string, value: unknown): void {
    this.write(name, `${JSON.stringify(value, null, 2)}\n`);
  }

  read(name: string): Buffer {
    if (!this.has(name)) throw new Error(`run ${this.runId} has no ${name}; run the step that produces it first`);
    return readFileSync(this.path(name));
  }

  readJson<T>(name: string): T {
    return JSON.parse(this.read(name).toString('utf8')) as T;
  }

  /**
   * Starts this run from another run's directory: copies every file of `otherDir` this run does
   * not have yet (a pipeline branch continuing the shared ingest and prepare). Returns false when
   * `otherDir` does not exist.
   */
  seedFrom(otherDir: string): boolean {
    if (!existsSync(otherDir)) return false;
    cpSync(otherDir, this.dir, { recursive: true, force: false, errorOnExist: false });
    return true;
  }

  /** True once `step` has completed for this run. */
  isDone(step: string): boolean {
    return this.has(`${step}.done.json`);
  }

  /** Marks `step` complete with its summary; written last, so a crash mid-step leaves it undone. */
  markDone(step: string, summary: unknown): void {
    this.writeJson(`${step}.done.json`, summary);
  }

  summaryOf<T>(step: string): T {
    return this.readJson<T>(`${step}.done.json`);
  }
}
