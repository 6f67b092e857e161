import { createHash } from 'node:crypto';
import { join } from 'node:path';

/**
 * Every directory and file name of the local registry, in one table; no other module spells a path.
 *
 * ```
 * <root>/.tmp/                               temporary files, renamed into place (same file system)
 * <root>/experiments/<id>.json               { experiment_id, name, artifact_location, creation_time }
 * <root>/experiment-names/<name>.json        { experiment_id }: the unique-name index
 * <root>/runs/<run id>/run.json              MLflow's Run structure, every metric value in data.metrics
 * <root>/runs/<run id>/artifacts/<path>      the run's artifacts, byte for byte
 * <root>/models/<name>/registered-model.json MLflow's RegisteredModel structure, without aliases
 * <root>/models/<name>/versions/<n>.json     MLflow's ModelVersion structure, without aliases
 * <root>/models/<name>/aliases/<alias>.json  { alias, version }
 * ```
 */
export const localLayout = {
  tempDir: '.tmp',
  experimentsDir: 'experiments',
  experimentNamesDir: 'experiment-names',
  runsDir: 'runs',
  runFile: 'run.json',
  runArtifactsDir: 'artifacts',
  modelsDir: 'models',
  registeredModelFile: 'registered-model.json',
  versionsDir: 'versions',
  aliasesDir: 'aliases',
  jsonExtension: '.json',
} as const;

/**
 * A name as a single file name: percent-encoded, so "/" and other separators cannot escape the
 * directory; names whose encoding would pass the common 255-byte file-name limit are cut and suffixed
 * with a hash of the whole name, which keeps them unique.
 */
export function fileSafeName(name: string): string {
  const encoded = encodeURIComponent(name);
  if (encoded.length <= 200) return encoded;
  return `${encoded.slice(0, 150)}~${createHash('sha256').update(name).digest('hex').slice(0, 32)}`;
}

/** The paths of one local registry root, built from {@link localLayout}. */
export class LocalPaths {
  constructor(readonly root: string) {}

  get tempDir(): string {
    return join(this.root, localLayout.tempDir);
  }

  get experimentsDir(): string {
    return join(this.root, localLayout.experimentsDir);
  }

  experimentFile(experimentId: string): string {
    return join(this.experimentsDir, `${fileSafeName(experimentId)}${localLayout.jsonExtension}`);
  }

  experimentNameFile(name: string): string {
    return join(this.root, localLayout.experimentNamesDir, `${fileSafeName(name)}${localLayout.jsonExtension}`);
  }

  get runsDir(): string {
    return join(this.root, localLayout.runsDir);
  }

  runFile(runId: string): string {
    return join(this.runsDir, fileSafeName(runId), localLayout.runFile);
  }

  runArtifactsDir(runId: string): string {
    return join(this.runsDir, fileSafeName(runId), localLayout.runArtifactsDir);
  }

  registeredModelFile(name: string): string {
    return join(this.modelDir(name), localLayout.registeredModelFile);
  }

  versionsDir(name: string): string {
    return join(this.modelDir(name), localLayout.versionsDir);
  }

  versionFile(name: string, version: string): string {
    return join(this.versionsDir(name), `${version}${localLayout.jsonExtension}`);
  }

  aliasesDir(name: string): string {
    return join(this.modelDir(name), localLayout.aliasesDir);
  }

  aliasFile(name: string, alias: string): string {
    return join(this.aliasesDir(name), `${alias}${localLayout.jsonExtension}`);
  }

  private modelDir(name: string): string {
    return join(this.root, localLayout.modelsDir, fileSafeName(name));
  }
}
