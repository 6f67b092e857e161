import { sortByPath, readEach, type ArtifactDirectory } from '../artifact-directory.ts';
import type { ArtifactFile } from '../model-registry.ts';
import { RegistryError } from '../registry-error.ts';
import type { MlflowHttp } from './mlflow-http.ts';
import type { WireFileInfo } from '../mlflow-wire.ts';

/**
 * The tracking server's artifact proxy (`mlflow server --serve-artifacts`, the default since MLflow 2.0),
 * per `mlflow/protos/mlflow_artifacts.proto`:
 * - `PUT /api/2.0/mlflow-artifacts/artifacts/<path>` uploads the request body ("Upload Artifact"),
 * - `GET /api/2.0/mlflow-artifacts/artifacts/<path>` downloads it ("Download Artifact"),
 * - `GET /api/2.0/mlflow-artifacts/artifacts?path=<dir>` lists one directory level as
 *   `{ "files": [{ "path", "is_dir", "file_size" }] }` ("List Artifacts"); the server answers base names
 *   (`_list_artifacts_mlflow_artifacts`, `mlflow/server/handlers.py`), so the client recurses itself.
 */
const artifactsEndpoint = '/api/2.0/mlflow-artifacts/artifacts';

const encodePath = (path: string): string => path.split('/').map(encodeURIComponent).join('/');

/** The run's (or version's) artifact root below the proxy root, e.g. `1/<run id>/artifacts`. */
export function proxyArtifactDirectory(http: MlflowHttp, rootPath: string): ArtifactDirectory {
  const full = (path: string): string => [rootPath, path].filter((part) => part !== '').join('/');

  const listLevel = async (directory: string): Promise<readonly WireFileInfo[]> => {
    const target = full(directory);
    const answer = await http.getJson<{ files?: readonly WireFileInfo[] }>(artifactsEndpoint, target === '' ? {} : { path: target });
    return answer.files ?? [];
  };

  const list = async (): Promise<ArtifactFile[]> => {
    const files: ArtifactFile[] = [];
    const pending = [''];
    while (pending.length > 0) {
      const directory = pending.pop()!;
      for (const entry of await listLevel(directory)) {
        // Older servers answered paths relative to the listed root rather than base names; keep the last segment either way.
        const name = entry.path.split('/').pop() ?? entry.path;
        const path = directory === '' ? name : `${directory}/${name}`;
        if (entry.is_dir === true) pending.push(path);
        else files.push({ path, size: Number(entry.file_size ?? 0) });
      }
    }
    return sortByPath(files);
  };

  const download = (path: string): Promise<Uint8Array> => http.getBytes(`${artifactsEndpoint}/${encodePath(full(path))}`);

  return {
    put: (path, bytes) => http.putBytes(`${artifactsEndpoint}/${encodePath(full(path))}`, bytes),
    async get(path) {
      // A download of a missing file makes the server's artifact repository raise an OSError, which
      // Flask answers with a bare 500 that we would retry as transient: look the file up first.
      const slash = path.lastIndexOf('/');
      const [directory, name] = slash < 0 ? ['', path] : [path.slice(0, slash), path.slice(slash + 1)];
      const exists = (await listLevel(directory)).some((entry) => entry.is_dir !== true && (entry.path.split('/').pop() ?? entry.path) === name);
      if (!exists) throw new RegistryError('RESOURCE_DOES_NOT_EXIST', `artifact ${path} does not exist under mlflow-artifacts:/${rootPath}`);
      return download(path);
    },
    list,
    async readAll() {
      return readEach((await list()).map((file) => file.path), download);
    },
  };
}
