#!/usr/bin/env node
// Makes sure the system programs the tests drive for real are installed. On Debian/Ubuntu as root
// (or with passwordless sudo) it installs missing packages with apt; anywhere else it stops with
// the exact command to run. Tests never skip because a program is missing.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { delimiter, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * What the test suite runs for real. `apt` is the Debian package that provides the command, or
 * null when Debian has no suitable package and the manual instruction applies.
 */
export const requirements = [
  {
    command: 'kubectl',
    why: 'builds every overlay with its embedded kustomize (v5)',
    apt: null,
    manual: 'install kubectl 1.27 or newer: https://kubernetes.io/docs/tasks/tools/',
  },
  {
    command: 'mosquitto',
    why: 'runs the real MQTT broker with the rendered config (auth and ACL test)',
    apt: 'mosquitto',
    manual: null,
  },
  {
    command: 'mosquitto_passwd',
    why: 'makes the hashed password file of the broker test',
    apt: 'mosquitto',
    manual: null,
  },
  {
    command: 'initdb',
    why: 'starts a real PostgreSQL server on loopback for the integration tests',
    apt: 'postgresql',
    manual: null,
    // Debian keeps the server binaries per major version, off PATH.
    globs: ['/usr/lib/postgresql/*/bin'],
  },
  {
    command: 'postgres',
    why: 'is the PostgreSQL server the integration tests start (initdb prepares its data directory)',
    apt: 'postgresql',
    manual: null,
    globs: ['/usr/lib/postgresql/*/bin'],
  },
  {
    command: 'pg_isready',
    why: 'tells when the test PostgreSQL server accepts connections',
    apt: 'postgresql',
    manual: null,
    globs: ['/usr/lib/postgresql/*/bin'],
  },
  {
    command: 'redis-server',
    why: 'runs a real Redis on loopback for the feature-store, gateway and inference API tests',
    apt: 'redis-server',
    manual: null,
  },
  {
    command: 'promtool',
    why: 'checks the Prometheus rules and runs their unit tests (promtool check rules / test rules)',
    apt: 'prometheus',
    manual: null,
  },
  {
    command: 'mosquitto_pub',
    why: 'publishes in the broker test',
    apt: 'mosquitto-clients',
    manual: null,
  },
  { command: 'mosquitto_sub', why: 'subscribes in the broker test', apt: 'mosquitto-clients', manual: null },
  { command: 'python3', why: 'compiles and AST-checks the generated Airflow DAGs', apt: 'python3', manual: null },
  { command: 'jq', why: "runs the GitHub workflows' shell steps (image platform check, digest hand-over) in their tests", apt: 'jq', manual: null },
  {
    command: 'chromium',
    why: "runs the operator UI's end-to-end tests in a real browser (driven by playwright-core at /usr/bin/chromium)",
    apt: 'chromium',
    manual: null,
  },
  { command: 'nginx', why: "proxies the operator UI's /api to a real HTTPS upstream in the UI image's proxy test", apt: 'nginx', manual: null },
  { command: 'openssl', why: 'makes the throwaway TLS certificates of the UI proxy test', apt: 'openssl', manual: null },
  {
    command: 'ip',
    why: "builds the edge–cloud lab's network namespaces, bridges and veth pairs, and runs each pod's processes in its namespace (ip netns exec)",
    apt: 'iproute2',
    manual: null,
  },
  {
    command: 'pg_ctl',
    why: "starts and stops the edge–cloud lab's PostgreSQL around its init scripts, as the official image's entrypoint does",
    apt: 'postgresql',
    manual: null,
    globs: ['/usr/lib/postgresql/*/bin'],
  },
  { command: 'psql', why: "runs the rendered postgres-init scripts in the edge–cloud lab", apt: 'postgresql-client', manual: null },
  { command: 'setpriv', why: "runs each lab process as its pod's runAsUser/runAsGroup, never as root", apt: 'util-linux', manual: null },
  { command: 'redis-cli', why: "answers the rendered valkey-cli probes of the edge–cloud lab's Redis", apt: 'redis-tools', manual: null },
];

/**
 * Directories Debian installs daemons into (mosquitto is /usr/sbin/mosquitto) that are not on a
 * non-root user's PATH; the tests look there too.
 */
