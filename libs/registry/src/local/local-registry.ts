import { randomUUID } from 'node:crypto';
import { unlink } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { applyLogBatch } from '../apply-log-batch.ts';
import type { ArtifactDirectory } from '../artifact-directory.ts';
import { joinArtifactPath } from '../artifact-path.ts';
import { parseArtifactUri } from '../artifact-uri.ts';
import { assertEntityKey, assertMaxLength, entityLimits } from '../entity-limits.ts';
import { getOrCreate } from '../get-or-create.ts';
import { RegistryBase } from '../registry-base.ts';
import { normalizeLogBatch } from '../log-batch.ts';
import {
  experimentFromWire,
  modelVersionFromWire,
  registeredModelFromWire,
  runFromWire,
  toWireKeyValues,
  type WireExperiment,
  type WireModelVersion,
  type WireRegisteredModel,
  type WireRegisteredModelAlias,
  type WireRun,
} from '../mlflow-wire.ts';
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
import { RegistryError } from '../registry-error.ts';
import { assertAliasName, assertExperimentId, assertExperimentName, assertModelName, assertModelVersion, assertRunId } from '../registry-names.ts';
import { createFileExclusive, errorCode, listNames, readJsonFile, toJsonText, writeFileAtomic } from './atomic-file.ts';
import { KeyLock } from './key-lock.ts';
import { localArtifactDirectory } from './local-artifact-directory.ts';
import { LocalPaths, localLayout } from './local-layout.ts';

/** Options of {@link LocalRegistry}. */
export interface LocalRegistryOptions {
  /** @default Date.now */
  readonly now?: () => number;
}

/** The integers among `names` once their extension is cut, e.g. `["1.json", "2.json"]` → `[1, 2]`. */
function numberedNames(names: readonly string[]): number[] {
  return names
    .filter((name) => name.endsWith(localLayout.jsonExtension))
    .map((name) => Number(name.slice(0, -localLayout.jsonExtension.length)))
    .filter((value) => Number.isSafeInteger(value) && value > 0);
}

/**
 * {@link ModelRegistry} on the local file system: the embedded default when no MLflow server is
 * configured. It keeps MLflow's semantics and error codes, and stores MLflow's own JSON structures
 * (layout in `local-layout.ts`). Every file is written whole and atomically (temporary file, then
 * rename or link), so a crash never leaves half a file; new IDs, versions and names are claimed with
 * exclusive creates, so concurrent processes never get the same one.
 */
export class LocalRegistry extends RegistryBase implements ModelRegistry {
  private readonly paths: LocalPaths;
  private readonly now: () => number;
  private readonly lock = new KeyLock();

  /** `root` is the registry directory, e.g. `.millwright/registry` or `$MILLWRIGHT_HOME/registry`. */
  constructor(root: string, options: LocalRegistryOptions = {}) {
    super();
    this.paths = new LocalPaths(root);
    this.now = options.now ?? Date.now;
  }

  async getOrCreateExperiment(name: string): Promise<Experiment> {
    assertExperimentName(name);
    return getOrCreate(
      () => this.getExperimentByName(name),
      () => this.createExperiment(name),
    );
  }

  async createRun(experimentId: string, options: CreateRunOptions = {}): Promise<Run> {
    assertExperimentId(experimentId);
    for (const key of Object.keys(options.tags ?? {})) assertEntityKey('tag', key);
    if ((await readJsonFile<WireExperiment>(this.paths.experimentFile(experimentId))) === undefined) {
      throw new RegistryError('RESOURCE_DOES_NOT_EXIST', `No Experiment with id=${experimentId} exists`);
    }
    const runId = randomUUID().replaceAll('-', '');
    const runNameTag: Record<string, string> = options.runName === undefined ? {} : { 'mlflow.runName': options.runName };
    const run: WireRun = {
      info: { run_id: runId, run_uuid: runId, run_name: options.runName, experiment_id: experimentId, status: 'RUNNING', start_time: this.now(), lifecycle_stage: 'active' },
      data: { metrics: [], params: [], tags: toWireKeyValues({ ...options.tags, ...runNameTag }) },
    };
    await writeFileAtomic(this.paths.runFile(runId), toJsonText(run), this.paths.tempDir);
    return this.toRun(run);
  }

  async logBatch(runId: string, batch: LogBatchInput): Promise<void> {
    const chunk = normalizeLogBatch(batch, this.now());
    await this.updateRun(runId, (run) => ({ ...run, data: applyLogBatch(runId, run.data ?? {}, chunk) }));
  }

  async finishRun(runId: string, status: FinalRunStatus = 'FINISHED'): Promise<void> {
    await this.updateRun(runId, (run) => ({ ...run, info: { ...run.info, status, end_time: this.now() } }));
  }

  async getRun(runId: string): Promise<Run> {
    return this.toRun(await this.readRun(runId));
  }

