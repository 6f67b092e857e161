import type { S3Client } from '@aws-sdk/client-s3';
import type { ArtifactDirectory } from '../artifact-directory.ts';
import { joinArtifactPath } from '../artifact-path.ts';
import { parseArtifactUri } from '../artifact-uri.ts';
import { assertEntityKey, assertMaxLength, entityLimits } from '../entity-limits.ts';
import { getOrCreate } from '../get-or-create.ts';
import { RegistryBase } from '../registry-base.ts';
import { normalizeLogBatch, splitLogBatch } from '../log-batch.ts';
import type {
  CreateModelVersionOptions,
  CreateRunOptions,
  Experiment,
  FinalRunStatus,
  LogBatchInput,
  ModelRegistry,
  ModelVersion,
  RegisteredModel,
  Run,
} from '../model-registry.ts';
import { RegistryError, isRegistryError } from '../registry-error.ts';
import { assertAliasName, assertExperimentName, assertModelName, assertModelVersion } from '../registry-names.ts';
import { resolveRetryPolicy, type RetryPolicy } from '../retry-policy.ts';
import { MlflowHttp, type MlflowAuth } from './mlflow-http.ts';
import {
  experimentFromWire,
  modelVersionFromWire,
  registeredModelFromWire,
  runFromWire,
  toWireKeyValues,
  type WireExperiment,
  type WireModelVersion,
  type WireRegisteredModel,
  type WireRun,
} from '../mlflow-wire.ts';
import { proxyArtifactDirectory } from './proxy-artifact-directory.ts';
import { createS3Client, s3ArtifactDirectory, type S3ArtifactOptions } from './s3-artifact-directory.ts';

/** Settings of {@link MlflowRegistry}. The caller reads the environment; the class never does. */
export interface MlflowRegistryProps {
  /** The tracking server's base URL: the value of `MLFLOW_TRACKING_URI`, e.g. `http://mlflow.mlops.svc:5000`. */
  readonly trackingUri: string;
  /** @default no authentication */
  readonly auth?: MlflowAuth;
  /** How long one HTTP attempt may take, body included. @default 30000 */
  readonly timeoutMs?: number;
  /** @default 5 attempts, 250 ms base backoff doubling up to 8 s, full jitter */
  readonly retry?: RetryPolicy;
  /** Direct S3 / MinIO access for `s3://` artifact URIs. @default none: such URIs fail with INVALID_STATE */
  readonly s3?: S3ArtifactOptions;
  /** @default Date.now */
  readonly now?: () => number;
  /** Jitter source. @default Math.random */
  readonly random?: () => number;
  /** @default a timer */
  readonly sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** How many versions one `model-versions/search` page asks for; the client follows `next_page_token`. */
const searchPageSize = 1000;

/** The names of the aliases (alias → version) that point at `version`, sorted. */
function aliasesPointingAt(version: string, aliases: Readonly<Record<string, string>>): string[] {
  return Object.keys(aliases)
    .filter((alias) => aliases[alias] === version)
    .sort();
}

/**
 * {@link ModelRegistry} over MLflow's REST API (https://mlflow.org/docs/latest/rest-api.html): every
 * endpoint below `/api/2.0/mlflow/`, artifacts through the tracking server's `mlflow-artifacts` proxy or
 * straight to S3 / MinIO, aliases instead of the deprecated stages.
 */
export class MlflowRegistry extends RegistryBase implements ModelRegistry {
  private readonly http: MlflowHttp;
  private readonly now: () => number;
  private readonly s3: S3ArtifactOptions | undefined;
  private readonly s3Client: S3Client | undefined;
  /** A run's artifact URI never changes, so one `runs/get` per run is enough. */
  private readonly artifactUris = new Map<string, string>();

  constructor(props: MlflowRegistryProps) {
    super();
    const retry = resolveRetryPolicy(props.retry);
    const timeoutMs = props.timeoutMs ?? 30_000;
    this.http = new MlflowHttp({
      trackingUri: props.trackingUri,
      auth: props.auth,
      timeoutMs,
      retry,
      random: props.random ?? Math.random,
      sleep: props.sleep ?? defaultSleep,
    });
    this.now = props.now ?? Date.now;
    this.s3 = props.s3;
    this.s3Client = props.s3 === undefined ? undefined : createS3Client(props.s3, retry.maxAttempts, timeoutMs);
  }

  /** REST API "Get Experiment By Name" (GET experiments/get-by-name), else "Create Experiment" (POST experiments/create). */
  async getOrCreateExperiment(name: string): Promise<Experiment> {
    assertExperimentName(name);
    const get = async (): Promise<Experiment> => {
      const answer = await this.http.callJson<{ experiment: WireExperiment }>('GET', 'experiments/get-by-name', { experiment_name: name });
      return experimentFromWire(answer.experiment);
    };
    const create = async (): Promise<Experiment> => {
      const artifactLocation = this.s3?.bucket === undefined ? undefined : `s3://${this.s3.bucket}/${this.s3.prefix ?? 'mlflow'}/${encodeURIComponent(name)}`;
      await this.http.callJson<{ experiment_id: string }>('POST', 'experiments/create', { name, artifact_location: artifactLocation });
      return get();
    };
    return getOrCreate(get, create);
  }

