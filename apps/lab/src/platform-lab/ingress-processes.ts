/**
 * A cluster's Traefik as the lab runs it, in the cluster's ingress pod: nginx serving the rendered
 * Ingress routes (TLS with the lab certificate, basic auth from the rendered Middlewares) behind
 * the websecure entrypoint stand-in on port 443, which also serves the IngressRouteTCP routes
 * (PostgreSQL's STARTTLS). Both are supervised like any other process.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { systemProgram } from '@millwright/test-servers';
import { htpasswdFileContent, ingressNginxArguments, ingressNginxConf, type LabRoute, type LabTcpRoute } from '../ingress/index.ts';
import type { Lab, LabPod } from '../network/index.ts';
import type { LabCa } from '../runtime/lab-ca.ts';
import type { ProcessSpec } from '../supervisor/index.ts';
import type { LabCluster } from './lab-layout.ts';

/** Where nginx listens in the ingress pod, behind the entrypoint (on the pod's address, so its readiness can be polled). */
const nginxPort = 8443;
/** Traefik's websecure port as K3s's service load balancer exposes it. */
export const websecurePort = 443;
/** A Service with no running pod: connections are refused, as a Service without endpoints is. */
const noEndpoint = '127.0.0.1:9';

export interface IngressContext {
  readonly lab: Lab;
  readonly pod: LabPod;
  readonly cluster: LabCluster;
  readonly podDir: string;
  readonly logDir: string;
  readonly ca: LabCa;
  readonly workspaceRoot: string;
  /** The address of the pod running `workload` in this cluster's site, when it runs. */
  readonly addressOf: (workload: string) => string | undefined;
}

/** `ip:port` of a Service's port: the running pod behind it and the target port. */
export function serviceEndpoint(cluster: LabCluster, addressOf: (workload: string) => string | undefined, service: string, namespace: string, port: number): string {
  const found = cluster.services.find((s) => s.name === service && s.namespace === namespace);
  const target = found?.ports.find((p) => p.port === port)?.targetPort;
  const address = found?.workload ? addressOf(found.workload.name) : undefined;
  return address && target ? `${address}:${target}` : noEndpoint;
}

export function ingressProcesses(context: IngressContext): ProcessSpec[] {
  const { lab, pod, cluster, podDir } = context;
  const runDir = join(podDir, 'nginx');
  mkdirSync(runDir, { recursive: true });
  const httpRoutes = cluster.routes.filter((route): route is Exclude<LabRoute, LabTcpRoute> => route.protocol === 'http');
  const tcpRoutes = cluster.routes.filter((route): route is LabTcpRoute => route.protocol === 'tcp');
  const endpoint = (service: string, namespace: string, port: number) => serviceEndpoint(cluster, context.addressOf, service, namespace, port);
  const conf = ingressNginxConf(httpRoutes, {
    listen: { address: pod.address, port: nginxPort },
    certificate: { cert: context.ca.cert, key: context.ca.key },
    runDir,
    upstreamAddress: endpoint,
    htpasswdFile: (route, middleware) => {
      const file = join(runDir, `htpasswd-${middleware.namespace}-${middleware.name}`);
      writeFileSync(file, htpasswdFileContent(middleware), { mode: 0o600 });
      return file;
    },
    workerUser: 'root',
  });
  const confFile = join(runDir, 'nginx.conf');
  writeFileSync(confFile, conf);
  const entrypointFile = join(podDir, 'websecure.json');
  writeFileSync(
    entrypointFile,
    JSON.stringify({
      listen: { host: '0.0.0.0', port: websecurePort },
      https: { host: pod.address, port: nginxPort },
      tcpRoutes: tcpRoutes.map((route) => {
        const [host, port] = endpoint(route.service, route.namespace, route.port).split(':');
        return { hostSni: route.hostSni, upstream: { host, port: Number(port) } };
      }),
      certFile: context.ca.cert,
      keyFile: context.ca.key,
    }),
  );
  const start: ProcessSpec['start'] = (argv, options) => lab.exec(pod, argv, options);
  // Named as a pod's containers are: <site>/<pod>/<container>.
  const named = (container: string) => ({ name: `${pod.site}/${pod.name}/${container}`, logFile: join(context.logDir, `${pod.site}_${pod.name}_${container}.log`) });
  return [
    { ...named('nginx'), argv: [systemProgram('nginx'), ...ingressNginxArguments(confFile, runDir)], env: {}, readiness: { tcp: `${pod.address}:${nginxPort}` }, start },
    {
      ...named('websecure'),
      argv: [process.execPath, '--import', 'tsx', join(context.workspaceRoot, 'apps/lab/src/tcp-ingress/main.ts'), entrypointFile],
      env: {},
      cwd: context.workspaceRoot,
      readiness: { tcp: `${pod.address}:${websecurePort}` },
      start,
    },
  ];
}
