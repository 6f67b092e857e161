/**
 * Keeps the served models current: resolves the `champion` (and, when a challenger mode is on,
 * `challenger`) alias, loads a new version next to the old one, warms it up, then swaps one
 * reference — a request reads the reference once, so it is answered wholly by one version and no
 * request ever sees a half-loaded model. The old version's session is released once its last
 * in-flight request is done. A version that fails to load is reported and the last good one keeps
 * serving; when the registry is unreachable the last resolved version is loaded from the disk cache.
 */
import { toFeatureVector } from '@millwright/contract';
import { challengerAlias, championAlias, type ModelRegistry } from '@millwright/registry';
import type { ServingMetrics } from '../metrics.ts';
import { loadModel, type LoadedModel } from './loaded-model.ts';
import type { ModelCache } from './model-cache.ts';

/** What one refresh did for one alias. */
export interface AliasRefresh {
  readonly alias: string;
  /** The version serving under the alias after the refresh (undefined: none). */
  readonly version: string | undefined;
  readonly changed: boolean;
  /** Why the alias could not be resolved or its version not loaded; the previous model keeps serving. */
  readonly error?: string;
}

/** Options of {@link ModelManager}. */
export interface ModelManagerOptions {
  readonly registry: ModelRegistry;
  readonly cache: ModelCache;
  readonly modelName: string;
  /** Whether the challenger alias is resolved too. */
  readonly withChallenger: boolean;
  readonly metrics: ServingMetrics;
  readonly log: { info(message: string): void; warn(message: string): void };
}

/** The served models of one registered model name. */
export class ModelManager {
  private championModel: LoadedModel | undefined;
  private challengerModel: LoadedModel | undefined;
  /** The refresh in progress, if any. */
  private running: Promise<AliasRefresh[]> | undefined;
  /** The refresh promised to callers that came while `running` was already reading the aliases. */
  private queued: Promise<AliasRefresh[]> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly retired = new Set<LoadedModel>();
  /** The last refresh's problems, for `GET /models`. */
  lastErrors: readonly string[] = [];

  constructor(private readonly options: ModelManagerOptions) {
    options.metrics.modelReady.set({ model: options.modelName }, 0);
  }

  get modelName(): string {
    return this.options.modelName;
  }

  /** The model answering requests, or undefined before one could be loaded. */
  get champion(): LoadedModel | undefined {
    return this.championModel;
  }

  get challenger(): LoadedModel | undefined {
    return this.challengerModel;
  }

  /** The loaded model with this version, if any. */
  byVersion(version: string): LoadedModel | undefined {
    if (this.championModel?.version === version) return this.championModel;
    if (this.challengerModel?.version === version) return this.challengerModel;
    return undefined;
  }

  /** Marks a request as scoring on `model` (see {@link ModelManager.release}). */
  acquire(model: LoadedModel): void {
    model.inFlight += 1;
  }

  /** The request scoring on `model` is done; a retired model's session is freed after its last one. */
  release(model: LoadedModel): void {
    model.inFlight -= 1;
    if (model.inFlight === 0 && this.retired.has(model)) this.free(model);
  }

  /**
   * Resolves the aliases and swaps in what moved; the answer reflects every alias move made before the
   * call. A refresh already running may have read an alias before the caller moved it, so the caller
   * does not join it: it waits for it, then gets a refresh that starts afterwards, shared with every
   * other caller that came meanwhile.
   */
  refresh(): Promise<AliasRefresh[]> {
    if (this.queued !== undefined) return this.queued;
    if (this.running === undefined) return this.begin();
    this.queued = this.running
      .catch(() => undefined)
      .then(() => {
        this.queued = undefined;
        return this.begin();
      });
    return this.queued;
  }

  /** Polls the registry every `intervalMs` (0: never); a poll is skipped while a refresh is running or queued. */
  startPolling(intervalMs: number): void {
    if (intervalMs <= 0 || this.timer !== undefined) return;
    this.timer = setInterval(() => {
      if (this.running === undefined && this.queued === undefined) void this.begin().catch(() => undefined);
    }, intervalMs);
    this.timer.unref();
  }