  /** REST API "Create Run" (POST runs/create): `experiment_id`, `run_name`, `start_time`, `tags`. */
  async createRun(experimentId: string, options: CreateRunOptions = {}): Promise<Run> {
    for (const key of Object.keys(options.tags ?? {})) assertEntityKey('tag', key);
    const answer = await this.http.callJson<{ run: WireRun }>('POST', 'runs/create', {
      experiment_id: experimentId,
      run_name: options.runName,
      start_time: this.now(),
      tags: toWireKeyValues(options.tags),
    });
    const run = runFromWire(answer.run);
    this.artifactUris.set(run.runId, run.artifactUri);
    return run;
  }

  /** REST API "Log Batch" (POST runs/log-batch), one request per chunk of the documented limits. */
  async logBatch(runId: string, batch: LogBatchInput): Promise<void> {
    for (const chunk of splitLogBatch(normalizeLogBatch(batch, this.now()))) {
      await this.http.callJson('POST', 'runs/log-batch', { run_id: runId, metrics: chunk.metrics, params: chunk.params, tags: chunk.tags });
    }
  }

  /** REST API "Update Run" (POST runs/update): `run_id`, `status`, `end_time`. */
  async finishRun(runId: string, status: FinalRunStatus = 'FINISHED'): Promise<void> {
    await this.http.callJson('POST', 'runs/update', { run_id: runId, status, end_time: this.now() });
  }

  /** REST API "Get Run" (GET runs/get). */
  async getRun(runId: string): Promise<Run> {
    const answer = await this.http.callJson<{ run: WireRun }>('GET', 'runs/get', { run_id: runId });
    const run = runFromWire(answer.run);
    this.artifactUris.set(run.runId, run.artifactUri);
    return run;
  }

  /** REST API "Create RegisteredModel" (POST registered-models/create); "Throws RESOURCE_ALREADY_EXISTS if a registered model with the given name exists". */
  async createRegisteredModel(name: string): Promise<RegisteredModel> {
    assertModelName(name);
    const answer = await this.http.callJson<{ registered_model: WireRegisteredModel }>('POST', 'registered-models/create', { name });
    return registeredModelFromWire(answer.registered_model);
  }

  /** REST API "Get RegisteredModel" (GET registered-models/get). */
  async getRegisteredModel(name: string): Promise<RegisteredModel> {
    assertModelName(name);
    const answer = await this.http.callJson<{ registered_model: WireRegisteredModel }>('GET', 'registered-models/get', { name });
    return registeredModelFromWire(answer.registered_model);
  }

  /** REST API "Create ModelVersion" (POST model-versions/create): `name`, `source`, `run_id`, `tags`. */
  async createModelVersion(name: string, options: CreateModelVersionOptions): Promise<ModelVersion> {
    assertModelName(name);
    this.assertVersionTags(options.tags);
    const source = options.source ?? (await this.runArtifactUri(options.runId));
    const answer = await this.http.callJson<{ model_version: WireModelVersion }>('POST', 'model-versions/create', {
      name,
      source,
      run_id: options.runId,
      tags: toWireKeyValues(options.tags),
    });
    return modelVersionFromWire(answer.model_version);
  }

  /** REST API "Get ModelVersion" (GET model-versions/get). */
  async getModelVersion(name: string, version: string): Promise<ModelVersion> {
    assertModelName(name);
    assertModelVersion(version);
    const answer = await this.http.callJson<{ model_version: WireModelVersion }>('GET', 'model-versions/get', { name, version });
    return modelVersionFromWire(answer.model_version);
  }

  /**
   * REST API "Search ModelVersions" (GET model-versions/search) with `filter=name='<name>'`, following
   * `next_page_token`; then "Get RegisteredModel" for the aliases, which MLflow's search never returns
   * (https://github.com/mlflow/mlflow/issues/9783, still open as #16734 on 3.x).
   */
  async searchModelVersions(name: string): Promise<ModelVersion[]> {
    assertModelName(name);
    if (name.includes("'")) {
      throw new RegistryError('INVALID_PARAMETER_VALUE', `model name ${JSON.stringify(name)} contains a single quote, which an MLflow search filter cannot carry`);
    }
    const versions: ModelVersion[] = [];
    let pageToken: string | undefined;
    do {
      const answer = await this.http.callJson<{ model_versions?: WireModelVersion[]; next_page_token?: string }>('GET', 'model-versions/search', {
        filter: `name='${name}'`,
        max_results: searchPageSize,
        page_token: pageToken,
      });
      versions.push(...(answer.model_versions ?? []).map(modelVersionFromWire));
      pageToken = answer.next_page_token === '' ? undefined : answer.next_page_token;
    } while (pageToken !== undefined);
    versions.sort((a, b) => Number(a.version) - Number(b.version));
    if (versions.length === 0) return versions;
    const { aliases } = await this.getRegisteredModel(name);
    return versions.map((version) => ({ ...version, aliases: aliasesPointingAt(version.version, aliases) }));
  }

