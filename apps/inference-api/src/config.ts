/**
 * The inference API's settings, parsed once at boot from environment variables (fastify/demo:
 * config validated at boot). Every problem is reported at once, naming the variable, the value
 * and the expected form, and the server refuses to start.
 */
import { millwrightHome, type RegistryEnv } from '@millwright/registry';
import type { InferenceLogRetention } from './serving/inference-log.ts';

/** How the challenger (alias `challenger`) takes part. */
export type ChallengerMode = 'off' | 'canary' | 'shadow';

/** The parsed settings. */
export interface ServingConfig {
  /** @default 8080 (`PORT`) */
  readonly port: number;
  /** @default '127.0.0.1' (`HOST`; the image sets 0.0.0.0) */
  readonly host: string;
  /** The registered model served. @default 'predictive-maintenance' (`MODEL_NAME`) */
  readonly modelName: string;
  /** Where the model disk cache and the embedded inference log live (`MILLWRIGHT_HOME`). */
  readonly home: string;
  /** How often the aliases are re-resolved; 0 turns polling off. @default 10000 (`MODEL_POLL_INTERVAL_MS`) */
  readonly pollIntervalMs: number;
  /** Largest request body in bytes. @default 1048576 (`BODY_LIMIT_BYTES`) */
  readonly bodyLimitBytes: number;
  /** Most rows of one `/predict/batch` or `/infer` request. @default 1000 (`MAX_BATCH_ROWS`) */
  readonly maxBatchRows: number;
  /** Origins allowed by CORS (the UI's), comma-separated; empty disables CORS. @default none (`CORS_ORIGINS`) */
  readonly corsOrigins: readonly string[];
  /** Token the admin endpoints require in `X-Admin-Token` (or `Authorization: Bearer`); unset disables them. (`ADMIN_TOKEN`, from a Secret) */
  readonly adminToken: string | undefined;
  /** @default 'off' (`CHALLENGER_MODE`: off | canary | shadow) */
  readonly challengerMode: ChallengerMode;
  /** Share of requests the challenger answers in canary mode, 0–1. @default 0.1 (`CHALLENGER_WEIGHT`) */
  readonly challengerWeight: number;
  /** PostgreSQL for the inference log; unset means embedded PGlite under `home`, `memory://` keeps it in memory, `off` disables it. (`DATABASE_URL`) */
  readonly databaseUrl: string | undefined;
  /** Most rows waiting for the inference log; beyond it rows are dropped and counted. @default 10000 (`INFERENCE_LOG_QUEUE`) */
  readonly inferenceLogQueue: number;
  /**
   * What the embedded inference log (PGlite) keeps; PostgreSQL's retention is its operator's.
   * Rows logged within `maxAgeHours`, @default 24 (`INFERENCE_LOG_RETENTION_HOURS`), and at most
   * `maxRows` of them, @default 100000 (`INFERENCE_LOG_RETENTION_MAX_ROWS`).
   */
  readonly inferenceLogRetention: InferenceLogRetention;
  /** Redis holding the online features; unset means the in-memory store. (`REDIS_URL`) */
  readonly redisUrl: string | undefined;
  /** Longest time a request may take, headers to response. @default 10000 (`REQUEST_TIMEOUT_MS`) */
  readonly requestTimeoutMs: number;
  /** Longest graceful drain on SIGTERM before the process exits anyway. @default 10000 (`SHUTDOWN_TIMEOUT_MS`) */
  readonly shutdownTimeoutMs: number;
}

/** A configuration that cannot be used; the message lists every problem, one per line. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid inference-api configuration:\n${problems.map((problem) => `  ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const challengerModes: readonly ChallengerMode[] = ['off', 'canary', 'shadow'];

/**
 * Parses the environment. `workspaceRoot` locates `.millwright/` when `MILLWRIGHT_HOME` is unset.
 *
 * @throws ConfigError naming every bad variable.
 */
export function loadConfig(env: RegistryEnv, workspaceRoot: string): ServingConfig {
  const problems: string[] = [];
  const text = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const raw = text(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!/^\d+$/.test(raw) || value < min || value > max) {
      problems.push(`${name}=${JSON.stringify(raw)}: must be a whole number from ${min} to ${max}`);
      return fallback;
    }
    return value;
  };
  const mode = (text('CHALLENGER_MODE') ?? 'off') as ChallengerMode;
  if (!challengerModes.includes(mode)) problems.push(`CHALLENGER_MODE=${JSON.stringify(mode)}: must be one of ${challengerModes.join(', ')}`);
  const weightText = text('CHALLENGER_WEIGHT');
  const weight = weightText === undefined ? 0.1 : Number(weightText);
  if (!(weight >= 0 && weight <= 1)) problems.push(`CHALLENGER_WEIGHT=${JSON.stringify(weightText)}: must be a number from 0 to 1`);
  const modelName = text('MODEL_NAME') ?? 'predictive-maintenance';
  if (!/^[\w.-]{1,200}$/.test(modelName)) problems.push(`MODEL_NAME=${JSON.stringify(modelName)}: must be letters, digits, '.', '_' or '-'`);
  const databaseUrl = text('DATABASE_URL');
  if (databaseUrl !== undefined && !/^(postgres(ql)?:\/\/|memory:\/\/$|off$)/.test(databaseUrl)) {
    problems.push('DATABASE_URL: must be a postgres:// or postgresql:// URL, memory:// or off');
  }
  const redisUrl = text('REDIS_URL');
  if (redisUrl !== undefined && !/^rediss?:\/\//.test(redisUrl)) problems.push('REDIS_URL: must be a redis:// or rediss:// URL');
  const config: ServingConfig = {
    port: integer('PORT', 8080, 0, 65_535),
    host: text('HOST') ?? '127.0.0.1',
    modelName,
    home: millwrightHome(env, workspaceRoot),
    pollIntervalMs: integer('MODEL_POLL_INTERVAL_MS', 10_000, 0, 86_400_000),
    bodyLimitBytes: integer('BODY_LIMIT_BYTES', 1_048_576, 1024, 104_857_600),
    maxBatchRows: integer('MAX_BATCH_ROWS', 1000, 1, 100_000),
    corsOrigins: (text('CORS_ORIGINS') ?? '')
      .split(',')
      .map((origin) => origin.trim())
      .filter((origin) => origin !== ''),
    adminToken: text('ADMIN_TOKEN'),
    challengerMode: mode,
    challengerWeight: weight,
    databaseUrl,
    inferenceLogQueue: integer('INFERENCE_LOG_QUEUE', 10_000, 1, 10_000_000),
    inferenceLogRetention: { maxAgeHours: integer('INFERENCE_LOG_RETENTION_HOURS', 24, 1, 87_600), maxRows: integer('INFERENCE_LOG_RETENTION_MAX_ROWS', 100_000, 1000, 100_000_000) },
    redisUrl,
    requestTimeoutMs: integer('REQUEST_TIMEOUT_MS', 10_000, 100, 600_000),
    shutdownTimeoutMs: integer('SHUTDOWN_TIMEOUT_MS', 10_000, 100, 600_000),
  };
  const token = config.adminToken;
  if (token !== undefined && token.length < 16) problems.push('ADMIN_TOKEN: must be at least 16 characters (mount it from a Secret)');
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
