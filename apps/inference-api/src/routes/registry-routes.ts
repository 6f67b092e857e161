/**
 * The registry as the operator UI needs it: every version with its metrics, creation time and
 * aliases (`GET /registry/versions`), a version's training report, feature importances and global explanation (mean |SHAP|), and
 * promote / roll back by moving an alias (`POST /registry/aliases/:alias`, admin token). Moving an
 * alias re-resolves the served models at once, so the answer says what now serves. One version
 * never holds both aliases: the challenger that becomes champion loses the challenger alias (a
 * version compared with itself tells nothing), and the champion cannot be made challenger.
 */
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { challengerAlias, championAlias, isRegistryError, type ModelRegistry, type Run } from '@millwright/registry';
import type { GlobalImportance } from '@millwright/ml';
import type { FastifyInstance } from 'fastify';
import { VersionArtifacts } from '../registry/version-artifacts.ts';
import { newestFirst, replacedChampionTag, summarizeVersion } from '../registry/version-summary.ts';
import { HttpProblem } from './error-reply.ts';
import { adminSecurity, requireAdmin } from './admin-token.ts';
import { errorResponses } from './schemas.ts';

/** Options of {@link registryRoutes}. */
export interface RegistryRoutesOptions {
  readonly registry: ModelRegistry;
}

/** The aliases an operator may move. */
const movableAliases = [championAlias, challengerAlias] as const;

const versionParams = Type.Object({ version: Type.String({ pattern: '^[\\w.-]{1,64}$' }) });

const versionSchema = Type.Object({
  version: Type.String(),
  creationTimestamp: Type.Number(),
  status: Type.String(),
  runId: Type.Union([Type.String(), Type.Null()]),
  aliases: Type.Array(Type.String()),
  tags: Type.Record(Type.String(), Type.String()),
  metrics: Type.Record(Type.String(), Type.Number()),
  params: Type.Record(Type.String(), Type.String(), { description: "the training run's parameters, e.g. rows" }),
});

/** Maps registry failures to replies that say what was not found or unreachable. */
function registryProblem(error: unknown, what: string): never {
  if (isRegistryError(error, 'RESOURCE_DOES_NOT_EXIST')) throw new HttpProblem(404, `${what}: not found in the registry (${error.message})`);
  if (error instanceof HttpProblem) throw error;
  throw new HttpProblem(503, `${what}: the registry could not answer (${(error as Error).message})`);
}