  /** REST API "Set Model Version Tag" (POST model-versions/set-tag): `name`, `version`, `key`, `value`. */
  async setModelVersionTag(name: string, version: string, key: string, value: string): Promise<void> {
    assertModelName(name);
    assertModelVersion(version);
    this.assertVersionTags({ [key]: value });
    await this.http.callJson('POST', 'model-versions/set-tag', { name, version, key, value });
  }

  /** REST API "Set Registered Model Alias" (POST registered-models/alias): `name`, `alias`, `version`. */
  async setAlias(name: string, alias: string, version: string): Promise<void> {
    assertModelName(name);
    assertAliasName(alias);
    assertModelVersion(version);
    await this.http.callJson('POST', 'registered-models/alias', { name, alias, version });
  }

  /** REST API "Delete Registered Model Alias" (DELETE registered-models/alias, JSON body `name`, `alias`). */
  async deleteAlias(name: string, alias: string): Promise<void> {
    assertModelName(name);
    assertAliasName(alias);
    await this.http.callJson('DELETE', 'registered-models/alias', { name, alias });
  }

  /**
   * REST API "Get Model Version by Alias" (GET registered-models/alias). MLflow's stores answer an unset
   * alias with 400 INVALID_PARAMETER_VALUE "Registered model alias <alias> not found."
   * (`get_model_version_by_alias` in `mlflow/store/model_registry/`), which this turns into undefined.
   */
  async getVersionByAlias(name: string, alias: string): Promise<ModelVersion | undefined> {
    assertModelName(name);
    assertAliasName(alias);
    try {
      const answer = await this.http.callJson<{ model_version: WireModelVersion }>('GET', 'registered-models/alias', { name, alias });
      return modelVersionFromWire(answer.model_version);
    } catch (error) {
      const aliasNotFound = isRegistryError(error, 'INVALID_PARAMETER_VALUE') && /alias .* not found/i.test(error.message);
      if (aliasNotFound || isRegistryError(error, 'RESOURCE_DOES_NOT_EXIST')) return undefined;
      throw error;
    }
  }

  /**
   * REST API "Get Download URI For ModelVersion Artifacts" (GET model-versions/get-download-uri) →
   * `artifact_uri`, a `runs:/` source unchanged; {@link MlflowRegistry.downloadModelVersion} resolves it through the run.
   */
  async getDownloadUri(name: string, version: string): Promise<string> {
    assertModelName(name);
    assertModelVersion(version);
    const answer = await this.http.callJson<{ artifact_uri: string }>('GET', 'model-versions/get-download-uri', { name, version });
    return answer.artifact_uri;
  }

  async downloadModelVersion(name: string, version: string): Promise<Map<string, Uint8Array>> {
    return (await this.directoryAt(await this.getDownloadUri(name, version))).readAll();
  }

  private assertVersionTags(tags: Readonly<Record<string, string>> | undefined): void {
    for (const [key, value] of Object.entries(tags ?? {})) {
      assertEntityKey('tag', key);
      assertMaxLength(`model version tag ${key} value`, value, entityLimits.modelVersionTagValueLength);
    }
  }

  private async runArtifactUri(runId: string): Promise<string> {
    return this.artifactUris.get(runId) ?? (await this.getRun(runId)).artifactUri;
  }

  protected async runArtifacts(runId: string): Promise<ArtifactDirectory> {
    return this.directoryAt(await this.runArtifactUri(runId));
  }

  /** Picks the store by the URI's scheme, as MLflow's artifact repository registry does. */
  private async directoryAt(uri: string): Promise<ArtifactDirectory> {
    const location = parseArtifactUri(uri);
    switch (location.kind) {
      case 'mlflow-artifacts':
        return proxyArtifactDirectory(this.http, location.path);
      case 's3':
        if (this.s3Client === undefined) {
          throw new RegistryError('INVALID_STATE', `artifacts at ${uri} live in S3, but this MLflow registry has no s3 settings; pass s3: { endpoint, credentials }`);
        }
        return s3ArtifactDirectory(this.s3Client, location.bucket, location.key);
      case 'runs':
        return this.directoryAt(joinArtifactPath(await this.runArtifactUri(location.runId), location.path));
      case 'file':
        throw new RegistryError(
          'INVALID_STATE',
          `the tracking server stores artifacts at ${uri}, a path on its own disk; start it with --serve-artifacts (the mlflow-artifacts proxy) or an s3:// artifact root`,
        );
    }
  }
}
