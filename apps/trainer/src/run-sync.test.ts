import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeS3Server, type FakeS3Server } from '@millwright/registry/testing';
import { runTrainer, tempHome } from './test-support/run-trainer.ts';

const small = ['--rows', '600', '--seed', '5'];

describe('trainer --from-run', () => {
  const home = tempHome();
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  it('starts a branch run from another run, leaving that run untouched', async () => {
    expect((await runTrainer(['ingest', '--run-id', 'base', ...small], { MILLWRIGHT_HOME: home })).code).toBe(0);
    const branch = await runTrainer(['prepare', '--run-id', 'base-f1', '--from-run', 'base', '--seed', '5'], { MILLWRIGHT_HOME: home });
    expect(branch.code).toBe(0);
    expect(branch.summary).toMatchObject({ runId: 'base-f1', step: 'prepare', rows: 600 });
    expect(existsSync(join(home, 'runs/base-f1/split.json'))).toBe(true);
    expect(existsSync(join(home, 'runs/base/split.json'))).toBe(false);
  });

  it('refuses a run to start from one that has no files, saying so', async () => {
    const result = await runTrainer(['prepare', '--run-id', 'lonely', '--from-run', 'nowhere'], { MILLWRIGHT_HOME: home });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/--from-run nowhere: that run has no files; run its steps first/);
  });
});

describe('trainer with MILLWRIGHT_RUNS_URI', () => {
  let s3: FakeS3Server;
  const homes = [tempHome(), tempHome(), tempHome()];
  const env = (home: string) => ({
    MILLWRIGHT_HOME: home,
    MILLWRIGHT_RUNS_URI: 's3://pipelines/runs',
    AWS_ENDPOINT_URL_S3: s3.url,
    AWS_ACCESS_KEY_ID: 'pipelines',
    AWS_SECRET_ACCESS_KEY: 'secret',
  });
  beforeAll(async () => {
    s3 = await startFakeS3Server();
  });
  afterAll(async () => {
    await s3.close();
    for (const home of homes) rmSync(home, { recursive: true, force: true });
  });

  it('pushes each step to object storage and pulls it in a fresh home, as pods of one pipeline do', async () => {
    const ingest = await runTrainer(['ingest', '--run-id', 'r1', ...small], env(homes[0]!));
    expect(ingest.code).toBe(0);
    expect([...s3.objects.keys()].sort()).toEqual(['pipelines/runs/r1/ingest.done.json', 'pipelines/runs/r1/rows.json']);

    const prepare = await runTrainer(['prepare', '--run-id', 'r1', '--seed', '5'], env(homes[1]!));
    expect(prepare.code).toBe(0);
    expect(prepare.summary).toMatchObject({ step: 'prepare', rows: 600 });
    expect(s3.objects.has('pipelines/runs/r1/split.json')).toBe(true);
  });

  it('starts a branch from a run that exists only in object storage', async () => {
    const branch = await runTrainer(['prepare', '--run-id', 'r1-auroc', '--from-run', 'r1'], env(homes[2]!));
    expect(branch.code).toBe(0);
    expect(branch.stderr).toMatch(/prepare: already done for run r1-auroc/);
    expect(s3.objects.has('pipelines/runs/r1-auroc/split.json')).toBe(true);
    expect(s3.objects.has('pipelines/runs/r1-auroc/rows.json')).toBe(true);
  });
});
