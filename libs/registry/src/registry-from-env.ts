import { join, resolve } from 'node:path';
import { LocalRegistry } from './local/local-registry.ts';
import type { MlflowAuth } from './mlflow/mlflow-http.ts';
import { MlflowRegistry } from './mlflow/mlflow-registry.ts';
import type { S3ArtifactOptions } from './mlflow/s3-artifact-directory.ts';
import type { ModelRegistry } from './model-registry.ts';

/** The environment variables {@link registryFromEnv} reads; a plain record, so tests pass their own. */
export type RegistryEnv = Readonly<Record<string, string | undefined>>;

/** Where all local state lives (docs/architecture.md, "Embedded defaults and real services"): `$MILLWRIGHT_HOME`, else `<workspaceRoot>/.millwright`. */
export function millwrightHome(env: RegistryEnv, workspaceRoot: string): string {
  const home = env.MILLWRIGHT_HOME;
  return home !== undefined && home.trim() !== '' ? resolve(home) : join(workspaceRoot, '.millwright');
}

/** Where the embedded registry lives: `<millwright home>/registry`. */
export function localRegistryRoot(env: RegistryEnv, workspaceRoot: string): string {
  return join(millwrightHome(env, workspaceRoot), 'registry');
}

/**
 * Picks the registry an app uses (docs/architecture.md, "Embedded defaults and real services"): MLflow when
 * `MLFLOW_TRACKING_URI` is an http(s) URL, the local file registry otherwise. The MLflow variables are
 * the ones MLflow's own clients read: `MLFLOW_TRACKING_TOKEN`, or `MLFLOW_TRACKING_USERNAME` and
 * `MLFLOW_TRACKING_PASSWORD`; `MLFLOW_S3_ENDPOINT_URL` with `AWS_ACCESS_KEY_ID` / `AWS_SECRET_ACCESS_KEY`
 * for `s3://` artifacts (https://mlflow.org/docs/latest/self-hosting/architecture/artifact-store).
 * `MILLWRIGHT_ARTIFACT_BUCKET` makes new experiments store their artifacts in that bucket.
 */
export function registryFromEnv(env: RegistryEnv, workspaceRoot: string): ModelRegistry {
  const trackingUri = env.MLFLOW_TRACKING_URI;
  if (trackingUri === undefined || !/^https?:\/\//.test(trackingUri)) return new LocalRegistry(localRegistryRoot(env, workspaceRoot));
  const auth: MlflowAuth | undefined =
    env.MLFLOW_TRACKING_TOKEN !== undefined && env.MLFLOW_TRACKING_TOKEN !== ''
      ? { token: env.MLFLOW_TRACKING_TOKEN }
      : env.MLFLOW_TRACKING_USERNAME !== undefined && env.MLFLOW_TRACKING_PASSWORD !== undefined
        ? { username: env.MLFLOW_TRACKING_USERNAME, password: env.MLFLOW_TRACKING_PASSWORD }
        : undefined;
  const endpoint = env.MLFLOW_S3_ENDPOINT_URL;
  const bucket = env.MILLWRIGHT_ARTIFACT_BUCKET;
  const credentials =
    env.AWS_ACCESS_KEY_ID !== undefined && env.AWS_SECRET_ACCESS_KEY !== undefined
      ? { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY }
      : undefined;
  const s3: S3ArtifactOptions | undefined =
    endpoint === undefined && bucket === undefined ? undefined : { endpoint, bucket, credentials, region: env.AWS_DEFAULT_REGION ?? env.AWS_REGION };
  return new MlflowRegistry({ trackingUri, auth, s3 });
}
