/**
 * The one way a test finds etcd and kube-apiserver: from the envtest assets that
 * `$KUBEBUILDER_ASSETS` points at (the variable controller-runtime's envtest reads), never from
 * PATH. Debian packages no kube-apiserver, so these two are not system programs; only the names
 * listed here can be resolved, and the declared-programs scan holds every call against this list.
 */
import { accessSync, constants, statSync } from 'node:fs';
import { join } from 'node:path';

/** The programs an envtest assets directory provides (`setup-envtest` archives hold exactly these). */
export const envtestPrograms = ['etcd', 'kube-apiserver'] as const;

/** A program of the envtest assets. */
export type EnvtestProgram = (typeof envtestPrograms)[number];

/** The Kubernetes minor version the cluster tests are written against (the API server's admission chain). */
export const envtestKubernetesVersion = '1.33';

/** How to get the assets, for every error that finds them missing. */
const howToGetThem =
  `Get them: \`setup-envtest use ${envtestKubernetesVersion} -p path\` downloads them and prints their directory ` +
  `(install setup-envtest with \`go install sigs.k8s.io/controller-runtime/tools/setup-envtest@latest\`); ` +
  `then export KUBEBUILDER_ASSETS=<that directory> and run npm run test:cluster again`;

function isExecutableFile(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * The absolute path of `program` in the envtest assets. Throws, saying how to get the assets,
 * when `KUBEBUILDER_ASSETS` is unset or does not hold an executable `program` — never a skip:
 * a cluster test that cannot start its API server has failed.
 */
export function envtestProgram(program: EnvtestProgram, env: NodeJS.ProcessEnv = process.env): string {
  // The type already says so; this refuses a name cast past it, as systemProgram refuses undeclared ones.
  if (!(envtestPrograms as readonly string[]).includes(program)) {
    throw new Error(`${program} is not an envtest program (envtest assets provide ${envtestPrograms.join(' and ')})`);
  }
  const assets = env['KUBEBUILDER_ASSETS'];
  if (assets === undefined || assets.trim() === '') {
    throw new Error(`KUBEBUILDER_ASSETS is not set: the cluster tests start ${envtestPrograms.join(' and ')} from envtest assets. ${howToGetThem}`);
  }
  const path = join(assets, program);
  if (!isExecutableFile(path)) {
    throw new Error(`KUBEBUILDER_ASSETS=${assets} has no executable ${program} (expected ${path}). ${howToGetThem}`);
  }
  return path;
}
