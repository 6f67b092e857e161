/**
 * Which images the lab can run here, and as what. The platform's own images run from this
 * workspace's sources; third-party images run as the Debian program that is the same software
 * (Mosquitto, PostgreSQL, Redis for Valkey) or as a named stand-in (MLflow). Every other image is
 * not run, and the lab report says so.
 */
import { ownAppOf } from '../images/own-app-image.ts';

export type ImageKind =
  | { readonly kind: 'own-node-app'; readonly app: string }
  | { readonly kind: 'own-ui' }
  | { readonly kind: 'postgres' }
  | { readonly kind: 'mosquitto' }
  | { readonly kind: 'valkey' }
  | { readonly kind: 'mlflow' }
  | { readonly kind: 'not-run'; readonly reason: string };

/** `docker.io/library/postgres:17.11-bookworm` → `docker.io/library/postgres`. */
export function imageRepository(image: string): string {
  const withoutDigest = image.split('@')[0]!;
  const lastSlash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.indexOf(':', lastSlash + 1);
  return colon === -1 ? withoutDigest : withoutDigest.slice(0, colon);
}

const thirdParty: Readonly<Record<string, ImageKind>> = {
  'docker.io/library/postgres': { kind: 'postgres' },
  'docker.io/library/eclipse-mosquitto': { kind: 'mosquitto' },
  'docker.io/valkey/valkey': { kind: 'valkey' },
  'ghcr.io/mlflow/mlflow': { kind: 'mlflow' },
};

/** What the lab runs for `image` (the platform's own images come from `registry`). */
export function imageKind(image: string, registry: string): ImageKind {
  const app = ownAppOf(image, registry);
  if (app === 'ui') return { kind: 'own-ui' };
  if (app !== undefined) return { kind: 'own-node-app', app };
  return thirdParty[imageRepository(image)] ?? { kind: 'not-run', reason: `no stand-in for ${imageRepository(image)} on this machine` };
}

/** How each stand-in differs from what the cluster runs, for the lab report. */
export const standInNotes: Readonly<Record<Exclude<ImageKind['kind'], 'not-run'>, string>> = {
  'own-node-app': "the image's source run with Node.js and tsx, with the image's ENV under the container's",
  'own-ui': "Debian's nginx with the image's nginx.conf and entrypoint script, serving the Vite build",
  postgres: "Debian's PostgreSQL 15 (the image is 17) under a stand-in for the image's entrypoint, as the host's postgres user",
  mosquitto: "Debian's Mosquitto with the rendered mosquitto.conf, ACL and password file",
  valkey: "Debian's redis-server for valkey-server (same protocol and config keys), redis-cli for valkey-cli",
  mlflow: "the project's MLflow-compatible server (MLflow's REST API and artifact proxy); runs and artifacts in memory",
};
