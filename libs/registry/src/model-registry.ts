/**
 * The model registry the trainer writes to and the serving API reads from. Two implementations pass
 * one contract suite: `MlflowRegistry` (MLflow's REST API, https://mlflow.org/docs/latest/rest-api.html)
 * and `LocalRegistry` (files under a directory, the embedded default). Every failure is a
 * `RegistryError` with MLflow's error codes.
 */

/** The alias the serving API resolves: the model version in production. */
export const championAlias = 'champion';

/** The alias of a candidate version under evaluation (shadow or canary traffic). */
export const challengerAlias = 'challenger';

/** A run's lifecycle state, MLflow's `RunStatus` enum (REST API, "RunStatus"). */
export type RunStatus = 'RUNNING' | 'SCHEDULED' | 'FINISHED' | 'FAILED' | 'KILLED';

/** The statuses that end a run. */
export type FinalRunStatus = 'FINISHED' | 'FAILED' | 'KILLED';

/** An experiment: a named group of runs (REST API, "Experiment"). */
export interface Experiment {
  readonly experimentId: string;
  readonly name: string;
  /** Where the artifacts of the experiment's runs live, e.g. `mlflow-artifacts:/1` or `s3://bucket/mlflow/1`. */
  readonly artifactLocation: string;
}

/** Options of {@link ModelRegistry.createRun}. */
export interface CreateRunOptions {
  /** A human-readable name. @default none (MLflow then picks one) */
  readonly runName?: string;
  /** Tags set when the run starts. @default no tags */
  readonly tags?: Readonly<Record<string, string>>;
}

/** A run: one execution of a pipeline step, with its params, metrics, tags and artifacts (REST API, "Run"). */
export interface Run {
  readonly runId: string;
  readonly experimentId: string;
  readonly runName: string | undefined;
  readonly status: RunStatus;
  /** Unix time in milliseconds. */
  readonly startTime: number;
  /** Unix time in milliseconds; undefined while the run is active. */
  readonly endTime: number | undefined;
  /** The root URI of the run's artifacts, e.g. `mlflow-artifacts:/1/<run id>/artifacts`. */
  readonly artifactUri: string;
  readonly params: Readonly<Record<string, string>>;
  /**
   * The latest value of each metric, as MLflow's stores keep it: the value with the highest step, then
   * the latest timestamp, then the largest value (the REST API's "Get Run" text names only the timestamp).
   */
  readonly metrics: Readonly<Record<string, number>>;
  readonly tags: Readonly<Record<string, string>>;
}

/** One metric observation (REST API, "Metric"). */
export interface MetricInput {
  readonly key: string;
  /** A finite number. */
  readonly value: number;
  /** Unix time in milliseconds. @default the registry's clock at the call */
  readonly timestamp?: number;
  /** The training step. @default 0 */
  readonly step?: number;
}

/** What {@link ModelRegistry.logBatch} records; any size: the registry splits it into MLflow's request limits. */
export interface LogBatchInput {
  /** Params are write-once: logging a different value for a logged key fails with INVALID_PARAMETER_VALUE. */
  readonly params?: Readonly<Record<string, string | number | boolean>>;
  /** Metric values append; a record means one observation per key at the current time, step 0. */
  readonly metrics?: readonly MetricInput[] | Readonly<Record<string, number>>;
  /** Tags overwrite. */
  readonly tags?: Readonly<Record<string, string>>;
}

/** A file among a run's artifacts. */
export interface ArtifactFile {
  /** The path relative to the run's artifact root, POSIX separators. */
  readonly path: string;
  /** The size in bytes. */
  readonly size: number;
}

/** A registered model (REST API, "RegisteredModel"). */
export interface RegisteredModel {
  readonly name: string;
  readonly creationTimestamp: number;
  readonly lastUpdatedTimestamp: number;
  /** Alias name to version, e.g. `{ champion: "3" }`. */
  readonly aliases: Readonly<Record<string, string>>;
  readonly tags: Readonly<Record<string, string>>;
}

/** Options of {@link ModelRegistry.createModelVersion}. */
export interface CreateModelVersionOptions {
  /** The run that produced the model. */
  readonly runId: string;
  /** Where the version's artifacts are, e.g. `${run.artifactUri}/model` or `runs:/<run id>/model`. @default the run's artifact root */
  readonly source?: string;
  /** Tags set on the new version. @default no tags */
  readonly tags?: Readonly<Record<string, string>>;
}

