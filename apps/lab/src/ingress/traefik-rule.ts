/** What the lab understands of a Traefik router rule: one host and at most one path matcher. */
export interface TraefikRule {
  readonly host?: string;
  readonly path?: { readonly value: string; readonly match: 'prefix' | 'exact' };
}

const matcher = /^(Host|PathPrefix|Path|HostSNI)\(\s*[`"]([^`"]+)[`"]\s*\)$/;

/**
 * Parses an IngressRoute `match` made of `Host(...)`, `PathPrefix(...)` and `Path(...)` joined by
 * `&&` (or an IngressRouteTCP's `HostSNI(...)`, returned as `host`). Anything else (`||`,
 * negation, regular expressions, headers, several hosts) is refused with the reason, since
 * routing only part of a rule would route what Traefik does not.
 */
export function parseTraefikRule(rule: string): { rule: TraefikRule } | { problem: string } {
  let host: string | undefined;
  let path: TraefikRule['path'];
  for (const term of rule.split('&&').map((part) => part.trim())) {
    const found = matcher.exec(term);
    if (!found) return { problem: `rule "${rule}": the lab understands only Host, HostSNI, PathPrefix and Path joined by &&, not "${term}"` };
    const [, name, value] = found as unknown as [string, string, string];
    if (name === 'Host' || name === 'HostSNI') {
      if (host !== undefined) return { problem: `rule "${rule}" names two hosts` };
      host = value;
    } else {
      if (path !== undefined) return { problem: `rule "${rule}" names two paths` };
      path = { value, match: name === 'Path' ? 'exact' : 'prefix' };
    }
  }
  return { rule: { ...(host !== undefined ? { host } : {}), ...(path ? { path } : {}) } };
}
