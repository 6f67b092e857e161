import type { WireModelVersion, WireRegisteredModel } from '../mlflow-wire.ts';
import { RegistryError } from '../registry-error.ts';
import { assertAliasName } from '../registry-names.ts';
import { keyValueList, optionalInteger, optionalString, requiredString, withoutEmptyFields, type RequestParams } from './fake-mlflow-params.ts';

interface StoredModel {
  readonly model: WireRegisteredModel;
  readonly versions: WireModelVersion[];
  /** Alias → version. */
  readonly aliases: Map<string, string>;
}

/**
 * The model-registry half of the fake MLflow server, in memory, per `mlflow/protos/model_registry.proto`
 * and the REST API sections "Create RegisteredModel" to "Get Model Version by Alias": versions number
 * from "1" per model, aliases point at versions, the error codes and messages are the server's. Where
 * the server departs from its documentation, the fake does what the server does: `model-versions/search`
 * carries no aliases, and `get-download-uri` answers a `runs:/` source unchanged.
 */
export class FakeMlflowModelRegistry {
  private readonly models = new Map<string, StoredModel>();

  constructor(
    private readonly now: () => number,
    /** "Backends may choose a lower default value and maximum threshold" for `max_results` (`SearchModelVersions`, model_registry.proto). */
    private readonly maxSearchResults = 200_000,
  ) {}

  /** POST registered-models/create: `name` → `{ registered_model }`. */
  createRegisteredModel(params: RequestParams): { registered_model: WireRegisteredModel } {
    const name = requiredString(params, 'name');
    if (this.models.has(name)) throw new RegistryError('RESOURCE_ALREADY_EXISTS', `Registered Model (name=${name}) already exists.`);
    const now = this.now();
    this.models.set(name, { model: { name, creation_timestamp: now, last_updated_timestamp: now, tags: keyValueList(params, 'tags') }, versions: [], aliases: new Map() });
    return this.getRegisteredModel({ name });
  }

  /** GET registered-models/get: `name` → `{ registered_model }` with its `aliases`. */
  getRegisteredModel(params: RequestParams): { registered_model: WireRegisteredModel } {
    const stored = this.requireModel(requiredString(params, 'name'));
    const aliases = [...stored.aliases].map(([alias, version]) => ({ alias, version }));
    return { registered_model: withoutEmptyFields({ ...stored.model, aliases }) };
  }

  /** POST model-versions/create: `name`, `source`, `run_id`, `tags` → `{ model_version }`. */
  createModelVersion(params: RequestParams): { model_version: WireModelVersion } {
    const stored = this.requireModel(requiredString(params, 'name'));
    const now = this.now();
    const version: WireModelVersion = {
      name: stored.model.name,
      version: String(stored.versions.length + 1),
      creation_timestamp: now,
      last_updated_timestamp: now,
      current_stage: 'None',
      source: requiredString(params, 'source'),
      run_id: optionalString(params, 'run_id') ?? '',
      status: 'READY',
      tags: keyValueList(params, 'tags'),
    };
    stored.versions.push(version);
    return { model_version: this.present(stored, version) };
  }

  /** GET model-versions/get: `name`, `version` → `{ model_version }`. */
  getModelVersion(params: RequestParams): { model_version: WireModelVersion } {
    const { stored, version } = this.requireVersion(params);
    return { model_version: this.present(stored, version) };
  }

