/**
 * What the supervisor runs: a process spec, the function that starts it (directly, or in a pod's
 * namespace through the lab's exec), and what it records about each process.
 */
import type { ChildProcess } from 'node:child_process';

/** What a starter is given; spawn's options of the same names take them as they are. */
export interface StartOptions {
  /** The whole environment of the process. */
  readonly env: Readonly<Record<string, string>>;
  readonly cwd?: string;
  /** stdin closed, stdout and stderr appended to the process's log file. */
  readonly stdio: ['ignore', number, number];
  /** The process must lead a new process group, which the supervisor signals as a whole. */
  readonly detached: true;
}

/** Starts `argv` (its meaning, e.g. which program, is the starter's) and returns the child. */
export type ProcessStarter = (argv: readonly string[], options: StartOptions) => ChildProcess;

/**
 * When the process is ready, polled from the supervisor's (the root) namespace: an HTTP GET
 * answered 200–399 (the kubelet's httpGet probe rule), or a TCP connection accepted (`host:port`).
 */
export type Readiness = { readonly url: string } | { readonly tcp: string };

export interface ProcessSpec {
  /** Unique within the supervisor, e.g. `edge/inference-api`. */
  readonly name: string;
  readonly argv: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  readonly cwd?: string;
  /** Without one, the process counts as ready once started, as a container without a readiness probe. */
  readonly readiness?: Readiness;
  /** stdout, stderr and the supervisor's lines about the process are appended here. */
  readonly logFile: string;
  readonly start: ProcessStarter;
}

export interface ProcessExit {
  /** Epoch milliseconds. */
  readonly at: number;
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  /** How long the run lasted, from its start to this exit. */
  readonly ranMs: number;
  /** Set when the process could not be started at all. */
  readonly error?: string;
}

/** running: a process is up; backing-off: waiting to restart; stopping: stop() waits for the exit; stopped: scaled to zero. */
export type ProcessState = 'running' | 'backing-off' | 'stopping' | 'stopped';

export interface ProcessStatus {
  readonly name: string;
  readonly state: ProcessState;
  readonly pid?: number;
  readonly ready: boolean;
  /** Epoch milliseconds of every start, first start and restarts alike. */
  readonly starts: readonly number[];
  readonly exits: readonly ProcessExit[];
  /** How many times the supervisor restarted it after an exit (start() after stop() is not a restart). */
  readonly restarts: number;
  /** The back-off wait planned after each exit it restarted from, in order. */
  readonly restartDelaysMs: readonly number[];
  /** Epoch milliseconds at which each run became ready. */
  readonly readyAt: readonly number[];
}
