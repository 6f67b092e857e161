import { crossClusterHost } from '../model/cross-cluster-host.ts';
import { isColocated, isDeployed } from '../model/placement.ts';
import type { BuildContext, ComponentDefinition, TcpIngressRoute } from '../model/types.ts';
import { routeLabels, traefikSecureEntryPoint } from './ingress-controller.ts';
import type { KubeObject } from './kube-object.ts';
import { activeFlows, type FlowGraph } from './network-policies.ts';

/** A component's TCP route under a platform where clients on other clusters use it. */
export interface ActiveTcpRoute {
  readonly route: TcpIngressRoute;
  /** The number of the route's named port: the Service port Traefik forwards to. */
  readonly servicePort: number;
  /** The deployed components on other clusters that declare a flow to the port, in catalogue order. */
  readonly clients: readonly string[];
}

/**
 * The component's TCP route, when some deployed component that runs where the component does not
 * declares a flow to its port: the same declaration that opens that client's egress, so the route
 * exists exactly where a client crosses clusters (the edge apps to the cloud PostgreSQL in hybrid),
 * and a database stays off the ingress everywhere else. Undefined otherwise.
 */
export function activeTcpRoute(graph: FlowGraph, definition: ComponentDefinition): ActiveTcpRoute | undefined {
  const route = definition.tcpIngress;
  if (!route || !isDeployed(graph.platform, definition)) return undefined;
  const port = definition.ports.find((p) => p.name === route.port);
  if (!port) throw new Error(`component ${definition.name}: tcpIngress names port "${route.port}", which ${definition.name} does not serve`);
  const clients = graph.catalogue
    .filter(
      (client) =>
        isDeployed(graph.platform, client) &&
        !isColocated(graph.platform, client, definition) &&
        activeFlows(graph.platform, client).some((flow) => flow.to === definition.name && flow.port === route.port),
    )
    .map((client) => client.name);
  return clients.length > 0 ? { route, servicePort: port.port, clients } : undefined;
}

/** `<host>-tls`: the Secret holding a host's certificate, named as cert-manager's ingress-shim names an Ingress's. */
function tlsSecretName(context: BuildContext): string {
  return `${context.component}-tls`;
}

function ingressRouteTcp(context: BuildContext, active: ActiveTcpRoute, host: string, issuer: string | undefined): KubeObject {
  // https://doc.traefik.io/traefik/reference/routing-configuration/kubernetes/crd/tcp/ingressroutetcp/
  // A TLS router terminates TLS and sends plain TCP on. Traefik v3 also answers PostgreSQL's
  // SSLRequest (STARTTLS) itself before the handshake (pkg/server/router/tcp/postgres.go), so a
  // client with `sslmode=require` reaches the Service as if it had connected without TLS.
  // `tls: {}` serves Traefik's default certificate, as the Ingresses do without a ClusterIssuer.
  return {
    apiVersion: 'traefik.io/v1alpha1',
    kind: 'IngressRouteTCP',
    metadata: { name: context.component, namespace: context.namespace, labels: routeLabels(context) },
    spec: {
      entryPoints: [traefikSecureEntryPoint],
      routes: [{ match: `HostSNI(\`${host}\`)`, services: [{ name: active.route.service, port: active.servicePort }] }],
      tls: issuer ? { secretName: tlsSecretName(context) } : {},
    },
  };
}

function certificate(context: BuildContext, host: string, issuer: string): KubeObject {
  // cert-manager's ingress-shim issues certificates for Ingresses only, so a TCP route asks for
  // its own: https://cert-manager.io/docs/usage/certificate/
  return {
    apiVersion: 'cert-manager.io/v1',
    kind: 'Certificate',
    metadata: { name: tlsSecretName(context), namespace: context.namespace, labels: routeLabels(context) },
    spec: {
      secretName: tlsSecretName(context),
      dnsNames: [host],
      issuerRef: { group: 'cert-manager.io', kind: 'ClusterIssuer', name: issuer },
    },
  };
}

/**
 * What an active TCP route renders: a Traefik IngressRouteTCP for `<component>.<domain>` on the
 * HTTPS entry point and, when the platform names a ClusterIssuer, the cert-manager Certificate
 * its TLS Secret comes from (clients that verify the server, as node-postgres does with
 * `sslmode=require`, need a certificate they trust). The NetworkPolicy that admits Traefik is
 * rendered with the HTTP routes' (`ingressObjects`).
 */
export function tcpIngressObjects(context: BuildContext, active: ActiveTcpRoute): KubeObject[] {
  const host = crossClusterHost(context.platform, context.component);
  const issuer = context.platform.ingress.clusterIssuer;
  return [ingressRouteTcp(context, active, host, issuer), ...(issuer ? [certificate(context, host, issuer)] : [])];
}