  /**
   * GET model-versions/search: `filter` (only the `name='<name>'` form), `max_results`, `page_token` →
   * `{ model_versions, next_page_token }`. The token is an opaque offset, as MLflow's are. The versions
   * carry no aliases: MLflow's stores build them without (`SqlModelVersion.to_mlflow_entity` passes an
   * empty list; https://github.com/mlflow/mlflow/issues/9783, still open as #16734), while
   * `model-versions/get` and `registered-models/alias` fill them in.
   */
  searchModelVersions(params: RequestParams): { model_versions?: WireModelVersion[]; next_page_token?: string } {
    const filter = optionalString(params, 'filter') ?? '';
    const match = /^\s*name\s*=\s*'([^']*)'\s*$/.exec(filter);
    if (match === null) throw new RegistryError('INVALID_PARAMETER_VALUE', `Invalid filter '${filter}'. This fake server understands only name='<model name>'.`);
    const stored = this.models.get(match[1]!);
    const all = stored === undefined ? [] : stored.versions.map((version) => withoutEmptyFields(version));
    const pageSize = Math.min(optionalInteger(params, 'max_results') ?? this.maxSearchResults, this.maxSearchResults);
    const token = optionalString(params, 'page_token');
    const offset = token === undefined ? 0 : Number(Buffer.from(token, 'base64').toString('utf8'));
    const page = all.slice(offset, offset + pageSize);
    const more = offset + pageSize < all.length;
    return withoutEmptyFields({ model_versions: page, next_page_token: more ? Buffer.from(String(offset + pageSize)).toString('base64') : undefined });
  }

  /** POST model-versions/set-tag: `name`, `version`, `key`, `value` → `{}`. */
  setModelVersionTag(params: RequestParams): Record<string, never> {
    const { stored, version } = this.requireVersion(params);
    const key = requiredString(params, 'key');
    const value = optionalString(params, 'value') ?? '';
    const tags = [...(version.tags ?? []).filter((tag) => tag.key !== key), { key, value }];
    stored.versions[Number(version.version) - 1] = { ...version, tags, last_updated_timestamp: this.now() };
    return {};
  }

  /** POST registered-models/alias: `name`, `alias`, `version` → `{}`. */
  setAlias(params: RequestParams): Record<string, never> {
    const { stored, version } = this.requireVersion(params);
    const alias = requiredString(params, 'alias');
    assertAliasName(alias);
    stored.aliases.set(alias, version.version);
    return {};
  }

  /** DELETE registered-models/alias: `name`, `alias` (JSON body) → `{}`; an unset alias is no error. */
  deleteAlias(params: RequestParams): Record<string, never> {
    const stored = this.requireModel(requiredString(params, 'name'));
    stored.aliases.delete(requiredString(params, 'alias'));
    return {};
  }

  /** GET registered-models/alias: `name`, `alias` → `{ model_version }`; an unset alias is 400 INVALID_PARAMETER_VALUE, as in MLflow's stores. */
  getVersionByAlias(params: RequestParams): { model_version: WireModelVersion } {
    const name = requiredString(params, 'name');
    const alias = requiredString(params, 'alias');
    const stored = this.models.get(name);
    const version = stored?.aliases.get(alias);
    if (stored === undefined || version === undefined) throw new RegistryError('INVALID_PARAMETER_VALUE', `Registered model alias ${alias} not found.`);
    return this.getModelVersion({ name, version });
  }

  /**
   * GET model-versions/get-download-uri: `name`, `version` → `{ artifact_uri }`: the version's storage
   * location, which MLflow sets to the source as registered, so a `runs:/<run id>/<path>` source comes
   * back unchanged and the client resolves it through the run (as MLflow's `RunsArtifactRepository` does).
   */
  getDownloadUri(params: RequestParams): { artifact_uri: string } {
    const { version } = this.requireVersion(params);
    return { artifact_uri: version.source ?? '' };
  }

  private present(stored: StoredModel, version: WireModelVersion): WireModelVersion {
    const aliases = [...stored.aliases].filter(([, target]) => target === version.version).map(([alias]) => alias);
    return withoutEmptyFields({ ...version, aliases });
  }

  private requireModel(name: string): StoredModel {
    const stored = this.models.get(name);
    if (stored === undefined) throw new RegistryError('RESOURCE_DOES_NOT_EXIST', `Registered Model with name=${name} not found`);
    return stored;
  }

  private requireVersion(params: RequestParams): { stored: StoredModel; version: WireModelVersion } {
    const name = requiredString(params, 'name');
    const number = requiredString(params, 'version');
    const stored = this.models.get(name);
    const version = /^[1-9]\d*$/.test(number) ? stored?.versions[Number(number) - 1] : undefined;
    if (stored === undefined || version === undefined) throw new RegistryError('RESOURCE_DOES_NOT_EXIST', `Model Version (name=${name}, version=${number}) not found`);
    return { stored, version };
  }
}
