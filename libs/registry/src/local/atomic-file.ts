import { randomBytes } from 'node:crypto';
import { link, mkdir, open, readFile, readdir, rename, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { RegistryError } from '../registry-error.ts';

/** The error code Node gives a failed file-system call, e.g. ENOENT. */
export function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;
}

/** Writes `data` to a fresh file in `tempDir`, flushed to disk, and returns its path. */
async function writeTempFile(tempDir: string, data: Uint8Array | string): Promise<string> {
  await mkdir(tempDir, { recursive: true });
  const path = join(tempDir, `${randomBytes(12).toString('hex')}.tmp`);
  const handle = await open(path, 'wx');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  return path;
}

/**
 * Replaces `path` with `data` so that a reader, or a crash, sees the old file or the new one, never half
 * of either: the bytes go to a temporary file on the same file system, are flushed, then renamed over
 * `path` (rename(2) is atomic within a file system).
 */
export async function writeFileAtomic(path: string, data: Uint8Array | string, tempDir: string): Promise<void> {
  const temp = await writeTempFile(tempDir, data);
  try {
    await mkdir(dirname(path), { recursive: true });
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
}

/**
 * Creates `path` with `data` only if nothing is there, atomically and complete: link(2) of a finished
 * temporary file fails with EEXIST when `path` exists, even against another process. Returns false
 * when `path` already existed.
 */
export async function createFileExclusive(path: string, data: Uint8Array | string, tempDir: string): Promise<boolean> {
  const temp = await writeTempFile(tempDir, data);
  try {
    await mkdir(dirname(path), { recursive: true });
    await link(temp, path);
    return true;
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false;
    throw error;
  } finally {
    await unlink(temp).catch(() => undefined);
  }
}

/** The parsed JSON file at `path`, or undefined when there is none. */
export async function readJsonFile<T>(path: string): Promise<T | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT' || errorCode(error) === 'ENOTDIR') return undefined;
    throw error;
  }
  try {
    // The registry wrote this file itself, atomically, in the shape T.
    return JSON.parse(text) as T;
  } catch (error) {
    throw new RegistryError('INTERNAL_ERROR', `${path} is not valid JSON; it was changed outside the registry. Restore it or remove it`, { cause: error });
  }
}

/** The names in a directory, or none when it does not exist. */
export async function listNames(directory: string): Promise<string[]> {
  try {
    return await readdir(directory);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return [];
    throw error;
  }
}

/** Serializes JSON the same way everywhere: two-space indent, trailing newline. */
export function toJsonText(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
