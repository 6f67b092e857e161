/**
 * A container sees its volumes at their mount paths (`/tmp`, `/mosquitto/config`); a lab process
 * shares the machine's filesystem, so each mount path is moved to a folder of the pod and every
 * string the process is given (arguments, environment, ConfigMap files, the image's own config
 * files) is rewritten the same way. A path is matched whole: `/tmp` moves `/tmp/x` and `/tmp`, not
 * `/tmpfs` or `./tmp`; a path after `-` counts (a shell default, `${DIR:-/tmp/x}`). Longer mount paths win (`/mosquitto/config` before `/mosquitto`).
 */

/** One moved path: the container's, and where it is in the lab. */
export interface PathRewrite {
  readonly from: string;
  readonly to: string;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Rewrites every whole-path occurrence of each `from` in `text`. */
export function rewritePaths(text: string, rewrites: readonly PathRewrite[]): string {
  const ordered = [...rewrites].filter((r) => r.from !== '/' && r.from !== '').sort((a, b) => b.from.length - a.from.length);
  if (ordered.length === 0) return text;
  // One pass, so a rewritten path is never rewritten again by a shorter rule.
  const pattern = new RegExp(`(?<![\\w.])(${ordered.map((r) => escapeRegExp(r.from.replace(/\/+$/, ''))).join('|')})(?=/|$|[^\\w.-])`, 'g');
  const byFrom = new Map(ordered.map((r) => [r.from.replace(/\/+$/, ''), r.to.replace(/\/+$/, '')]));
  return text.replace(pattern, (match) => byFrom.get(match) ?? match);
}

/** {@link rewritePaths} over every value of an environment. */
export function rewriteEnvironment(env: Readonly<Record<string, string>>, rewrites: readonly PathRewrite[]): Record<string, string> {
  return Object.fromEntries(Object.entries(env).map(([name, value]) => [name, rewritePaths(value, rewrites)]));
}
