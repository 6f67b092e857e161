import { randomUUID } from 'node:crypto';
import { applyLogBatch } from '../apply-log-batch.ts';
import { latestMetricPoints } from '../latest-metrics.ts';
import { logBatchLimits, normalizeLogBatch } from '../log-batch.ts';
import type { WireExperiment, WireRun } from '../mlflow-wire.ts';
import type { MetricInput, RunStatus } from '../model-registry.ts';
import { RegistryError } from '../registry-error.ts';
import { keyValueList, objectList, optionalInteger, optionalString, requiredString, withoutEmptyFields, type RequestParams } from './fake-mlflow-params.ts';

const runStatuses: readonly RunStatus[] = ['RUNNING', 'SCHEDULED', 'FINISHED', 'FAILED', 'KILLED'];

/**
 * The tracking half of the fake MLflow server, in memory: experiments and runs as the REST API documents
 * them (https://mlflow.org/docs/latest/rest-api.html, "Create Experiment" to "Log Batch"), with the
 * server's error codes and messages. Artifact locations follow `mlflow server --serve-artifacts`:
 * experiment `<id>` gets `mlflow-artifacts:/<id>`, its runs `<location>/<run id>/artifacts`.
 */
export class FakeMlflowTracking {
  private readonly experiments = new Map<string, WireExperiment>();
  private readonly runs = new Map<string, WireRun>();
  private nextExperimentId = 1;

  constructor(private readonly now: () => number) {
    // Every MLflow server starts with the "Default" experiment, ID 0.
    this.experiments.set('0', { experiment_id: '0', name: 'Default', artifact_location: 'mlflow-artifacts:/0', lifecycle_stage: 'active' });
  }

  /** POST experiments/create: `name`, `artifact_location` → `{ experiment_id }`. */
  createExperiment(params: RequestParams): { experiment_id: string } {
    const name = requiredString(params, 'name');
    if ([...this.experiments.values()].some((experiment) => experiment.name === name)) {
      throw new RegistryError('RESOURCE_ALREADY_EXISTS', `Experiment '${name}' already exists.`);
    }
    const id = String(this.nextExperimentId++);
    const location = optionalString(params, 'artifact_location') ?? `mlflow-artifacts:/${id}`;
    const now = this.now();
    this.experiments.set(id, { experiment_id: id, name, artifact_location: location, lifecycle_stage: 'active', creation_time: now, last_update_time: now });
    return { experiment_id: id };
  }

  /** GET experiments/get-by-name: `experiment_name` → `{ experiment }`. */
  getExperimentByName(params: RequestParams): { experiment: WireExperiment } {
    const name = requiredString(params, 'experiment_name');
    const experiment = [...this.experiments.values()].find((candidate) => candidate.name === name);
    if (experiment === undefined) throw new RegistryError('RESOURCE_DOES_NOT_EXIST', `Could not find experiment with name ${name}`);
    return { experiment };
  }

  /** GET experiments/get: `experiment_id` → `{ experiment }`. */
  getExperiment(params: RequestParams): { experiment: WireExperiment } {
    const id = requiredString(params, 'experiment_id');
    const experiment = this.experiments.get(id);
    if (experiment === undefined) throw new RegistryError('RESOURCE_DOES_NOT_EXIST', `No Experiment with id=${id} exists`);
    return { experiment };
  }

  /** POST runs/create: `experiment_id`, `run_name`, `start_time`, `tags` → `{ run }`. */
  createRun(params: RequestParams): { run: WireRun } {
    const experimentId = requiredString(params, 'experiment_id');
    const experiment = this.getExperiment({ experiment_id: experimentId }).experiment;
    const runId = randomUUID().replaceAll('-', '');
    const runName = optionalString(params, 'run_name');
    const tags = keyValueList(params, 'tags');
    // The server mirrors the run name into the `mlflow.runName` tag.
    if (runName !== undefined && !tags.some((tag) => tag.key === 'mlflow.runName')) tags.push({ key: 'mlflow.runName', value: runName });
    const run: WireRun = {
      info: {
        run_id: runId,
        run_uuid: runId,
        run_name: runName,
        experiment_id: experimentId,
        status: 'RUNNING',
        start_time: optionalInteger(params, 'start_time') ?? this.now(),
        artifact_uri: `${experiment.artifact_location}/${runId}/artifacts`,
        lifecycle_stage: 'active',
      },
      data: { metrics: [], params: [], tags },
    };
    this.runs.set(runId, run);
    return this.getRun({ run_id: runId });
  }