  /** Stops polling, waits for running and queued refreshes, and frees every session. */
  async close(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.queued?.catch(() => undefined);
    await this.running?.catch(() => undefined);
    for (const model of [this.championModel, this.challengerModel, ...this.retired]) if (model) await model.scorer.release().catch(() => undefined);
    this.championModel = undefined;
    this.challengerModel = undefined;
    this.retired.clear();
  }

  private begin(): Promise<AliasRefresh[]> {
    const refreshing = this.refreshAll().finally(() => {
      if (this.running === refreshing) this.running = undefined;
    });
    this.running = refreshing;
    return refreshing;
  }

  private async refreshAll(): Promise<AliasRefresh[]> {
    const results = [await this.refreshAlias(championAlias)];
    if (this.options.withChallenger) results.push(await this.refreshAlias(challengerAlias));
    this.lastErrors = results.flatMap((result) => (result.error === undefined ? [] : [`${result.alias}: ${result.error}`]));
    for (const message of this.lastErrors) this.options.log.warn(message);
    this.options.metrics.modelReady.set({ model: this.modelName }, this.championModel ? 1 : 0);
    return results;
  }

  private async refreshAlias(alias: string): Promise<AliasRefresh> {
    const { registry, cache, modelName } = this.options;
    const current = alias === championAlias ? this.championModel : this.challengerModel;
    let version: string | undefined;
    let source: 'registry' | 'cache' = 'registry';
    try {
      version = (await registry.getVersionByAlias(modelName, alias))?.version;
    } catch (error) {
      const reason = `registry unreachable (${(error as Error).message})`;
      if (current !== undefined) return { alias, version: current.version, changed: false, error: `${reason}; still serving version ${current.version}` };
      version = await cache.readAlias(modelName, alias);
      if (version === undefined || !cache.has(modelName, version)) return { alias, version: undefined, changed: false, error: `${reason} and no cached version` };
      source = 'cache';
    }
    if (version === undefined) {
      // The challenger was withdrawn; a champion alias that vanished keeps its last version serving.
      if (alias === challengerAlias && current !== undefined) {
        this.swap(alias, undefined);
        return { alias, version: undefined, changed: true };
      }
      return { alias, version: current?.version, changed: false, error: current ? undefined : `alias "${alias}" of "${modelName}" is not set` };
    }
    if (current?.version === version) return { alias, version, changed: false };
    try {
      let files: ReadonlyMap<string, Uint8Array>;
      if (cache.has(modelName, version)) files = await cache.read(modelName, version);
      else {
        files = await registry.downloadModelVersion(modelName, version);
        await cache.write(modelName, version, files);
      }
      const model = await loadModel(files, { name: modelName, version, alias, source }, (contract, input) => toFeatureVector(contract, input));
      if (source === 'registry') await cache.writeAlias(modelName, alias, version);
      this.swap(alias, model);
      this.options.log.info(`serving version ${version} of "${modelName}" as ${alias} (from the ${source})`);
      return { alias, version, changed: true };
    } catch (error) {
      return { alias, version: current?.version, changed: false, error: `version ${version} failed to load: ${(error as Error).message}` };
    }
  }

  private swap(alias: string, next: LoadedModel | undefined): void {
    const previous = alias === championAlias ? this.championModel : this.challengerModel;
    if (alias === championAlias) this.championModel = next;
    else this.challengerModel = next;
    const { modelInfo } = this.options.metrics;
    if (previous) {
      modelInfo.remove({ model: previous.name, version: previous.version, alias });
      if (previous.inFlight === 0) this.free(previous);
      else this.retired.add(previous);
    }
    if (next) modelInfo.set({ model: next.name, version: next.version, alias }, 1);
  }

  private free(model: LoadedModel): void {
    this.retired.delete(model);
    if (model === this.championModel || model === this.challengerModel) return;
    void model.scorer.release().catch(() => undefined);
  }
}
