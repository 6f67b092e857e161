/**
 * Runs the image's own nginx.conf with a real nginx on a loopback port, for the tests that need
 * nginx's behaviour rather than an imitation of it (the /api proxy). Only the paths that belong to
 * the container are rewritten; every directive the image relies on stays as written.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { systemProgram } from '@millwright/test-servers';

/** Where the copy of the image's config points instead of the container's paths. */
export interface NginxSite {
  /** Listens on 127.0.0.1 here instead of 8080. */
  readonly port: number;
  /** Replaces /tmp/ui-runtime (the entrypoint's UI_RUNTIME_DIR). */
  readonly runtimeDir: string;
  /** Replaces the built UI's root. */
  readonly htmlDir: string;
  /** The pid file and nginx's temp directories go here instead of /tmp. */
  readonly stateDir: string;
}

/** Replaces every match of `pattern`, failing when there is none, so a changed nginx.conf cannot silently escape the test's directories. */
function rewrite(conf: string, pattern: RegExp, replacement: string): string {
  if (conf.search(pattern) === -1) throw new Error(`nginx.conf no longer matches ${pattern}; update the test's rewrite`);
  return conf.replace(pattern, replacement);
}

/** The image's nginx.conf with only the container's port and paths moved to `site`. */
export function nginxConfForSite(imageConf: string, site: NginxSite): string {
  let conf = rewrite(imageConf, /^(\s*)listen 8080;$/m, `$1listen 127.0.0.1:${site.port};`);
  conf = rewrite(conf, /\/tmp\/ui-runtime\//g, `${site.runtimeDir}/`);
  conf = rewrite(conf, /^(\s*)root \/usr\/share\/nginx\/html;$/m, `$1root ${site.htmlDir};`);
  conf = rewrite(conf, /^(\s*)pid \/tmp\/nginx\.pid;$/m, `$1pid ${site.stateDir}/nginx.pid;`);
  conf = rewrite(conf, /^(\s*)(\w+_temp_path) \/tmp\/(\w+);$/gm, `$1$2 ${site.stateDir}/$3;`);
  return conf;
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}

/** A running nginx: its origin, everything it wrote to stderr so far, and a way to stop it. */
export interface RunningNginx {
  readonly origin: string;
  stderr(): string;
  stop(): Promise<void>;
}

/**
 * Writes `conf` into `site.stateDir` and runs nginx on it in the foreground, resolving once it
 * accepts connections (within `timeoutMs`). As root, the workers run as root too: the test's
 * temporary directories are private to their owner.
 */
export async function startNginx(conf: string, site: NginxSite, timeoutMs = 5000): Promise<RunningNginx> {
  mkdirSync(site.stateDir, { recursive: true });
  const confFile = join(site.stateDir, 'nginx.conf');
  writeFileSync(confFile, conf);
  const globals = process.getuid?.() === 0 ? 'daemon off; user root;' : 'daemon off;';
  // A file, not a pipe: the config's `error_log /dev/stderr` cannot reopen Node's pipes (sockets).
  const stderrFile = join(site.stateDir, 'stderr.log');
  const stderrFd = openSync(stderrFile, 'a');
  const child: ChildProcess = spawn(systemProgram('nginx'), ['-p', site.stateDir, '-c', confFile, '-g', globals], { stdio: ['ignore', 'ignore', stderrFd] });
  closeSync(stderrFd);
  const stderr = () => readFileSync(stderrFile, 'utf8');
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const running: RunningNginx = {
    origin: `http://127.0.0.1:${site.port}`,
    stderr,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      await exited;
    },
  };
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`nginx exited with ${child.exitCode}:\n${stderr()}`);
    if (await accepts(site.port)) return running;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await running.stop();
  throw new Error(`nginx did not accept connections on ${site.port} within ${timeoutMs} ms:\n${stderr()}`);
}
