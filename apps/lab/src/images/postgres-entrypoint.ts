/**
 * The lab's stand-in for the entrypoint of the official postgres image (docker-library/postgres
 * `docker-entrypoint.sh`), running Debian's PostgreSQL with the rendered container's environment:
 * on an empty PGDATA it runs initdb with POSTGRES_USER and POSTGRES_PASSWORD, admits every host
 * with scram-sha-256 (the image's default POSTGRES_HOST_AUTH_METHOD), starts the server on its
 * socket only, runs the scripts of /docker-entrypoint-initdb.d (the rendered `postgres-init`
 * ConfigMap) with that environment, stops, and then runs the server for real. Paths come in
 * already rewritten to the pod's folders (LAB_INITDB_DIR, LAB_SOCKET_DIR).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { systemProgram } from '@millwright/test-servers';

function required(name: string): string {
  const value = process.env[name];
  if (!value) {
    console.error(`postgres entrypoint: ${name} is not set`);
    process.exit(64);
  }
  return value;
}

const pgdata = required('PGDATA');
const user = process.env['POSTGRES_USER'] || 'postgres';
const password = required('POSTGRES_PASSWORD');
const initdbDir = process.env['LAB_INITDB_DIR'];
const socketDir = required('LAB_SOCKET_DIR');
const port = process.env['PGPORT'] || '5432';

function run(program: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env): void {
  const result = spawnSync(program, args, { stdio: 'inherit', env });
  if (result.status !== 0) throw new Error(`postgres entrypoint: ${program} ${args.join(' ')} failed (exit ${result.status ?? result.signal})`);
}

function initialise(): void {
  mkdirSync(pgdata, { recursive: true, mode: 0o700 });
  const pwfile = join(socketDir, '.pwfile');
  writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
  run(systemProgram('initdb'), ['-D', pgdata, '-U', user, '--pwfile', pwfile, '-A', 'scram-sha-256', '--auth-local', 'trust', '-E', 'UTF8']);
  appendFileSync(join(pgdata, 'pg_hba.conf'), '\n# as the official image: every host with a password\nhost all all all scram-sha-256\n');
  // The init scripts run against the socket only, so no client can connect half-initialised.
  run(systemProgram('pg_ctl'), ['-D', pgdata, '-w', '-o', `-c listen_addresses='' -k ${socketDir} -p ${port}`, 'start']);
  try {
    runInitScripts();
  } catch (error) {
    // Half-initialised data would be taken as ready at the next start: remove it, so the init runs again.
    stopTemporaryServer();
    rmSync(pgdata, { recursive: true, force: true });
    throw error;
  }
  stopTemporaryServer();
}

/** pg_ctl's server outlives this process unless stopped. */
function stopTemporaryServer(): void {
  spawnSync(systemProgram('pg_ctl'), ['-D', pgdata, '-m', 'fast', '-w', 'stop'], { stdio: 'inherit' });
}

function runInitScripts(): void {
  const scripts = initdbDir && existsSync(initdbDir) ? readdirSync(initdbDir).filter((f) => f.endsWith('.sh') || f.endsWith('.sql')).sort() : [];
  const psqlPath = systemProgram('psql');
  for (const script of scripts) {
    console.log(`postgres entrypoint: running ${script}`);
    const env = { ...process.env, PGHOST: socketDir, PGPORT: port, PGUSER: user, PATH: `${join(psqlPath, '..')}:${process.env['PATH'] ?? '/usr/bin:/bin'}` };
    if (script.endsWith('.sh')) run('/bin/sh', [join(initdbDir!, script)], env);
    else run(psqlPath, ['-v', 'ON_ERROR_STOP=1', '-f', join(initdbDir!, script)], env);
  }
}

mkdirSync(socketDir, { recursive: true });
if (!existsSync(join(pgdata, 'PG_VERSION'))) initialise();

const server: ChildProcess = spawn(systemProgram('postgres'), ['-D', pgdata, '-c', "listen_addresses=*", '-k', socketDir, '-p', port], { stdio: 'inherit' });
// The official image's STOPSIGNAL is SIGINT (fast shutdown), which the container runtime sends
// instead of SIGTERM; SIGTERM's smart shutdown would wait for every pooled client to leave.
process.on('SIGTERM', () => server.kill('SIGINT'));
for (const signal of ['SIGINT', 'SIGQUIT'] as const) process.on(signal, () => server.kill(signal));
server.once('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
