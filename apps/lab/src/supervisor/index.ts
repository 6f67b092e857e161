export { createSupervisor, resolveSupervisorOptions, type ResolvedSupervisorOptions, type Supervisor, type SupervisorOptions } from './supervisor.ts';
export { crashLoopDelays, kubeletBackOff, resolveBackOffPolicy, restartAfterExit, type BackOffPolicy } from './back-off.ts';
export type { ProcessExit, ProcessSpec, ProcessStarter, ProcessState, ProcessStatus, Readiness, StartOptions } from './process-spec.ts';
