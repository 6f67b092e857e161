export { startPostgres, postgresBinDir, postgresServerUser, type PostgresServer } from './postgres-server.ts';
export { freePort } from './free-port.ts';
export { acceptsConnections } from './child-server.ts';
export { startMosquitto, type MosquittoOptions, type MosquittoServer } from './mosquitto-server.ts';
export { startRedis, type RedisServer } from './redis-server.ts';
export { systemProgram } from './system-program.ts';
export { envtestProgram, envtestPrograms, envtestKubernetesVersion, type EnvtestProgram } from './envtest-program.ts';
export {
  startKubeControlPlane,
  type ApplyOptions,
  type AuditEvent,
  type KubeControlPlane,
  type KubeControlPlaneOptions,
  type KubectlResult,
} from './kube-control-plane.ts';
export { upstreamCrds, upstreamCrdsFor, upstreamCrdDir, type UpstreamCrd } from './upstream-crds.ts';
export { startLoopbackDns, type LoopbackDns, type LoopbackDnsListen } from './loopback-dns.ts';
export { openssl, newKey } from './throwaway-pki.ts';
