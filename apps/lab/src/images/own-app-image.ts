/**
 * What one of the platform's own images runs, read from its Dockerfile: the ENTRYPOINT's bundle
 * (`node /app/server.js`) is the source file it was built from (`apps/<app>/src/server.ts`), run
 * with tsx; the image's ENV is the environment under the container's own, as a container runtime
 * merges them. Reading the Dockerfile, not a table, keeps the lab honest when an image changes.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The program and the environment of an image, as the lab runs it. */
export interface OwnAppImage {
  readonly app: string;
  /** The source file the image's bundle is built from, relative to the workspace. */
  readonly entry: string;
  /** The image's ENV, in order. */
  readonly env: Readonly<Record<string, string>>;
  /** The image's CMD (arguments to the entrypoint), used when the container gives no args. */
  readonly cmd: readonly string[];
}

/** `ghcr.io/<org>/millwright-<app>:<tag>` → `<app>`; undefined for any other image. */
export function ownAppOf(image: string, registry: string): string | undefined {
  const prefix = `${registry.replace(/\/+$/, '')}/millwright-`;
  if (!image.startsWith(prefix)) return undefined;
  return image.slice(prefix.length).replace(/[:@].*$/, '');
}

/** The ENV lines of a Dockerfile's LAST stage (`ENV A=1 B=2`; quoted values allowed). */
export function dockerfileEnv(dockerfile: string): Record<string, string> {
  const stages = dockerfile.split(/^FROM\s/im);
  const last = stages[stages.length - 1] ?? '';
  const env: Record<string, string> = {};
  for (const line of last.split('\n')) {
    const match = /^ENV\s+(.*)$/i.exec(line.trim());
    if (!match) continue;
    for (const pair of match[1]!.matchAll(/([A-Za-z_][A-Za-z0-9_]*)=("([^"]*)"|\S*)/g)) env[pair[1]!] = pair[3] ?? pair[2]!;
  }
  return env;
}

/** The JSON-array form of an instruction (`ENTRYPOINT ["node", "/app/main.js"]`) of the last stage. */
export function dockerfileExecForm(dockerfile: string, instruction: 'ENTRYPOINT' | 'CMD'): string[] | undefined {
  const stages = dockerfile.split(/^FROM\s/im);
  const last = stages[stages.length - 1] ?? '';
  const line = last.split('\n').find((l) => l.trim().toUpperCase().startsWith(`${instruction} `));
  if (!line) return undefined;
  const parsed: unknown = JSON.parse(line.trim().slice(instruction.length + 1));
  if (!Array.isArray(parsed) || !parsed.every((part) => typeof part === 'string')) throw new Error(`${instruction} must be an exec-form JSON array of strings: ${line.trim()}`);
  return parsed;
}

/** Reads `apps/<app>/Dockerfile` and maps its `node /app/<bundle>.js` entrypoint to the source file. */
export function readOwnAppImage(workspaceRoot: string, app: string): OwnAppImage {
  const dockerfilePath = join(workspaceRoot, 'apps', app, 'Dockerfile');
  if (!existsSync(dockerfilePath)) throw new Error(`image millwright-${app}: there is no apps/${app}/Dockerfile`);
  const dockerfile = readFileSync(dockerfilePath, 'utf8');
  const entrypoint = dockerfileExecForm(dockerfile, 'ENTRYPOINT');
  const bundle = entrypoint?.[0] === 'node' ? /^\/app\/([\w-]+)\.js$/.exec(entrypoint[1] ?? '') : null;
  if (!bundle) throw new Error(`apps/${app}/Dockerfile: ENTRYPOINT ${JSON.stringify(entrypoint)} is not \`node /app/<bundle>.js\`, which the lab knows how to run`);
  const entry = join('apps', app, 'src', `${bundle[1]}.ts`);
  if (!existsSync(join(workspaceRoot, entry))) throw new Error(`apps/${app}/Dockerfile runs /app/${bundle[1]}.js, but ${entry} does not exist`);
  return { app, entry, env: dockerfileEnv(dockerfile), cmd: dockerfileExecForm(dockerfile, 'CMD') ?? [] };
}
