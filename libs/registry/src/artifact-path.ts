import { RegistryError } from './registry-error.ts';

/**
 * Checks a run artifact path: relative, POSIX separators, no empty, `.` or `..` segment, no backslash
 * or NUL. The MLflow server refuses paths that escape the artifact root (`validate_path_is_safe` in
 * `mlflow/utils/uri.py`); the local registry must refuse them too or a path could write outside its root.
 * Returns the path unchanged.
 */
export function assertArtifactPath(path: string): string {
  const problem =
    path === ''
      ? 'it is empty'
      : path.includes('\\') || path.includes('\0')
        ? 'it contains a backslash or NUL character'
        : path.split('/').some((segment) => segment === '' || segment === '.' || segment === '..')
          ? 'it is absolute, ends with "/", or has an empty, "." or ".." segment'
          : undefined;
  if (problem !== undefined) {
    throw new RegistryError(
      'INVALID_PARAMETER_VALUE',
      `artifact path ${JSON.stringify(path)} is invalid: ${problem}; use a relative path such as "model/model.onnx"`,
    );
  }
  return path;
}

/** Joins an artifact root (a URI or a directory) and a relative artifact path with exactly one "/". */
export function joinArtifactPath(root: string, path: string): string {
  if (path === '') return root;
  return `${root.replace(/\/+$/, '')}/${path}`;
}
