/**
 * The `curl` command that repeats a prediction request, for a runbook or a bug report. The body is
 * single-quoted for POSIX shells, with any single quote in it escaped the shell's way.
 */
export function curlCommand(apiUrl: string, path: string, body: unknown, origin: string): string {
  const base = apiUrl === '' ? origin : apiUrl;
  const json = JSON.stringify(body).replaceAll("'", `'\\''`);
  return `curl -sS -X POST '${base}${path}' -H 'content-type: application/json' -d '${json}'`;
}
