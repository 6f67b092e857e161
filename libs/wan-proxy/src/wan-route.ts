/** A route of the link: where the proxy listens and where it connects. */

export interface HostPort {
  readonly host: string;
  readonly port: number;
}

export interface WanRoute {
  /** Names the route in counters and errors, e.g. "cloud-ingress-443". */
  readonly name: string;
  /** Where clients connect; port 0 picks a free port (the handle reports the bound one). */
  readonly listen: HostPort;
  /** Where the proxy connects for each client, on the far side of the link. */
  readonly upstream: HostPort;
}
