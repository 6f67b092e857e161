/**
 * The model disk cache under `$MILLWRIGHT_HOME/model-cache`: the files of each version served, and
 * which version each alias pointed at when last resolved, so the server starts on its last good
 * model when the registry is down. Writes go to a temporary file then rename, so a crash never
 * leaves half a model behind.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The files a served version needs; the others (report, reference) stay in the registry. */
export const servedModelFiles = ['model.onnx', 'contract.json'] as const;

/** Where a model's cached versions and alias pointers live. */
export class ModelCache {
  constructor(private readonly root: string) {}

  private versionDir(name: string, version: string): string {
    return join(this.root, encodeURIComponent(name), 'versions', encodeURIComponent(version));
  }

  private aliasFile(name: string, alias: string): string {
    return join(this.root, encodeURIComponent(name), 'aliases', `${encodeURIComponent(alias)}.json`);
  }

  /** True when every served file of the version is cached. */
  has(name: string, version: string): boolean {
    return servedModelFiles.every((file) => existsSync(join(this.versionDir(name, version), file)));
  }

  /** The cached files of a version. */
  async read(name: string, version: string): Promise<Map<string, Uint8Array>> {
    const dir = this.versionDir(name, version);
    const files = new Map<string, Uint8Array>();
    for (const file of servedModelFiles) files.set(file, new Uint8Array(await readFile(join(dir, file))));
    return files;
  }

  /** Stores the served files of a version (the contract is written last: it marks the entry complete). */
  async write(name: string, version: string, files: ReadonlyMap<string, Uint8Array>): Promise<void> {
    const dir = this.versionDir(name, version);
    await mkdir(dir, { recursive: true });
    for (const file of servedModelFiles) {
      const bytes = files.get(file);
      if (bytes === undefined) throw new Error(`version ${version} of "${name}" has no ${file} among its artifacts`);
      await atomicWrite(join(dir, file), bytes);
    }
  }

  /** The version the alias pointed at when last resolved, if any. */
  async readAlias(name: string, alias: string): Promise<string | undefined> {
    try {
      const pointer = JSON.parse(await readFile(this.aliasFile(name, alias), 'utf8')) as { version?: unknown };
      return typeof pointer.version === 'string' ? pointer.version : undefined;
    } catch {
      return undefined;
    }
  }

  async writeAlias(name: string, alias: string, version: string): Promise<void> {
    const file = this.aliasFile(name, alias);
    await mkdir(join(file, '..'), { recursive: true });
    await atomicWrite(file, new TextEncoder().encode(`${JSON.stringify({ version })}\n`));
  }
}

let sequence = 0;

async function atomicWrite(path: string, bytes: Uint8Array): Promise<void> {
  sequence += 1;
  const temporary = `${path}.${process.pid}.${sequence}.tmp`;
  await writeFile(temporary, bytes);
  await rename(temporary, path);
}
