/**
 * A kubelet-like supervisor for the lab's processes: it starts each process spec through its
 * starter (in a pod's namespace, through the lab's exec), restarts it whenever it exits, whatever
 * the exit (restartPolicy: Always), with the kubelet's back-off (back-off.ts), polls its
 * readiness, and records starts, exits, restarts and ready times. kill() is fault injection;
 * stop()/start() scale a process to zero and back.
 */
import type { ChildProcess } from 'node:child_process';
import { closeSync, openSync, writeSync } from 'node:fs';
import { freshBackOff, resolveBackOffPolicy, restartAfterExit, type BackOffPolicy, type BackOffState } from './back-off.ts';
import { processGroupGone, signalProcessGroup } from './process-group.ts';

/** How long a restart waits for the rest of a dead leader's group to go. */
const groupExitTimeoutMs = 2000;
import type { ProcessExit, ProcessSpec, ProcessState, ProcessStatus } from './process-spec.ts';
import { probeReadiness, readinessProblem } from './readiness.ts';

export interface SupervisorOptions {
  /**
   * The restart back-off; tests pass milliseconds.
   * @default the kubelet's: 10 s doubling to 300 s, reset by a run of over 10 minutes
   */
  readonly backOff?: Partial<BackOffPolicy>;
  /** @default 250 */
  readonly readinessIntervalMs?: number;
  /**
   * How long stop() and stopAll() wait after SIGTERM before SIGKILL.
   * @default 30000 (Kubernetes' terminationGracePeriodSeconds)
   */
  readonly stopGraceMs?: number;
}

export interface ResolvedSupervisorOptions {
  readonly backOff: BackOffPolicy;
  readonly readinessIntervalMs: number;
  readonly stopGraceMs: number;
}

export function resolveSupervisorOptions(options: SupervisorOptions = {}): ResolvedSupervisorOptions {
  return {
    backOff: resolveBackOffPolicy(options.backOff),
    readinessIntervalMs: options.readinessIntervalMs ?? 250,
    stopGraceMs: options.stopGraceMs ?? 30_000,
  };
}

export interface Supervisor {
  /** Starts supervising the process, starting it now. */
  supervise(spec: ProcessSpec): void;
  /** Sends `signal` to the running process's group; the exit is restarted with back-off like any other. */
  kill(name: string, signal?: NodeJS.Signals): void;
  /** Scales the process to zero: no more restarts, SIGTERM, SIGKILL after the grace period; resolves once it has exited. */
  stop(name: string): Promise<void>;
  /** Scales a stopped process back to one, with a fresh back-off (a new pod has a new one). */
  start(name: string): void;
  status(): ProcessStatus[];
  /** Stops every process and resolves once all have exited. */
  stopAll(): Promise<void>;
}

/** One run of a process: from a start to its exit. */
interface Run {
  readonly child: ChildProcess;
  readonly startedAt: number;
  exited: Promise<void>;
  readinessTimer?: NodeJS.Timeout;
}

interface Supervised {
  readonly spec: ProcessSpec;
  /** What the user asked for: true after supervise() and start(), false after stop(). */
  wanted: boolean;
  run?: Run;
  restartTimer?: NodeJS.Timeout;
  backOff: BackOffState;
  ready: boolean;
  restarts: number;
  readonly starts: number[];
  readonly exits: ProcessExit[];
  readonly restartDelaysMs: number[];
  readonly readyAt: number[];
}

function logLine(logFile: string, line: string): void {
  const fd = openSync(logFile, 'a');
  try {
    writeSync(fd, `${new Date().toISOString()} supervisor: ${line}\n`);
  } finally {
    closeSync(fd);
  }
}

function stateOf(supervised: Supervised): ProcessState {
  if (supervised.run) return supervised.wanted ? 'running' : 'stopping';
  return supervised.wanted ? 'backing-off' : 'stopped';
}

