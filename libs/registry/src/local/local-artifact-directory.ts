import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { readEach, sortByPath, type ArtifactDirectory } from '../artifact-directory.ts';
import type { ArtifactFile } from '../model-registry.ts';
import { RegistryError } from '../registry-error.ts';
import { errorCode, writeFileAtomic } from './atomic-file.ts';

/** Artifacts as plain files below `directory`; writes are atomic through `tempDir` (same file system). */
export function localArtifactDirectory(directory: string, tempDir: string): ArtifactDirectory {
  const fullPath = (path: string): string => join(directory, ...path.split('/'));

  const get = async (path: string): Promise<Uint8Array> => {
    try {
      return new Uint8Array(await readFile(fullPath(path)));
    } catch (error) {
      const code = errorCode(error);
      if (code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR') {
        throw new RegistryError('RESOURCE_DOES_NOT_EXIST', `artifact ${path} does not exist in ${directory}`, { cause: error });
      }
      throw error;
    }
  };

  const list = async (): Promise<ArtifactFile[]> => {
    const files: ArtifactFile[] = [];
    const walk = async (relative: string): Promise<void> => {
      let entries;
      try {
        entries = await readdir(relative === '' ? directory : fullPath(relative), { withFileTypes: true });
      } catch (error) {
        if (errorCode(error) === 'ENOENT') return;
        throw error;
      }
      for (const entry of entries) {
        const path = relative === '' ? entry.name : `${relative}/${entry.name}`;
        if (entry.isDirectory()) await walk(path);
        else if (entry.isFile()) files.push({ path, size: (await stat(fullPath(path))).size });
      }
    };
    await walk('');
    return sortByPath(files);
  };

  return {
    async put(path, bytes) {
      try {
        await writeFileAtomic(fullPath(path), bytes, tempDir);
      } catch (error) {
        const code = errorCode(error);
        if (code === 'ENOTDIR' || code === 'EISDIR' || code === 'EEXIST') {
          throw new RegistryError('INVALID_PARAMETER_VALUE', `artifact path ${path} clashes with an existing file or directory of the same name in ${directory}`, {
            cause: error,
          });
        }
        throw error;
      }
    },
    get,
    list,
    async readAll() {
      return readEach((await list()).map((file) => file.path), get);
    },
  };
}
