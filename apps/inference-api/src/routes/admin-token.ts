/**
 * The admin endpoints' check (reload, promote, roll back). The token (`ADMIN_TOKEN`, from a
 * Secret) comes in `X-Admin-Token: <token>`, or in `Authorization: Bearer <token>` where nothing
 * in front of the API uses that header. Behind the platform's ingress it always is: the browser
 * sends its basic-auth credentials in `Authorization`, Traefik checks and removes them, and the
 * UI's nginx proxy replaces them, so the operator UI sends `X-Admin-Token`.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { HttpProblem } from './error-reply.ts';

/** The header the operator UI and scripts behind the ingress send the token in. */
const adminTokenHeader = 'x-admin-token';

/** OpenAPI security schemes: either header carries the token. */
export const adminSecuritySchemes = {
  adminToken: { type: 'apiKey', in: 'header', name: 'X-Admin-Token' },
  adminBearer: { type: 'http', scheme: 'bearer' },
} as const;

/** What an admin route declares in its OpenAPI `security`: one of the two schemes. */
export const adminSecurity: readonly Readonly<Record<string, readonly string[]>>[] = [{ adminToken: [] }, { adminBearer: [] }];

function sameText(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** True when either header carries exactly the token (compared in constant time). */
function hasAdminToken(headers: IncomingHttpHeaders, token: string): boolean {
  const header = headers[adminTokenHeader];
  if (typeof header === 'string') return sameText(header, token);
  return sameText(headers.authorization ?? '', `Bearer ${token}`);
}

/**
 * @throws HttpProblem 403 when no token is configured (admin endpoints off), 401 when the
 * request does not carry it.
 */
export function requireAdmin(headers: IncomingHttpHeaders, token: string | undefined): void {
  if (token === undefined) throw new HttpProblem(403, 'admin endpoints are disabled: set ADMIN_TOKEN (from a Secret) to enable them');
  if (!hasAdminToken(headers, token)) throw new HttpProblem(401, 'x-admin-token: expected the admin token (or "Authorization: Bearer <admin token>" where no ingress uses that header)');
}