const sbinDirs = ['/usr/sbin', '/usr/local/sbin', '/sbin'];

function isExecutable(path) {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** The directories a glob such as `/usr/lib/postgresql/*\/bin` matches (one `*` segment), newest version first. */
function expandGlob(glob) {
  const star = glob.indexOf('*');
  if (star < 0) return [glob];
  const parent = dirname(glob.slice(0, star + 1));
  const rest = glob.slice(star + 1);
  let names;
  try {
    names = readdirSync(parent);
  } catch {
    return [];
  }
  const numeric = (name) => name.split('.').map(Number);
  const newestFirst = (a, b) => {
    const [x, y] = [numeric(a), numeric(b)];
    for (let i = 0; i < Math.max(x.length, y.length); i += 1) if ((y[i] ?? 0) !== (x[i] ?? 0)) return (y[i] ?? 0) - (x[i] ?? 0);
    return b.localeCompare(a);
  };
  return names.sort(newestFirst).map((name) => `${parent}/${name}${rest}`);
}

/**
 * Where `command` is installed: on PATH, in one of the requirement's globs (newest first), or in
 * an sbin directory; null when it is nowhere. The tests resolve every program they start this way
 * (libs/test-servers `systemProgram`), so they find exactly what this script checked.
 */
export function findCommand(command, globs = []) {
  const pathDirs = (process.env.PATH ?? '').split(delimiter).filter(Boolean);
  for (const dir of [...pathDirs, ...globs.flatMap(expandGlob), ...sbinDirs]) {
    const candidate = `${dir}/${command}`;
    if (isExecutable(candidate)) return candidate;
  }
  return null;
}

function isDebian() {
  if (!existsSync('/etc/os-release')) return false;
  return /^(ID|ID_LIKE)=.*\b(debian|ubuntu)\b/m.test(readFileSync('/etc/os-release', 'utf8'));
}

function aptPrefix() {
  if (process.getuid?.() === 0) return [];
  if (findCommand('sudo') && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0) return ['sudo', '-n'];
  return null;
}

function run(argv) {
  const [cmd, ...args] = argv;
  const result = spawnSync(cmd, args, {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  return result.status === 0;
}

/**
 * What to do about the missing requirements: apt packages to install (when apt may be used),
 * or the messages that tell the user what to install. Pure, so it is tested without apt.
 */
export function planInstall(missing, { aptAllowed }) {
  const viaApt = missing.filter((r) => r.apt);
  const packages = [...new Set(viaApt.map((r) => r.apt))];
  const messages = [];
  if (packages.length > 0 && !aptAllowed) {
    for (const r of viaApt) messages.push(`millwright: missing \`${r.command}\` (${r.why}).`);
    messages.push(`Install it, then run npm test again:\n  sudo apt-get install -y ${packages.join(' ')}`);
    messages.push('(on other systems install the same programs with your package manager)');
  }
  for (const r of missing.filter((r) => !r.apt)) messages.push(`millwright: missing \`${r.command}\` (${r.why}): ${r.manual}`);
  return { install: aptAllowed ? packages : [], messages, ok: messages.length === 0 };
}

export function main() {
  const missing = requirements.filter((r) => !findCommand(r.command, r.globs));
  if (missing.length === 0) return 0;
  const prefix = isDebian() ? aptPrefix() : null;
  const plan = planInstall(missing, { aptAllowed: prefix !== null });
  const packages = plan.install;

  if (packages.length > 0) {
    console.log(`millwright: installing system packages for the tests: ${packages.join(' ')}`);
    const apt = [...prefix, 'apt-get', '-o', 'DPkg::Lock::Timeout=600'];
    if (!run([...apt, 'update']) || !run([...apt, 'install', '-y', '--no-install-recommends', ...packages])) {
      console.error(`millwright: apt-get failed; run it yourself: sudo apt-get install -y ${packages.join(' ')}`);
      return 1;
    }
  }
  for (const message of plan.messages) console.error(message);
  return plan.ok ? 0 : 1;
}

/** Whether this file is the script node was started with (not imported by a test). */
function isMain() {
  return process.argv[1] !== undefined && fileURLToPath(import.meta.url) === realpathSync(process.argv[1]);
}

if (isMain()) process.exit(main());
