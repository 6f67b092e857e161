import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildSample, componentNamed } from '../test-support/rendered-platform.ts';
import { bucketPolicy, bucketSetupScript, platformBuckets } from './minio.ts';

interface Statement {
  Effect: string;
  Action: string[];
  Resource: string[];
}
const statements = (bucket: string): Statement[] => (JSON.parse(bucketPolicy(bucket)) as { Statement: Statement[] }).Statement;

describe('bucketPolicy', () => {
  it('limits every statement to the mlflow bucket and its objects', () => {
    expect(statements('mlflow').flatMap((s) => s.Resource)).toEqual(['arn:aws:s3:::mlflow', 'arn:aws:s3:::mlflow/*']);
  });

  it('allows listing the bucket and reading, writing and deleting its objects, and nothing else', () => {
    expect(statements('mlflow').flatMap((s) => s.Action)).toEqual([
      's3:GetBucketLocation',
      's3:ListBucket',
      's3:GetObject',
      's3:PutObject',
      's3:DeleteObject',
    ]);
  });

  it('only allows, never denies', () => {
    expect(new Set(statements('mlflow').map((s) => s.Effect))).toEqual(new Set(['Allow']));
  });

  it('names no other bucket, whatever the bucket', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z0-9][a-z0-9.-]{1,30}[a-z0-9]$/), (bucket) => {
        for (const resource of statements(bucket).flatMap((s) => s.Resource)) {
          expect([`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`]).toContain(resource);
        }
      }),
    );
  });

  it('is what the minio-policies ConfigMap gives the bucket Job', () => {
    const configMap = componentNamed(buildSample('cloud-only'), 'minio').objects.find((o) => o.metadata.name === 'minio-policies');

    expect(configMap?.['data']).toEqual({ 'mlflow-artifacts.json': bucketPolicy('mlflow'), 'pipelines-runs.json': bucketPolicy('pipelines') });
  });
});

describe('bucketSetupScript', () => {
  it('creates every platform bucket only when it is missing', () => {
    const creates = bucketSetupScript('minio').split('\n').filter((line) => line.startsWith('mc mb '));

    expect(creates).toEqual(platformBuckets.map((bucket) => `mc mb --ignore-existing store/${bucket.name}`));
  });
});
