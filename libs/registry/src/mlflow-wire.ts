/**
 * MLflow's JSON structures as the REST API documents them (https://mlflow.org/docs/latest/rest-api.html,
 * "Data Structures"), and their conversion to the registry's types. Field names are MLflow's, snake_case.
 * MLflow leaves out empty lists and unset fields, hence the optional members. The fake server in
 * `test-support` builds its answers from these same types.
 */
import { latestMetrics } from './latest-metrics.ts';
import type { MetricPoint } from './log-batch.ts';
import type { Experiment, ModelVersion, RegisteredModel, Run, RunStatus } from './model-registry.ts';

/** `RunTag`, `Param`, `ExperimentTag`, `RegisteredModelTag`, `ModelVersionTag`. */
export interface WireKeyValue {
  readonly key: string;
  readonly value: string;
}

/** `Metric`. */
export interface WireMetric {
  readonly key: string;
  readonly value: number;
  readonly timestamp: number;
  readonly step?: number;
}

/** `Experiment`. */
export interface WireExperiment {
  readonly experiment_id: string;
  readonly name: string;
  readonly artifact_location?: string;
  readonly lifecycle_stage?: string;
  readonly creation_time?: number;
  readonly last_update_time?: number;
  readonly tags?: readonly WireKeyValue[];
}

/** `RunInfo`. */
export interface WireRunInfo {
  readonly run_id: string;
  readonly run_uuid?: string;
  readonly run_name?: string;
  readonly experiment_id: string;
  readonly user_id?: string;
  readonly status?: RunStatus;
  readonly start_time?: number;
  readonly end_time?: number;
  readonly artifact_uri?: string;
  readonly lifecycle_stage?: string;
}

/** `RunData`. */
export interface WireRunData {
  readonly metrics?: readonly WireMetric[];
  readonly params?: readonly WireKeyValue[];
  readonly tags?: readonly WireKeyValue[];
}

/** `Run`. */
export interface WireRun {
  readonly info: WireRunInfo;
  readonly data?: WireRunData;
}

/** `RegisteredModelAlias`. */
export interface WireRegisteredModelAlias {
  readonly alias: string;
  readonly version: string;
}

/** `RegisteredModel`. */
export interface WireRegisteredModel {
  readonly name: string;
  readonly creation_timestamp?: number;
  readonly last_updated_timestamp?: number;
  readonly description?: string;
  readonly tags?: readonly WireKeyValue[];
  readonly aliases?: readonly WireRegisteredModelAlias[];
}

/** `ModelVersion`. */
export interface WireModelVersion {
  readonly name: string;
  readonly version: string;
  readonly creation_timestamp?: number;
  readonly last_updated_timestamp?: number;
  readonly current_stage?: string;
  readonly source?: string;
  readonly run_id?: string;
  readonly status?: string;
  readonly tags?: readonly WireKeyValue[];
  readonly aliases?: readonly string[];
}

/** `FileInfo` of the artifact proxy's list endpoint (`mlflow/protos/mlflow_artifacts.proto`). */
export interface WireFileInfo {
  readonly path: string;
  readonly is_dir?: boolean;
  readonly file_size?: number;
}

/** Turns a record into the `[{ key, value }]` list MLflow sends for tags and params. */
export function toWireKeyValues(record: Readonly<Record<string, string>> | undefined): WireKeyValue[] {
  return Object.entries(record ?? {}).map(([key, value]) => ({ key, value }));
}

/** Turns a `[{ key, value }]` list back into a record; a later entry wins, as for tags. */
export function fromWireKeyValues(list: readonly WireKeyValue[] | undefined): Record<string, string> {
  return Object.fromEntries((list ?? []).map(({ key, value }) => [key, value]));
}

export function experimentFromWire(wire: WireExperiment): Experiment {
  return { experimentId: wire.experiment_id, name: wire.name, artifactLocation: wire.artifact_location ?? '' };
}

export function runFromWire(wire: WireRun): Run {
  const { info, data } = wire;
  const history = (data?.metrics ?? []).map((metric): MetricPoint => ({ ...metric, value: Number(metric.value), step: Number(metric.step ?? 0) }));
  return {
    runId: info.run_id,
    experimentId: info.experiment_id,
    runName: info.run_name,
    status: info.status ?? 'RUNNING',
    startTime: Number(info.start_time ?? 0),
    endTime: info.end_time === undefined ? undefined : Number(info.end_time),
    artifactUri: info.artifact_uri ?? '',
    params: fromWireKeyValues(data?.params),
    metrics: latestMetrics(history),
    tags: fromWireKeyValues(data?.tags),
  };
}

export function registeredModelFromWire(wire: WireRegisteredModel): RegisteredModel {
  return {
    name: wire.name,
    creationTimestamp: Number(wire.creation_timestamp ?? 0),
    lastUpdatedTimestamp: Number(wire.last_updated_timestamp ?? wire.creation_timestamp ?? 0),
    aliases: Object.fromEntries((wire.aliases ?? []).map(({ alias, version }) => [alias, version])),
    tags: fromWireKeyValues(wire.tags),
  };
}

export function modelVersionFromWire(wire: WireModelVersion): ModelVersion {
  return {
    name: wire.name,
    version: String(wire.version),
    runId: wire.run_id === undefined || wire.run_id === '' ? undefined : wire.run_id,
    source: wire.source ?? '',
    status: wire.status ?? 'READY',
    creationTimestamp: Number(wire.creation_timestamp ?? 0),
    tags: fromWireKeyValues(wire.tags),
    aliases: [...(wire.aliases ?? [])].sort(),
  };
}
