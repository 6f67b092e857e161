import type { Platform } from './types.ts';

/**
 * `<component>.<domain>`: where a component is reached from another cluster, through the ingress
 * of the cluster it runs on. The clients' URLs (`BuildContext.endpoint`) and the TCP route that
 * serves the host (`tcpIngressObjects`) both take it from here, so they cannot drift apart.
 */
export function crossClusterHost(platform: Pick<Platform, 'domain'>, component: string): string {
  return `${component}.${platform.domain}`;
}