export function createSupervisor(options: SupervisorOptions = {}): Supervisor {
  const settings = resolveSupervisorOptions(options);
  const processes = new Map<string, Supervised>();

  const named = (name: string): Supervised => {
    const found = processes.get(name);
    if (found === undefined) throw new Error(`no supervised process is named "${name}"; known: ${[...processes.keys()].join(', ') || 'none'}`);
    return found;
  };

  function launch(supervised: Supervised, isRestart: boolean): void {
    const { spec } = supervised;
    const startedAt = Date.now();
    supervised.starts.push(startedAt);
    if (isRestart) supervised.restarts += 1;
    logLine(spec.logFile, `starting ${spec.name}${isRestart ? ` (restart ${supervised.restarts})` : ''}`);
    const fd = openSync(spec.logFile, 'a');
    let child: ChildProcess;
    try {
      child = spec.start(spec.argv, { env: spec.env, ...(spec.cwd !== undefined && { cwd: spec.cwd }), stdio: ['ignore', fd, fd], detached: true });
    } catch (error) {
      // A starter that throws is a failed start: it backs off like a crash, as a container that cannot be created does.
      finishRun(supervised, startedAt, { code: null, signal: null, error: (error as Error).message });
      return;
    } finally {
      // The child holds its own copy of the descriptor.
      closeSync(fd);
    }
    const run: Run = { child, startedAt, exited: Promise.resolve() };
    run.exited = new Promise<void>((resolve) => {
      let settled = false;
      const settle = (exit: Pick<ProcessExit, 'code' | 'signal' | 'error'>) => {
        if (settled) return;
        settled = true;
        clearTimeout(run.readinessTimer);
        // The group may outlive its leader; a container's processes all go when its main process
        // does, and only then is the container restarted.
        const gone = child.pid === undefined ? Promise.resolve(true) : (signalProcessGroup(child.pid, 'SIGKILL'), processGroupGone(child.pid, groupExitTimeoutMs));
        void gone.then(() => {
          supervised.run = undefined;
          finishRun(supervised, startedAt, exit);
          resolve();
        });
      };
      child.once('exit', (code, signal) => settle({ code, signal }));
      // 'error' without a pid is a spawn failure, which has no 'exit'; other errors (a failed kill) are not exits.
      child.once('error', (error) => child.pid === undefined && settle({ code: null, signal: null, error: error.message }));
    });
    supervised.run = run;
    watchReadiness(supervised, run);
  }

  function watchReadiness(supervised: Supervised, run: Run): void {
    const readiness = supervised.spec.readiness;
    const becomeReady = () => {
      supervised.ready = true;
      supervised.readyAt.push(Date.now());
    };
    if (readiness === undefined) return becomeReady();
    const poll = async () => {
      const ready = await probeReadiness(readiness);
      if (supervised.run !== run) return;
      if (ready) return becomeReady();
      run.readinessTimer = setTimeout(poll, settings.readinessIntervalMs);
    };
    void poll();
  }

  function finishRun(supervised: Supervised, startedAt: number, exit: Pick<ProcessExit, 'code' | 'signal' | 'error'>): void {
    const at = Date.now();
    const ranMs = at - startedAt;
    supervised.ready = false;
    supervised.exits.push({ at, code: exit.code, signal: exit.signal, ranMs, ...(exit.error !== undefined && { error: exit.error }) });
    const how = exit.error ?? (exit.signal ? `by ${exit.signal}` : `with code ${exit.code}`);
    logLine(supervised.spec.logFile, `${supervised.spec.name} exited ${how} after ${ranMs} ms`);
    if (!supervised.wanted) return;
    const { delayMs, next } = restartAfterExit(supervised.backOff, ranMs, settings.backOff);
    supervised.backOff = next;
    supervised.restartDelaysMs.push(delayMs);
    if (delayMs > 0) logLine(supervised.spec.logFile, `back-off ${delayMs} ms restarting ${supervised.spec.name}`);
    restartWhenDue(supervised, at + delayMs);
  }

  /** Restarts at `dueAt` or later, never earlier: timers may fire a millisecond early. */
  function restartWhenDue(supervised: Supervised, dueAt: number): void {
    const wait = dueAt - Date.now();
    if (wait > 0) {
      supervised.restartTimer = setTimeout(() => restartWhenDue(supervised, dueAt), wait);
      return;
    }
    supervised.restartTimer = undefined;
    if (supervised.wanted && supervised.run === undefined) launch(supervised, true);
  }

  async function stopRun(run: Run): Promise<void> {
    const pid = run.child.pid;
    if (pid !== undefined) signalProcessGroup(pid, 'SIGTERM');
    const killTimer = setTimeout(() => pid !== undefined && signalProcessGroup(pid, 'SIGKILL'), settings.stopGraceMs);
    await run.exited;
    clearTimeout(killTimer);
  }

  async function stop(name: string): Promise<void> {
    const supervised = named(name);
    supervised.wanted = false;
    clearTimeout(supervised.restartTimer);
    supervised.restartTimer = undefined;
    supervised.backOff = freshBackOff;
    if (supervised.run) await stopRun(supervised.run);
  }

  return {
    supervise(spec) {
      const problems = [
        ...(processes.has(spec.name) ? [`a process named "${spec.name}" is already supervised`] : []),
        ...(spec.argv.length === 0 ? ['argv is empty; give the program and its arguments'] : []),
        ...(spec.readiness ? [readinessProblem(spec.readiness)].filter((problem) => problem !== undefined) : []),
      ];
      if (problems.length > 0) throw new Error(`process ${spec.name}: ${problems.join('; ')}`);
      const supervised: Supervised = { spec, wanted: true, backOff: freshBackOff, ready: false, restarts: 0, starts: [], exits: [], restartDelaysMs: [], readyAt: [] };
      processes.set(spec.name, supervised);
      launch(supervised, false);
    },
    kill(name, signal = 'SIGKILL') {
      const supervised = named(name);
      const pid = supervised.run?.child.pid;
      if (pid === undefined) throw new Error(`cannot kill ${name}: it is ${stateOf(supervised)}, no process is running`);
      signalProcessGroup(pid, signal);
    },
    stop,
    start(name) {
      const supervised = named(name);
      if (supervised.wanted) return;
      supervised.wanted = true;
      supervised.backOff = freshBackOff;
      // Still stopping: the exit restarts it, immediately, from the fresh back-off.
      if (supervised.run === undefined) launch(supervised, false);
    },
    status() {
      return [...processes.values()].map((supervised) => ({
        name: supervised.spec.name,
        state: stateOf(supervised),
        ...(supervised.run?.child.pid !== undefined && { pid: supervised.run.child.pid }),
        ready: supervised.ready,
        starts: [...supervised.starts],
        exits: [...supervised.exits],
        restarts: supervised.restarts,
        restartDelaysMs: [...supervised.restartDelaysMs],
        readyAt: [...supervised.readyAt],
      }));
    },
    async stopAll() {
      await Promise.all([...processes.keys()].map(stop));
    },
  };
}
