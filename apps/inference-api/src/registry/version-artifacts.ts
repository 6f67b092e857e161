/**
 * Reads single files of a registered version (metrics.json, report.html) without downloading the
 * whole model directory: a version registered by the trainer has the source `runs:/<run id>/model`,
 * so one artifact download reads one file. Versions are immutable, so answers are cached (bounded).
 */
import type { ModelRegistry } from '@millwright/registry';

/** Where a file of a version lives among its run's artifacts, when its source is a `runs:/` URI. */
export function runArtifactOf(source: string, file: string): { runId: string; path: string } | undefined {
  const match = /^runs:\/([^/]+)\/?(.*)$/.exec(source);
  if (match === null) return undefined;
  const directory = match[2]!.replace(/\/+$/, '');
  return { runId: match[1]!, path: directory === '' ? file : `${directory}/${file}` };
}

/** A bounded cache of version files, read through the registry. */
export class VersionArtifacts {
  private readonly cache = new Map<string, Promise<Uint8Array>>();

  constructor(
    private readonly registry: ModelRegistry,
    private readonly capacity = 64,
  ) {}

  /** The bytes of `file` of the version; rejects with the registry's error (RESOURCE_DOES_NOT_EXIST when absent). */
  read(name: string, version: string, file: string): Promise<Uint8Array> {
    const key = `${name}\u0000${version}\u0000${file}`;
    const cached = this.cache.get(key);
    if (cached !== undefined) return cached;
    const reading = this.fetch(name, version, file);
    // A failure is not cached: the registry may be back on the next request.
    reading.catch(() => this.cache.delete(key));
    if (this.cache.size >= this.capacity) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(key, reading);
    return reading;
  }

  private async fetch(name: string, version: string, file: string): Promise<Uint8Array> {
    const { source } = await this.registry.getModelVersion(name, version);
    const location = runArtifactOf(source, file);
    if (location !== undefined) return this.registry.downloadArtifact(location.runId, location.path);
    const files = await this.registry.downloadModelVersion(name, version);
    const bytes = files.get(file);
    if (bytes === undefined) throw new Error(`version ${version} of "${name}" has no ${file}`);
    return bytes;
  }
}