export async function registryRoutes(app: FastifyInstance, options: RegistryRoutesOptions): Promise<void> {
  const fastify = app.withTypeProvider<TypeBoxTypeProvider>();
  const { manager, config } = fastify.serving;
  const { registry } = options;
  const artifacts = new VersionArtifacts(registry);
  const name = manager.modelName;

  fastify.get(
    '/registry/versions',
    {
      schema: {
        summary: 'Registered versions, newest first, with metrics, creation time and aliases',
        querystring: Type.Object({ limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }) }),
        response: { 200: Type.Object({ name: Type.String(), versions: Type.Array(versionSchema) }), ...errorResponses(503) },
      },
    },
    async (request) => {
      try {
        const versions = newestFirst(await registry.searchModelVersions(name)).slice(0, request.query.limit);
        const runs = await Promise.all(
          versions.map((version) => (version.runId === undefined ? Promise.resolve(undefined) : registry.getRun(version.runId).catch((): Run | undefined => undefined))),
        );
        return { name, versions: versions.map((version, index) => summarizeVersion(version, runs[index])) };
      } catch (error) {
        if (isRegistryError(error, 'RESOURCE_DOES_NOT_EXIST')) return { name, versions: [] };
        return registryProblem(error, `versions of "${name}"`);
      }
    },
  );

  fastify.get(
    '/registry/versions/:version/report',
    { schema: { summary: "A version's training report (HTML)", params: versionParams, produces: ['text/html'] } },
    async (request, reply) => {
      const { version } = request.params;
      const bytes = await artifacts.read(name, version, 'report.html').catch((error: unknown) => registryProblem(error, `report of version ${version}`));
      // The report is a document of its own: sandboxed, no scripts, nothing loaded from elsewhere.
      reply.header('content-security-policy', "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:");
      reply.header('x-content-type-options', 'nosniff');
      return reply.type('text/html; charset=utf-8').send(Buffer.from(bytes));
    },
  );

  fastify.get(
    '/registry/versions/:version/importances',
    {
      schema: {
        summary: "A version's feature importances (mean decrease in impurity), from its metrics.json",
        params: versionParams,
        response: {
          200: Type.Object({ version: Type.String(), importances: Type.Array(Type.Object({ feature: Type.String(), importance: Type.Number() })) }),
          ...errorResponses(404, 503),
        },
      },
    },
    async (request) => {
      const { version } = request.params;
      const bytes = await artifacts.read(name, version, 'metrics.json').catch((error: unknown) => registryProblem(error, `metrics of version ${version}`));
      let parsed: unknown;
      try {
        parsed = JSON.parse(new TextDecoder().decode(bytes));
      } catch {
        throw new HttpProblem(404, `metrics of version ${version}: metrics.json is not JSON`);
      }
      const list = (parsed as { importances?: unknown }).importances;
      const importances = Array.isArray(list)
        ? list.filter((item): item is { feature: string; importance: number } => typeof item?.feature === 'string' && typeof item?.importance === 'number')
        : [];
      return { version, importances: importances.map(({ feature, importance }) => ({ feature, importance })) };
    },
  );

  fastify.get(
    '/registry/versions/:version/global-importance',
    {
      schema: {
        summary: "A version's global explanation: mean |SHAP| per feature on its test set, from its global-importance.json",
        params: versionParams,
        response: {
          200: Type.Object({
            version: Type.String(),
            marginSpace: Type.Union([Type.Literal('probability'), Type.Literal('log-odds')]),
            baseValue: Type.Number(),
            rows: Type.Integer({ description: 'test rows averaged over' }),
            features: Type.Array(Type.Object({ feature: Type.String(), meanAbsShap: Type.Number() }), { description: 'largest first' }),
          }),
          ...errorResponses(404, 503),
        },
      },
    },
    async (request) => {
      const { version } = request.params;
      const what = `global importance of version ${version}`;
      const bytes = await artifacts.read(name, version, 'global-importance.json').catch((error: unknown) => registryProblem(error, what));
      let parsed: unknown;
      try {
        parsed = JSON.parse(new TextDecoder().decode(bytes));
      } catch {
        throw new HttpProblem(404, `${what}: global-importance.json is not JSON`);
      }
      const importance = parsed as Partial<GlobalImportance>;
      const valid = (importance.marginSpace === 'probability' || importance.marginSpace === 'log-odds') && typeof importance.baseValue === 'number'
        && typeof importance.rows === 'number' && Array.isArray(importance.features)
        && importance.features.every((item) => typeof item?.feature === 'string' && typeof item?.meanAbsShap === 'number');
      if (!valid) throw new HttpProblem(404, `${what}: global-importance.json lacks marginSpace, baseValue, rows or features [{feature, meanAbsShap}]`);
      const { marginSpace, baseValue, rows, features } = importance as GlobalImportance;
      return { version, marginSpace, baseValue, rows, features: features.map(({ feature, meanAbsShap }) => ({ feature, meanAbsShap })) };
    },
  );

  fastify.post(
    '/registry/aliases/:alias',
    {
      schema: {
        summary: 'Point an alias (champion or challenger) at a version: promote or roll back (admin)',
        security: adminSecurity,
        params: Type.Object({ alias: Type.Union(movableAliases.map((alias) => Type.Literal(alias))) }),
        body: Type.Object({ version: Type.String({ pattern: '^[\\w.-]{1,64}$' }) }, { additionalProperties: false }),
        response: {
          200: Type.Object({
            alias: Type.String(),
            version: Type.String(),
            previous: Type.Union([Type.String(), Type.Null()]),
            serving: Type.Union([Type.String(), Type.Null()]),
            cleared: Type.Array(Type.String(), { description: 'aliases removed because the version now holds the other one' }),
            problems: Type.Array(Type.String()),
          }),
          ...errorResponses(400, 401, 403, 404, 409, 503),
        },
      },
    },
    async (request) => {
      requireAdmin(request.headers, config.adminToken);
      const { alias } = request.params;
      const { version } = request.body;
      let previous: string | undefined;
      const cleared: string[] = [];
      try {
        const { aliases } = await registry.getModelVersion(name, version);
        if (alias === challengerAlias && aliases.includes(championAlias)) {
          throw new HttpProblem(409, `version ${version} is the champion; a challenger must be another version, to be compared with it`);
        }
        previous = (await registry.getVersionByAlias(name, alias))?.version;
        if (alias === championAlias && previous !== undefined && previous !== version) {
          await registry.setModelVersionTag(name, version, replacedChampionTag, previous);
        }
        await registry.setAlias(name, alias, version);
        if (alias === championAlias && aliases.includes(challengerAlias)) {
          await registry.deleteAlias(name, challengerAlias);
          cleared.push(challengerAlias);
        }
      } catch (error) {
        return registryProblem(error, `version ${version} of "${name}"`);
      }
      const results = await manager.refresh();
      const mine = results.find((result) => result.alias === alias);
      return {
        alias,
        version,
        previous: previous ?? null,
        serving: mine?.version ?? null,
        cleared,
        problems: results.flatMap((result) => (result.error === undefined ? [] : [`${result.alias}: ${result.error}`])),
      };
    },
  );
}
