/** Readiness probes of supervised processes: an HTTP GET or a TCP connect, from the lab's own namespace. */
import { get } from 'node:http';
import { connect } from 'node:net';
import type { Readiness } from './process-spec.ts';

/** The kubelet's default probe timeout (timeoutSeconds: 1). */
export const probeTimeoutMs = 1000;

/** host and port of a `host:port` text, or undefined when it is not one. */
export function parseTcpTarget(text: string): { host: string; port: number } | undefined {
  const match = /^(.+):(\d{1,5})$/.exec(text);
  if (!match || Number(match[2]) < 1 || Number(match[2]) > 65535) return undefined;
  return { host: match[1]!, port: Number(match[2]) };
}

/** What is wrong with a readiness check, or undefined when it can be polled. */
export function readinessProblem(readiness: Readiness): string | undefined {
  if ('tcp' in readiness) return parseTcpTarget(readiness.tcp) ? undefined : `readiness.tcp "${readiness.tcp}" must be host:port, e.g. 10.213.1.2:5432`;
  let url: URL;
  try {
    url = new URL(readiness.url);
  } catch {
    return `readiness.url "${readiness.url}" is not a URL`;
  }
  return url.protocol === 'http:' ? undefined : `readiness.url "${readiness.url}" must be http:// (the lab's pods serve plain HTTP on the bridge)`;
}

/** Whether the check passes now; any error or timeout is a failure, as for the kubelet. */
export function probeReadiness(readiness: Readiness, timeoutMs = probeTimeoutMs): Promise<boolean> {
  return new Promise((resolve) => {
    if ('tcp' in readiness) {
      const { host, port } = parseTcpTarget(readiness.tcp)!;
      const socket = connect({ host, port, timeout: timeoutMs });
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('timeout', () => {
        socket.destroy();
        resolve(false);
      });
      socket.once('error', () => resolve(false));
      return;
    }
    const request = get(readiness.url, { timeout: timeoutMs, agent: false }, (response) => {
      response.resume();
      const status = response.statusCode ?? 0;
      resolve(status >= 200 && status < 400);
    });
    request.once('timeout', () => request.destroy());
    request.once('error', () => resolve(false));
  });
}
