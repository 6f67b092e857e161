import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { readEach, sortByPath, type ArtifactDirectory } from '../artifact-directory.ts';
import type { ArtifactFile } from '../model-registry.ts';
import { RegistryError } from '../registry-error.ts';

/**
 * Direct S3 / MinIO access for runs whose artifact URI is `s3://...`: what MLflow's own client does
 * when the tracking server hands out S3 locations instead of proxying (`mlflow server` without
 * `--serve-artifacts`, or an experiment created with an `s3://` `artifact_location`).
 */
export interface S3ArtifactOptions {
  /** The S3 endpoint, e.g. `http://minio.mlops.svc:9000` (MLflow calls it `MLFLOW_S3_ENDPOINT_URL`). @default AWS S3 */
  readonly endpoint?: string;
  /** @default "us-east-1" (MinIO ignores it, the SDK needs one) */
  readonly region?: string;
  /** Path-style URLs (`endpoint/bucket/key`), which MinIO needs. @default true when `endpoint` is set */
  readonly forcePathStyle?: boolean;
  /** @default the AWS SDK's default chain (environment, profile, instance role) */
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string; readonly sessionToken?: string };
  /** When set, new experiments get the artifact location `s3://<bucket>/<prefix>/<experiment name>`. @default the server's choice */
  readonly bucket?: string;
  /** @default "mlflow" */
  readonly prefix?: string;
}

/** Builds the S3 client once per registry; `attempts` and `timeoutMs` follow the registry's retry policy. */
export function createS3Client(options: S3ArtifactOptions, attempts: number, timeoutMs: number): S3Client {
  return new S3Client({
    endpoint: options.endpoint,
    region: options.region ?? 'us-east-1',
    forcePathStyle: options.forcePathStyle ?? options.endpoint !== undefined,
    credentials: options.credentials,
    maxAttempts: attempts,
    requestHandler: { requestTimeout: timeoutMs, connectionTimeout: timeoutMs },
    // SDK releases since early 2025 add CRC checksums to every upload by default, which older MinIO
    // releases and other S3-compatible stores reject; checksum only where the operation requires it.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

function s3Error(action: string, location: string, error: unknown): RegistryError {
  const name = error instanceof Error ? error.name : '';
  const status = typeof error === 'object' && error !== null && '$metadata' in error ? (error.$metadata as { httpStatusCode?: number }).httpStatusCode : undefined;
  const detail = error instanceof Error ? error.message : String(error);
  if (name === 'NoSuchKey' || status === 404) return new RegistryError('RESOURCE_DOES_NOT_EXIST', `${location} does not exist`, { status, cause: error });
  if (status === 403) return new RegistryError('PERMISSION_DENIED', `S3 refused to ${action} ${location}: ${detail}; check the credentials and the bucket policy`, { status, cause: error });
  if (status === undefined || status >= 500) {
    return new RegistryError('UNAVAILABLE', `could not ${action} ${location}: ${detail}; check that the S3 endpoint is reachable`, { status, cause: error });
  }
  return new RegistryError('INTERNAL_ERROR', `S3 failed to ${action} ${location} (${status}): ${detail}`, { status, cause: error });
}

/** The artifact root `s3://<bucket>/<key>`. */
export function s3ArtifactDirectory(client: S3Client, bucket: string, key: string): ArtifactDirectory {
  const objectKey = (path: string): string => (key === '' ? path : `${key}/${path}`);
  const uri = (path: string): string => `s3://${bucket}/${objectKey(path)}`;

  const get = async (path: string): Promise<Uint8Array> => {
    try {
      const answer = await client.send(new GetObjectCommand({ Bucket: bucket, Key: objectKey(path) }));
      if (answer.Body === undefined) return new Uint8Array();
      return await answer.Body.transformToByteArray();
    } catch (error) {
      throw s3Error('read', uri(path), error);
    }
  };

  const list = async (): Promise<ArtifactFile[]> => {
    const prefix = key === '' ? '' : `${key}/`;
    const files: ArtifactFile[] = [];
    let token: string | undefined;
    try {
      do {
        const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
        for (const object of page.Contents ?? []) {
          if (object.Key !== undefined && !object.Key.endsWith('/')) files.push({ path: object.Key.slice(prefix.length), size: object.Size ?? 0 });
        }
        token = page.IsTruncated === true ? page.NextContinuationToken : undefined;
      } while (token !== undefined);
    } catch (error) {
      throw s3Error('list', `s3://${bucket}/${prefix}`, error);
    }
    return sortByPath(files);
  };

  return {
    async put(path, bytes) {
      try {
        await client.send(new PutObjectCommand({ Bucket: bucket, Key: objectKey(path), Body: bytes }));
      } catch (error) {
        throw s3Error('write', uri(path), error);
      }
    },
    get,
    list,
    async readAll() {
      return readEach((await list()).map((file) => file.path), get);
    },
  };
}
