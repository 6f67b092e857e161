import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { createS3Client, s3ArtifactDirectory } from '@millwright/registry';

/**
 * Keeps run directories in object storage (`MILLWRIGHT_RUNS_URI=s3://<bucket>/<prefix>`), so
 * each pipeline step can run in a fresh pod: the step pulls its run before it starts and pushes
 * it after it succeeds. Without the variable, runs stay on the local disk (one machine).
 */
export interface RunSync {
  /** `s3://bucket/prefix`, for messages. */
  readonly location: string;
  /** Copies run `runId` into `dir`; with `keepExisting`, files already in `dir` win. Returns the number of files copied. */
  pull(runId: string, dir: string, options?: { keepExisting?: boolean }): Promise<number>;
  /** Uploads every file of `dir` as run `runId`. Returns the number of files. */
  push(runId: string, dir: string): Promise<number>;
}

function localFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && !entry.name.includes('.tmp-'))
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .sort();
}

/** The run store in S3 or MinIO named by `MILLWRIGHT_RUNS_URI`, or undefined when it is not set. */
export function runSyncFromEnv(env: Readonly<Record<string, string | undefined>>): RunSync | undefined {
  const uri = env['MILLWRIGHT_RUNS_URI'];
  if (uri === undefined || uri.trim() === '') return undefined;
  const match = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:\/(.*?))?\/?$/.exec(uri.trim());
  if (!match) throw new Error(`MILLWRIGHT_RUNS_URI "${uri}" must look like s3://<bucket>/<prefix>`);
  const [, bucket = '', prefix = ''] = match;
  const endpoint = env['AWS_ENDPOINT_URL_S3'];
  const accessKeyId = env['AWS_ACCESS_KEY_ID'];
  const secretAccessKey = env['AWS_SECRET_ACCESS_KEY'];
  const client = createS3Client(
    {
      ...(endpoint && { endpoint }),
      ...(env['AWS_REGION'] && { region: env['AWS_REGION'] }),
      ...(accessKeyId && secretAccessKey && { credentials: { accessKeyId, secretAccessKey } }),
    },
    3,
    60_000,
  );
  const runStore = (runId: string) => s3ArtifactDirectory(client, bucket, prefix === '' ? runId : `${prefix}/${runId}`);
  return {
    location: `s3://${bucket}${prefix === '' ? '' : `/${prefix}`}`,
    async pull(runId, dir, options = {}) {
      const store = runStore(runId);
      let copied = 0;
      for (const file of await store.list()) {
        const target = join(dir, file.path);
        if (options.keepExisting && existsSync(target)) continue;
        mkdirSync(dirname(target), { recursive: true });
        writeFileSync(target, await store.get(file.path));
        copied += 1;
      }
      return copied;
    },
    async push(runId, dir) {
      const store = runStore(runId);
      const files = localFiles(dir);
      for (const path of files) await store.put(path, readFileSync(join(dir, path)));
      return files.length;
    },
  };
}
