import { describe, expect, it } from 'vitest';
import { parseArtifactUri } from '@millwright/registry';

describe('parseArtifactUri', () => {
  it('reads the artifact proxy forms mlflow-artifacts:/path and mlflow-artifacts:///path', () => {
    expect(parseArtifactUri('mlflow-artifacts:/1/abc/artifacts')).toEqual({ kind: 'mlflow-artifacts', path: '1/abc/artifacts' });
    expect(parseArtifactUri('mlflow-artifacts:///1/abc/artifacts/')).toEqual({ kind: 'mlflow-artifacts', path: '1/abc/artifacts' });
    expect(parseArtifactUri('mlflow-artifacts:/')).toEqual({ kind: 'mlflow-artifacts', path: '' });
  });

  it('refuses an mlflow-artifacts URI that names another server', () => {
    expect(() => parseArtifactUri('mlflow-artifacts://other:5000/1/abc')).toThrow('names its own artifact server');
  });

  it('splits s3://bucket/key into bucket and key', () => {
    expect(parseArtifactUri('s3://mlflow/artifacts/1/abc/artifacts')).toEqual({ kind: 's3', bucket: 'mlflow', key: 'artifacts/1/abc/artifacts' });
    expect(parseArtifactUri('s3://mlflow')).toEqual({ kind: 's3', bucket: 'mlflow', key: '' });
  });

  it('reads runs:/<run id>/<path>', () => {
    expect(parseArtifactUri('runs:/0123abc/model')).toEqual({ kind: 'runs', runId: '0123abc', path: 'model' });
    expect(parseArtifactUri('runs:/0123abc')).toEqual({ kind: 'runs', runId: '0123abc', path: '' });
  });

  it('reads file: URLs as local directories', () => {
    expect(parseArtifactUri('file:///var/lib/millwright/registry/runs/abc/artifacts')).toEqual({ kind: 'file', directory: '/var/lib/millwright/registry/runs/abc/artifacts' });
  });

  it('names the supported schemes when it meets another one', () => {
    expect(() => parseArtifactUri('gs://bucket/x')).toThrow('supported: mlflow-artifacts:, s3://, runs:/, file:');
  });
});
