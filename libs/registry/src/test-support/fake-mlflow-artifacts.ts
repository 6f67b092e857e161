import { assertArtifactPath } from '../artifact-path.ts';
import type { WireFileInfo } from '../mlflow-wire.ts';
import { sortByPath } from '../artifact-directory.ts';

/**
 * The fake server's artifact proxy store, in memory: file paths relative to the proxy root (e.g.
 * `1/<run id>/artifacts/model.onnx`) → bytes, served as `mlflow/protos/mlflow_artifacts.proto` describes.
 */
export class FakeMlflowArtifacts {
  readonly files = new Map<string, Uint8Array>();

  /** PUT /api/2.0/mlflow-artifacts/artifacts/<path>. The server refuses unsafe paths (`validate_path_is_safe`). */
  upload(path: string, bytes: Uint8Array): Record<string, never> {
    this.files.set(assertArtifactPath(path), bytes);
    return {};
  }

  /** GET /api/2.0/mlflow-artifacts/artifacts/<path>; undefined when there is no such file. */
  download(path: string): Uint8Array | undefined {
    return this.files.get(path);
  }

  /**
   * GET /api/2.0/mlflow-artifacts/artifacts?path=<dir>: one level, base names only, `is_dir` and
   * `file_size` (files only), as `_list_artifacts_mlflow_artifacts` in `mlflow/server/handlers.py` answers.
   * A missing directory, or a file, lists as nothing.
   */
  list(directory: string | undefined): { files?: WireFileInfo[] } {
    const prefix = directory === undefined || directory === '' ? '' : `${directory.replace(/\/+$/, '')}/`;
    const entries = new Map<string, WireFileInfo>();
    for (const [path, bytes] of this.files) {
      if (!path.startsWith(prefix)) continue;
      const rest = path.slice(prefix.length);
      const slash = rest.indexOf('/');
      const name = slash < 0 ? rest : rest.slice(0, slash);
      entries.set(name, slash < 0 ? { path: name, is_dir: false, file_size: bytes.byteLength } : { path: name, is_dir: true });
    }
    const files = sortByPath([...entries.values()]);
    return files.length === 0 ? {} : { files };
  }
}