  async createRegisteredModel(name: string): Promise<RegisteredModel> {
    assertModelName(name);
    const now = this.now();
    const model: WireRegisteredModel = { name, creation_timestamp: now, last_updated_timestamp: now };
    if (!(await createFileExclusive(this.paths.registeredModelFile(name), toJsonText(model), this.paths.tempDir))) {
      throw new RegistryError('RESOURCE_ALREADY_EXISTS', `Registered Model (name=${name}) already exists.`);
    }
    return registeredModelFromWire(model);
  }

  async getRegisteredModel(name: string): Promise<RegisteredModel> {
    assertModelName(name);
    const model = await this.readRegisteredModel(name);
    return registeredModelFromWire({ ...model, aliases: await this.readAliases(name) });
  }

  async createModelVersion(name: string, options: CreateModelVersionOptions): Promise<ModelVersion> {
    assertModelName(name);
    for (const [key, value] of Object.entries(options.tags ?? {})) {
      assertEntityKey('tag', key);
      assertMaxLength(`model version tag ${key} value`, value, entityLimits.modelVersionTagValueLength);
    }
    await this.readRegisteredModel(name);
    const source = options.source ?? (await this.getRun(options.runId)).artifactUri;
    const location = parseArtifactUri(source);
    if (location.kind !== 'file' && location.kind !== 'runs') {
      throw new RegistryError('INVALID_PARAMETER_VALUE', `source ${source} is not readable by the local registry; use a file: URI or runs:/<run id>/<path>`);
    }
    const now = this.now();
    let next = Math.max(0, ...numberedNames(await listNames(this.paths.versionsDir(name)))) + 1;
    for (;;) {
      const version: WireModelVersion = {
        name,
        version: String(next),
        creation_timestamp: now,
        last_updated_timestamp: now,
        current_stage: 'None',
        source,
        run_id: options.runId,
        status: 'READY',
        tags: toWireKeyValues(options.tags),
      };
      // Another process may claim the same number first; the loser takes the next one.
      if (await createFileExclusive(this.paths.versionFile(name, version.version), toJsonText(version), this.paths.tempDir)) {
        await this.lock.run(this.paths.registeredModelFile(name), async () => {
          const model = await this.readRegisteredModel(name);
          await writeFileAtomic(this.paths.registeredModelFile(name), toJsonText({ ...model, last_updated_timestamp: now }), this.paths.tempDir);
        });
        return modelVersionFromWire(version);
      }
      next += 1;
    }
  }

  async getModelVersion(name: string, version: string): Promise<ModelVersion> {
    assertModelName(name);
    assertModelVersion(version);
    const stored = await this.readVersion(name, version);
    const aliases = (await this.readAliases(name)).filter((alias) => alias.version === version).map((alias) => alias.alias);
    return modelVersionFromWire({ ...stored, aliases });
  }

  async searchModelVersions(name: string): Promise<ModelVersion[]> {
    assertModelName(name);
    const numbers = numberedNames(await listNames(this.paths.versionsDir(name))).sort((a, b) => a - b);
    return Promise.all(numbers.map((number) => this.getModelVersion(name, String(number))));
  }

  async setModelVersionTag(name: string, version: string, key: string, value: string): Promise<void> {
    assertModelName(name);
    assertModelVersion(version);
    assertEntityKey('tag', key);
    assertMaxLength(`model version tag ${key} value`, value, entityLimits.modelVersionTagValueLength);
    const file = this.paths.versionFile(name, version);
    await this.lock.run(file, async () => {
      const stored = await this.readVersion(name, version);
      const tags = [...(stored.tags ?? []).filter((tag) => tag.key !== key), { key, value }];
      await writeFileAtomic(file, toJsonText({ ...stored, tags, last_updated_timestamp: this.now() }), this.paths.tempDir);
    });
  }

  async setAlias(name: string, alias: string, version: string): Promise<void> {
    assertModelName(name);
    assertAliasName(alias);
    assertModelVersion(version);
    await this.readVersion(name, version);
    const record: WireRegisteredModelAlias = { alias, version };
    await writeFileAtomic(this.paths.aliasFile(name, alias), toJsonText(record), this.paths.tempDir);
  }

  async deleteAlias(name: string, alias: string): Promise<void> {
    assertModelName(name);
    assertAliasName(alias);
    try {
      await unlink(this.paths.aliasFile(name, alias));
    } catch (error) {
      if (errorCode(error) !== 'ENOENT') throw error;
    }
  }

  async getVersionByAlias(name: string, alias: string): Promise<ModelVersion | undefined> {
    assertModelName(name);
    assertAliasName(alias);
    const record = await readJsonFile<WireRegisteredModelAlias>(this.paths.aliasFile(name, alias));
    return record === undefined ? undefined : this.getModelVersion(name, record.version);
  }

