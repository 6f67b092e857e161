import type { ArtifactDirectory } from './artifact-directory.ts';
import { assertArtifactPath } from './artifact-path.ts';
import { getOrCreate } from './get-or-create.ts';
import type { ArtifactFile, RegisteredModel } from './model-registry.ts';

/**
 * What both registries do the same way once they know where a run's artifacts are: check the path, then
 * read or write the run's {@link ArtifactDirectory}; and get-or-create a registered model.
 */
export abstract class RegistryBase {
  abstract createRegisteredModel(name: string): Promise<RegisteredModel>;
  abstract getRegisteredModel(name: string): Promise<RegisteredModel>;
  /** The run's artifact root; RESOURCE_DOES_NOT_EXIST for an unknown run. */
  protected abstract runArtifacts(runId: string): Promise<ArtifactDirectory>;

  async logArtifact(runId: string, path: string, bytes: Uint8Array): Promise<void> {
    assertArtifactPath(path);
    await (await this.runArtifacts(runId)).put(path, bytes);
  }

  async downloadArtifact(runId: string, path: string): Promise<Uint8Array> {
    assertArtifactPath(path);
    return (await this.runArtifacts(runId)).get(path);
  }

  async listArtifacts(runId: string): Promise<ArtifactFile[]> {
    return (await this.runArtifacts(runId)).list();
  }

  async ensureRegisteredModel(name: string): Promise<RegisteredModel> {
    return getOrCreate(
      () => this.getRegisteredModel(name),
      () => this.createRegisteredModel(name),
    );
  }
}
