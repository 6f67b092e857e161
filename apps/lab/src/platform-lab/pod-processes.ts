/**
 * What the lab starts in each pod: the workload's containers as supervised processes (as the pod's
 * user, with the pod's files in place), and the ingress pod's two Traefik stand-ins. The files are
 * written here; the processes are started by the supervisor, inside the pod's namespace.
 */
import { chownSync, chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { postgresServerUser, systemProgram } from '@millwright/test-servers';
import type { Lab, LabPod } from '../network/index.ts';
import type { ProcessSpec, Readiness } from '../supervisor/index.ts';
import type { LabContainer, LabProbe, LabWorkload } from '../rendered/index.ts';
import { containerProcess, type ContainerContext, type ContainerProcess } from '../runtime/container-process.ts';
import { imageKind } from '../runtime/image-kinds.ts';

/** A uid and gid to run as. */
export interface RunAs {
  readonly uid: number;
  readonly gid: number;
}

/** The host's `postgres` user: PostgreSQL will not run as root, and initdb needs a user with a name. */
export function hostPostgresUser(): RunAs {
  const user = postgresServerUser();
  if (!user) throw new Error('the lab runs as root, and PostgreSQL then runs as the host\'s postgres user');
  return user;
}

/** `setpriv` in front of `argv`: the process runs as `user`, with no supplementary groups and no new privileges. */
export function asUser(argv: readonly string[], user: RunAs | undefined): string[] {
  if (!user) return [...argv];
  return [systemProgram('setpriv'), `--reuid=${user.uid}`, `--regid=${user.gid}`, '--clear-groups', '--no-new-privs', '--', ...argv];
}

/** Where the supervisor polls readiness from the root namespace, from the container's probe. */
export function readinessOf(container: LabContainer, address: string): Readiness | undefined {
  const probe: LabProbe | undefined = container.readiness ?? container.startup;
  const firstPort = Object.values(container.ports)[0];
  if (!probe) return firstPort === undefined ? undefined : { tcp: `${address}:${firstPort}` };
  const check = probe.check;
  if (check.kind === 'http') return { url: `${check.scheme === 'HTTPS' ? 'https' : 'http'}://${address}:${check.port}${check.path}` };
  if (check.kind === 'tcp') return { tcp: `${address}:${check.port}` };
  // An exec probe (pg_isready, valkey-cli ping) runs inside the container; from outside, the port it checks answers.
  return firstPort === undefined ? undefined : { tcp: `${address}:${firstPort}` };
}

/** Writes the process's folders and files, owned by its user (fsGroup semantics). */
export function preparePodFiles(process: ContainerProcess, user: RunAs | undefined): void {
  for (const dir of process.dirs) mkdirSync(dir, { recursive: true });
  for (const file of process.files) {
    mkdirSync(dirname(file.path), { recursive: true });
    writeFileSync(file.path, file.bytes);
    chmodSync(file.path, file.mode);
  }
  if (!user) return;
  for (const path of [...process.dirs, ...process.files.map((file) => file.path), ...process.files.map((file) => dirname(file.path))]) chownSync(path, user.uid, user.gid);
}

export interface WorkloadProcessContext extends Omit<ContainerContext, 'podDir'> {
  readonly lab: Lab;
  readonly pod: LabPod;
  readonly podDir: string;
  readonly logDir: string;
  readonly postgresUser: RunAs;
}

/** The supervised processes of a workload's pod: one per container. */
export function workloadProcesses(workload: LabWorkload, context: WorkloadProcessContext): ProcessSpec[] {
  const { lab, pod } = context;
  return workload.containers.map((container) => {
    const process = containerProcess(workload, container, context);
    const kind = imageKind(container.image, context.registry).kind;
    const user = kind === 'postgres' ? context.postgresUser : container.runAs;
    preparePodFiles(process, user);
    const name = workload.containers.length === 1 ? `${pod.site}/${pod.name}` : `${pod.site}/${pod.name}/${container.name}`;
    const logFile = join(context.logDir, `${name.replaceAll('/', '_')}.log`);
    // The process reopens its stderr by name at times (nginx's /dev/stderr): the file must be its user's.
    writeFileSync(logFile, '', { flag: 'a' });
    if (user) chownSync(logFile, user.uid, user.gid);
    return {
      name,
      argv: asUser(process.argv, user),
      env: process.env,
      cwd: process.cwd,
      readiness: readinessOf(container, pod.address),
      logFile,
      start: (argv, options) => lab.exec(pod, argv, options),
    };
  });
}