/** One version of a registered model (REST API, "ModelVersion"). */
export interface ModelVersion {
  readonly name: string;
  /** An increasing integer written as a string: "1", "2", ... */
  readonly version: string;
  readonly runId: string | undefined;
  readonly source: string;
  /** MLflow's `ModelVersionStatus`; READY once registered. */
  readonly status: string;
  readonly creationTimestamp: number;
  readonly tags: Readonly<Record<string, string>>;
  /** The aliases pointing at this version, sorted. */
  readonly aliases: readonly string[];
}

/** The registry operations the platform needs. Stages are deprecated in MLflow: promotion moves aliases. */
export interface ModelRegistry {
  /** Returns the experiment named `name`, creating it when there is none. */
  getOrCreateExperiment(name: string): Promise<Experiment>;
  /** Starts a RUNNING run in the experiment; RESOURCE_DOES_NOT_EXIST for an unknown experiment. */
  createRun(experimentId: string, options?: CreateRunOptions): Promise<Run>;
  /** Records params, metrics and tags, in as many requests as MLflow's limits require. */
  logBatch(runId: string, batch: LogBatchInput): Promise<void>;
  /** Ends the run with `status` and the current time. */
  finishRun(runId: string, status?: FinalRunStatus): Promise<void>;
  /** The run with its params, latest metrics and tags; RESOURCE_DOES_NOT_EXIST for an unknown run. */
  getRun(runId: string): Promise<Run>;
  /** Stores `bytes` at `path` under the run's artifact root, replacing any file there. */
  logArtifact(runId: string, path: string, bytes: Uint8Array): Promise<void>;
  /** The bytes stored at `path`; RESOURCE_DOES_NOT_EXIST when there is no such file. */
  downloadArtifact(runId: string, path: string): Promise<Uint8Array>;
  /** Every artifact file of the run, recursively, sorted by path. */
  listArtifacts(runId: string): Promise<ArtifactFile[]>;
  /** Creates a registered model; RESOURCE_ALREADY_EXISTS when the name is taken. */
  createRegisteredModel(name: string): Promise<RegisteredModel>;
  /** Returns the registered model, creating it when there is none. */
  ensureRegisteredModel(name: string): Promise<RegisteredModel>;
  /** The registered model; RESOURCE_DOES_NOT_EXIST when there is none. */
  getRegisteredModel(name: string): Promise<RegisteredModel>;
  /** Registers the next version ("1", "2", ...) of a registered model; RESOURCE_DOES_NOT_EXIST for an unknown model. */
  createModelVersion(name: string, options: CreateModelVersionOptions): Promise<ModelVersion>;
  /** One version; RESOURCE_DOES_NOT_EXIST when the model or the version does not exist. */
  getModelVersion(name: string, version: string): Promise<ModelVersion>;
  /** Every version of the model, in version order, each with the aliases pointing at it. */
  searchModelVersions(name: string): Promise<ModelVersion[]>;
  /** Sets (or replaces) a tag on a version, e.g. why it was or was not promoted. */
  setModelVersionTag(name: string, version: string, key: string, value: string): Promise<void>;
  /** Points `alias` at `version`, moving it if it pointed elsewhere; RESOURCE_DOES_NOT_EXIST for an unknown version. */
  setAlias(name: string, alias: string, version: string): Promise<void>;
  /** Removes the alias; removing an alias that is not set does nothing. */
  deleteAlias(name: string, alias: string): Promise<void>;
  /**
   * The version the alias points at, or undefined when the alias is not set. MLflow answers an unknown
   * model the same way ("Registered model alias ... not found"), so both registries return undefined then too.
   */
  getVersionByAlias(name: string, alias: string): Promise<ModelVersion | undefined>;
  /**
   * Where the version's artifacts are, as MLflow's `get-download-uri` answers: the storage location,
   * which is the source as registered, so a `runs:/<run id>/<path>` source comes back unchanged.
   */
  getDownloadUri(name: string, version: string): Promise<string>;
  /** Every artifact of the version, keyed by its path relative to the version's source (a `runs:/` source resolved through its run). */
  downloadModelVersion(name: string, version: string): Promise<Map<string, Uint8Array>>;
}