  /** The source as registered, a `runs:/` one unchanged, as MLflow's `get-download-uri` answers. */
  async getDownloadUri(name: string, version: string): Promise<string> {
    return (await this.getModelVersion(name, version)).source;
  }

  async downloadModelVersion(name: string, version: string): Promise<Map<string, Uint8Array>> {
    const source = await this.getDownloadUri(name, version);
    const registered = parseArtifactUri(source);
    const uri = registered.kind === 'runs' ? joinArtifactPath((await this.getRun(registered.runId)).artifactUri, registered.path) : source;
    const location = parseArtifactUri(uri);
    if (location.kind !== 'file') {
      throw new RegistryError('INVALID_STATE', `model ${name} version ${version} lives at ${uri}, which the local registry cannot read`);
    }
    return localArtifactDirectory(location.directory, this.paths.tempDir).readAll();
  }

  private async getExperimentByName(name: string): Promise<Experiment> {
    const index = await readJsonFile<{ experiment_id: string }>(this.paths.experimentNameFile(name));
    const experiment = index === undefined ? undefined : await readJsonFile<WireExperiment>(this.paths.experimentFile(index.experiment_id));
    if (experiment === undefined) throw new RegistryError('RESOURCE_DOES_NOT_EXIST', `Could not find experiment with name ${name}`);
    return experimentFromWire(experiment);
  }

  /** Claims the next free experiment ID, then the name; a process that loses the name race gives its ID back. */
  private async createExperiment(name: string): Promise<Experiment> {
    let next = Math.max(0, ...numberedNames(await listNames(this.paths.experimentsDir))) + 1;
    let experiment: WireExperiment;
    for (;;) {
      experiment = {
        experiment_id: String(next),
        name,
        artifact_location: pathToFileURL(this.paths.runsDir).href,
        lifecycle_stage: 'active',
        creation_time: this.now(),
      };
      if (await createFileExclusive(this.paths.experimentFile(experiment.experiment_id), toJsonText(experiment), this.paths.tempDir)) break;
      next += 1;
    }
    const index = toJsonText({ experiment_id: experiment.experiment_id });
    if (!(await createFileExclusive(this.paths.experimentNameFile(name), index, this.paths.tempDir))) {
      await unlink(this.paths.experimentFile(experiment.experiment_id));
      throw new RegistryError('RESOURCE_ALREADY_EXISTS', `Experiment '${name}' already exists.`);
    }
    return experimentFromWire(experiment);
  }

  private async readRun(runId: string): Promise<WireRun> {
    assertRunId(runId);
    const run = await readJsonFile<WireRun>(this.paths.runFile(runId));
    if (run === undefined) throw new RegistryError('RESOURCE_DOES_NOT_EXIST', `Run with id=${runId} not found`);
    return run;
  }

  private async updateRun(runId: string, change: (run: WireRun) => WireRun): Promise<void> {
    const file = this.paths.runFile(runId);
    await this.lock.run(file, async () => {
      const updated = change(await this.readRun(runId));
      await writeFileAtomic(file, toJsonText(updated), this.paths.tempDir);
    });
  }

  /** The run as the interface reports it; the artifact URI follows the registry root wherever it now is. */
  private toRun(run: WireRun): Run {
    return runFromWire({ ...run, info: { ...run.info, artifact_uri: pathToFileURL(this.paths.runArtifactsDir(run.info.run_id)).href } });
  }

  protected async runArtifacts(runId: string): Promise<ArtifactDirectory> {
    await this.readRun(runId);
    return localArtifactDirectory(this.paths.runArtifactsDir(runId), this.paths.tempDir);
  }

  private async readRegisteredModel(name: string): Promise<WireRegisteredModel> {
    const model = await readJsonFile<WireRegisteredModel>(this.paths.registeredModelFile(name));
    if (model === undefined) throw new RegistryError('RESOURCE_DOES_NOT_EXIST', `Registered Model with name=${name} not found`);
    return model;
  }

  private async readVersion(name: string, version: string): Promise<WireModelVersion> {
    const stored = await readJsonFile<WireModelVersion>(this.paths.versionFile(name, version));
    if (stored === undefined) throw new RegistryError('RESOURCE_DOES_NOT_EXIST', `Model Version (name=${name}, version=${version}) not found`);
    return stored;
  }

  private async readAliases(name: string): Promise<WireRegisteredModelAlias[]> {
    const names = (await listNames(this.paths.aliasesDir(name))).filter((file) => file.endsWith(localLayout.jsonExtension)).sort();
    const records = await Promise.all(names.map((file) => readJsonFile<WireRegisteredModelAlias>(this.paths.aliasFile(name, file.slice(0, -localLayout.jsonExtension.length)))));
    return records.filter((record): record is WireRegisteredModelAlias => record !== undefined);
  }
}
