import { fileURLToPath } from 'node:url';
import { RegistryError } from './registry-error.ts';

/**
 * Where a run's or a model version's artifacts live, parsed from the URI MLflow hands out:
 * - `mlflow-artifacts:/1/<run>/artifacts`: the tracking server's artifact proxy, which serves it at
 *   `/api/2.0/mlflow-artifacts/artifacts/1/<run>/artifacts` (`mlflow/protos/mlflow_artifacts.proto`;
 *   the resolution rule is `MlflowArtifactsRepository.resolve_uri`, `mlflow/store/artifact/mlflow_artifacts_repo.py`);
 * - `s3://bucket/prefix`: an S3 / MinIO bucket the client writes to directly;
 * - `runs:/<run id>/<path>`: a path under a run's artifact root (MLflow's model URI scheme);
 * - `file:///...`: a local directory (the local registry).
 */
export type ArtifactLocation =
  | { readonly kind: 'mlflow-artifacts'; readonly path: string }
  | { readonly kind: 's3'; readonly bucket: string; readonly key: string }
  | { readonly kind: 'runs'; readonly runId: string; readonly path: string }
  | { readonly kind: 'file'; readonly directory: string };

const trimSlashes = (value: string): string => value.replace(/^\/+|\/+$/g, '');

/** Parses an artifact URI; INVALID_PARAMETER_VALUE for a scheme the registry cannot read or write. */
export function parseArtifactUri(uri: string): ArtifactLocation {
  if (uri.startsWith('mlflow-artifacts:')) {
    const rest = uri.slice('mlflow-artifacts:'.length);
    // `mlflow-artifacts://host:port/path` names a server; only the hostless forms go through our own tracking server.
    if (/^\/\/[^/]/.test(rest)) {
      throw new RegistryError(
        'INVALID_PARAMETER_VALUE',
        `artifact URI ${uri} names its own artifact server; this client only proxies through its tracking server (use mlflow-artifacts:/path)`,
      );
    }
    return { kind: 'mlflow-artifacts', path: trimSlashes(rest) };
  }
  if (uri.startsWith('s3://')) {
    const [bucket = '', ...key] = uri.slice('s3://'.length).split('/');
    if (bucket === '') throw new RegistryError('INVALID_PARAMETER_VALUE', `artifact URI ${uri} names no bucket; use s3://bucket/prefix`);
    return { kind: 's3', bucket, key: trimSlashes(key.join('/')) };
  }
  if (uri.startsWith('runs:/')) {
    const [runId = '', ...path] = trimSlashes(uri.slice('runs:/'.length)).split('/');
    if (runId === '') throw new RegistryError('INVALID_PARAMETER_VALUE', `artifact URI ${uri} names no run; use runs:/<run id>/<path>`);
    return { kind: 'runs', runId, path: path.join('/') };
  }
  if (uri.startsWith('file:')) return { kind: 'file', directory: fileURLToPath(uri) };
  throw new RegistryError(
    'INVALID_PARAMETER_VALUE',
    `artifact URI ${JSON.stringify(uri)} has a scheme this registry cannot read; supported: mlflow-artifacts:, s3://, runs:/, file:`,
  );
}