  /** POST runs/update: `run_id`, `status`, `end_time`, `run_name` → `{ run_info }`. */
  updateRun(params: RequestParams): { run_info: WireRun['info'] } {
    const run = this.requireRun(requiredString(params, 'run_id'));
    const status = optionalString(params, 'status');
    if (status !== undefined && !runStatuses.includes(status as RunStatus)) {
      throw new RegistryError('INVALID_PARAMETER_VALUE', `Invalid value "${status}" for parameter 'status' supplied.`);
    }
    const info = {
      ...run.info,
      ...(status === undefined ? {} : { status: status as RunStatus }),
      ...(params.end_time === undefined ? {} : { end_time: optionalInteger(params, 'end_time') }),
      ...(params.run_name === undefined ? {} : { run_name: optionalString(params, 'run_name') }),
    };
    this.runs.set(info.run_id, { ...run, info });
    return { run_info: withoutEmptyFields(info) };
  }

  /** GET runs/get: `run_id` → `{ run }` with only the latest value of each metric. */
  getRun(params: RequestParams): { run: WireRun } {
    const run = this.requireRun(requiredString(params, 'run_id'));
    const data = run.data ?? {};
    const metrics = latestMetricPoints((data.metrics ?? []).map((metric) => ({ ...metric, step: metric.step ?? 0 })));
    return { run: { info: withoutEmptyFields(run.info), data: withoutEmptyFields({ metrics, params: data.params ?? [], tags: data.tags ?? [] }) } };
  }

  /**
   * POST runs/log-batch: `run_id`, `metrics`, `params`, `tags` → `{}`. Refuses requests over the
   * documented limits with the server's message (`_validate_batch_log_limits`), so a client that does
   * not split large batches fails here as it would against MLflow.
   */
  logBatch(params: RequestParams, bodyBytes: number): Record<string, never> {
    if (bodyBytes > logBatchLimits.bytes) {
      throw new RegistryError('INVALID_PARAMETER_VALUE', `Batched logging API requests must be at most ${logBatchLimits.bytes} bytes, got a request of size ${bodyBytes}.`);
    }
    const runId = requiredString(params, 'run_id');
    const metrics = objectList(params, 'metrics');
    const paramList = keyValueList(params, 'params');
    const tags = keyValueList(params, 'tags');
    const counts: [string, number, number][] = [
      ['metrics', metrics.length, logBatchLimits.metrics],
      ['params', paramList.length, logBatchLimits.params],
      ['tags', tags.length, logBatchLimits.tags],
      ['metrics, params, and tags', metrics.length + paramList.length + tags.length, logBatchLimits.total],
    ];
    for (const [entity, count, limit] of counts) {
      if (count > limit) {
        throw new RegistryError(
          'INVALID_PARAMETER_VALUE',
          `A batch logging request can contain at most ${limit} ${entity}. Got ${count} ${entity}. Please split up ${entity} across multiple requests and try again.`,
        );
      }
    }
    const duplicates = paramList.map((param) => param.key).filter((key, index, keys) => keys.indexOf(key) !== index);
    if (duplicates.length > 0) {
      throw new RegistryError('INVALID_PARAMETER_VALUE', `Duplicate parameter keys have been submitted: ${JSON.stringify(duplicates)}. Please ensure the request contains only one param value per param key.`);
    }
    const run = this.requireRun(runId);
    const metricInputs = metrics.map((metric): MetricInput => ({
      key: requiredString(metric, 'key'),
      value: metric.value as number,
      timestamp: optionalInteger(metric, 'timestamp'),
      step: optionalInteger(metric, 'step'),
    }));
    const batch = normalizeLogBatch(
      { metrics: metricInputs, params: Object.fromEntries(paramList.map((p) => [p.key, p.value])), tags: Object.fromEntries(tags.map((t) => [t.key, t.value])) },
      this.now(),
    );
    this.runs.set(runId, { ...run, data: applyLogBatch(runId, run.data ?? {}, batch) });
    return {};
  }

  private requireRun(runId: string): WireRun {
    const run = this.runs.get(runId);
    if (run === undefined) throw new RegistryError('RESOURCE_DOES_NOT_EXIST', `Run with id=${runId} not found`);
    return run;
  }
}
