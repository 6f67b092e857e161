// Every command the README shows is accounted for here: run by this file (exit code and a key
// line of output), run by another test or by CI (named, and the name checked), or listed with
// what it needs that a build machine lacks (a cluster, GitHub, a missing program, minutes of
// benchmark time). A command the README gains without an entry below fails "accounts for ...".
//
// Commands are taken from the README's shell code blocks (every line), from lines of other code
// blocks that start with a known program, and from inline code spans that start with one (the
// Commands table included). `npm run <script> [-- args]` runs as the command its package.json
// script names, `node --import tsx <entry> <args>`, without npm's start-up and without the
// script's `pre` hook (tools/ensure-deps.mjs: node_modules is already installed when tests run).
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../../..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const scripts = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;

/** First words that make an inline code span, or a line of an untyped code block, a command. */
const programs = [
  'npm', 'npx', 'node', 'nx', 'tsx', 'vitest', 'kubectl', 'argocd', 'helm', 'docker', 'podman', 'git', 'mosquitto_passwd',
  'mosquitto_pub', 'mosquitto_sub', 'htpasswd', 'openssl', 'python3', 'promtool', 'curl', 'apt-get', 'sudo', 'sh', 'bash', 'make', 'rm', 'pulumi',
];
const shellLanguages = ['sh', 'shell', 'bash', 'console', 'zsh'];

/** A command as the README shows it: whitespace collapsed, `\|` (a pipe inside a table cell) unescaped. */
function normalize(text: string): string {
  return text.replace(/\\\|/g, '|').replace(/\s+/g, ' ').trim();
}

function startsWithProgram(command: string): boolean {
  const [first, second] = command.split(' ');
  return second !== undefined && programs.includes(first!);
}

/** Every command the README shows, in order of first appearance. */
function readmeCommands(markdown: string): string[] {
  const found: string[] = [];
  const fence = /^```(\w*)\n([\s\S]*?)^```/gm;
  for (const [, language, body] of markdown.matchAll(fence)) {
    const lines = body!.replace(/\\\n\s*/g, ' ').split('\n');
    for (const line of lines) {
      const command = normalize(line.replace(/(^|\s)#\s.*$/, ''));
      if (command === '') continue;
      if (shellLanguages.includes(language!) || (language === '' && startsWithProgram(command))) found.push(command);
    }
  }
  for (const [, span] of markdown.replace(fence, '').matchAll(/`([^`]+)`/g)) {
    const command = normalize(span!);
    if (startsWithProgram(command)) found.push(command);
  }
  return [...new Set(found)];
}

/** One run of a command here: what the README shows, with placeholders filled in. */
interface Run {
  readonly command: string;
  /** A line (or pattern) the output must contain. */
  readonly expect: RegExp;
  /** @default 0 */
  readonly code?: number;
  readonly env?: Readonly<Record<string, string>>;
  /** A server: wait for this pattern (its first group is the base URL), GET `path`, then SIGTERM. */
  readonly serve?: { readonly ready: RegExp; readonly path: string };
  /** Takes far longer than the rest: started first, so the short ones run beside it. */
  readonly long?: boolean;
}

type Accounting =
  /** Run by this file. `notHere` names the variants of the command that are not, and why. */
  | { readonly runHere: readonly Run[]; readonly notHere?: { readonly what: string; readonly why: string } }
  /** Run by another test or by CI: the file `runBy` must exist and contain `marker`. */
  | { readonly runBy: string; readonly marker: string; readonly why?: string }
  /** Not run on a build machine. */
  | { readonly needs: 'a cluster' | 'GitHub' | 'a program the build machines lack' | 'minutes of benchmark time'; readonly why: string };

const cluster = (why: string): Accounting => ({ needs: 'a cluster', why });
const mosquittoPasswordFile = cluster('builds the Mosquitto password file from the MQTT clients\' Secrets read from the edge cluster');
/** The Pulumi engine and CLI cannot be installed here; the program itself runs under Pulumi's mocks. */
const pulumiCli: Accounting = {
  needs: 'a program the build machines lack',
  why: "the Pulumi CLI; apps/day0/src/main.test.ts runs the same program under Pulumi's mocks, and day0-on-api-server.cluster.test.ts applies what it declares",
};
const apiHome = mkdtempSync(join(tmpdir(), 'millwright-readme-api-'));

/** README command → how it is accounted for. */
const accounting: Readonly<Record<string, Accounting>> = {
  'npm start': { runBy: 'apps/local-stack/test/npm-start.test.ts', marker: "'npm', ['start']" },
  'npm test': { runBy: '.ci/run', marker: 'npm test', why: 'the command that runs this suite; CI runs it on a fresh clone' },
  'npm ci': { runBy: '.github/workflows/ci.yml', marker: 'run: npm ci', why: 'also what tools/ensure-deps.mjs runs on a fresh clone' },
  'kubectl kustomize': { runBy: 'apps/gitops/src/kustomize-builds.test.ts', marker: 'builds every overlay', why: 'npm run plan and validate, run below, build every overlay too' },
  'npm run plan': { runHere: [{ command: 'npm run plan', expect: /^Rendered and validated in .*, 0 problems\.$/m }] },
  'npm run render': {
    runHere: [{ command: 'npm run render -- --dry-run', expect: /^bootstrap\/root\.yaml \(\d+ bytes\)$/m }],
    notHere: { what: 'render without --dry-run, which writes the tree', why: 'run on a temporary copy by apps/gitops/src/check.test.ts ("render replaces the generated roots ...")' },
  },
  'npm run check': { runHere: [{ command: 'npm run check', expect: /^generated tree is up to date/m }] },
  'npm run gitops -- validate': { runHere: [{ command: 'npm run gitops -- validate', expect: /^valid: \d+ files, \d+ overlays built, \d+ objects checked/m }] },
  'npm run gitops -- secrets': { runHere: [{ command: 'npm run gitops -- secrets', expect: /kubectl -n millwright-it create secret generic postgres-credentials / }] },
  'npm run gitops -- images': { runHere: [{ command: 'npm run gitops -- images', expect: /^\[\{"app":"edge-gateway","image":"[^"]+\/millwright-edge-gateway"/m }] },
  'npm run policy': { runHere: [{ command: 'npm run policy', expect: /^\d+ tests, \d+ passed, \d+ warnings, 0 failures$/m }] },
  'npm run policy -- <file|dir|->...': { runBy: 'apps/gitops/src/policy-manifests.test.ts', marker: "policy(['bootstrap', ui, '--output', 'json'])" },
  'kubectl kustomize k8s/inference-api/overlays/edge-line-1 | npm run policy -- -': {
    runBy: 'apps/gitops/src/policy-manifests.test.ts',
    marker: "spawnSync('npm', ['run', 'policy', '--', '-']",
  },
  'npm run policy -- bootstrap k8s/ui/overlays/core --output junit > report.xml': { runBy: 'apps/gitops/src/policy-manifests.test.ts', marker: "policy(['--output', 'junit', file])" },
  'npm run --silent policy -- --output junit': { runHere: [{ command: 'npm run --silent policy -- --output junit', expect: /<testsuites name="millwright policy gate" tests="\d+" failures="0"/ }] },
  'npm run gitops -- set-image <app> <tag>@sha256:<digest>': { runBy: 'apps/gitops/src/set-image.test.ts', marker: 'succeeds and says what it pinned', why: 'it writes the tree, so the test runs it on a temporary copy' },
  'npm run gitops -- set-image <app> <repository>:<tag>@<digest>': { runBy: 'apps/gitops/src/set-image.test.ts', marker: 'accepts the full reference CI pushed', why: 'it writes the tree, so the test runs it on a temporary copy' },
  'npm run dags -- list|graph|show|validate': {
    runHere: [
      { command: 'npm run dags -- list', expect: /^drift-monitor +@hourly +2 steps, triggers training/m },
      { command: 'npm run dags -- graph drift-monitor', expect: /^edges: drift -> retrain$/m },
      { command: 'npm run dags -- show drift-monitor', expect: /^ {4}drift >> retrain$/m },
      { command: 'npm run dags -- validate', expect: /^\d+ pipeline specs valid: .*drift-monitor/m },
    ],
  },
  'npm run dags -- validate': { runHere: [{ command: 'npm run dags -- validate', expect: /^\d+ pipeline specs valid: .*training.*drift-monitor/m }] },
  'npm run dags -- validate --spec <file.ts>': {
    runHere: [{ command: 'npm run dags -- validate --spec apps/dag-generator/src/__fixtures__/nightly-sim.ts', expect: /^\d+ pipeline specs valid: .*nightly-sim/m }],
  },
  'npm run dags -- graph <id>': { runHere: [{ command: 'npm run dags -- graph drift-monitor', expect: /^ {2}retrain: trigger training when drift exits 3 +after drift$/m }] },
  'npm run dags -- show <id> [--engine argo]': {
    runHere: [
      { command: 'npm run dags -- show drift-monitor', expect: /^with DAG\($/m },
      { command: 'npm run dags -- show drift-monitor --engine argo', expect: /^kind: WorkflowTemplate$/m },
    ],
  },
  'npm run trainer -- pipeline': {
    runBy: 'apps/trainer/src/pipeline.test.ts',
    marker: 'trains, registers and promotes the first model, ending with a JSON summary',
    why: 'the same sub-command on 4,000 rows; 20,000 rows take most of a minute',
  },
  'npm run trainer -- pipeline --rows 20000': {
    runBy: 'apps/trainer/src/pipeline.test.ts',
    marker: 'trains, registers and promotes the first model, ending with a JSON summary',
    why: 'the same sub-command on 4,000 rows; 20,000 rows take most of a minute',
  },
  'npm run api': {
    runHere: [
      {
        command: 'npm run api',
        // Its own state directory, a free port and an in-memory inference log: nothing of this checkout is touched.
        env: { MILLWRIGHT_HOME: apiHome, PORT: '0', DATABASE_URL: 'memory://', MODEL_POLL_INTERVAL_MS: '0' },
        serve: { ready: /Server listening at (http:\/\/127\.0\.0\.1:\d+)/, path: '/healthz' },
        expect: /^\{"status":"live"\}\n\(status 200\)$/,
      },
    ],
  },
  'npm run bench -- render|policy|trainer|inference|gateway|start|cluster': {
    runHere: [
      { command: 'npm run bench -- render', expect: /^ {2}baseline: \d+ trivial kustomize builds .*total\/baseline = /m, long: true },
      { command: 'npm run bench -- policy', expect: /^policy benchmark: \d+ policies, .*\(0 failures\)/m, long: true },
    ],
    notHere: {
      what: 'bench trainer, inference, gateway, start and cluster',
      why: 'each keeps both cores busy for minutes (20,000-row trainings of three model families; interleaved HTTP load rounds; 100,000-message rounds through real Mosquitto and PostgreSQL; two full npm starts; a kube-apiserver and the whole tree applied again and again)',
    },
  },
  'npm run test:cluster': { runBy: '.ci/run', marker: 'npm run test:cluster', why: 'CI runs it after npm test, with the envtest assets extracted' },
  'npm run test:lab': { runBy: '.ci/run', marker: 'npm run test:lab', why: 'CI runs it last, as root' },
  'npm run lab -- up|down|status|fault|wan|experiment': { runBy: 'apps/lab/test/lab-up.lab.test.ts', marker: "'up', '--topology', 'hybrid'", why: 'each sub-command is accounted for below' },
  'sudo npm run lab -- up --topology hybrid': { runBy: 'apps/lab/test/lab-up.lab.test.ts', marker: "'up', '--topology', 'hybrid'", why: 'npm run test:lab, as root' },
  'sudo npm run lab -- status': { runBy: 'apps/lab/test/lab-up.lab.test.ts', marker: "lab(['status'])" },
  'sudo npm run lab -- fault wan-down 120s': { runBy: 'apps/lab/test/lab-up.lab.test.ts', marker: "lab(['fault', 'wan-down', '2s'])", why: 'a 2 s cut there; the smoke experiment cuts it for 15 s' },
  'sudo npm run lab -- fault kill inference-api': { runBy: 'apps/lab/test/lab-up.lab.test.ts', marker: "lab(['fault', 'kill', 'inference-api'])" },
  'sudo npm run lab -- fault restart mosquitto': { runBy: 'apps/lab/test/lab-up.lab.test.ts', marker: "lab(['fault', 'restart', 'mosquitto'])" },
  'sudo npm run lab -- fault stop postgres 30s': { runBy: 'apps/lab/test/lab-up.lab.test.ts', marker: "lab(['fault', 'stop', 'postgres', '3s'])", why: '3 s there' },
  'sudo npm run lab -- wan --latency 40ms --jitter 10ms --bandwidth 10mbit': { runBy: 'apps/lab/test/lab-up.lab.test.ts', marker: "lab(['wan', '--latency', '40ms', '--jitter', '10ms', '--bandwidth', '10mbit'])" },
  'sudo npm run lab -- down': { runBy: 'apps/lab/test/lab-up.lab.test.ts', marker: "lab(['down'])" },
  'sudo npm run lab -- experiment': { needs: 'minutes of benchmark time', why: 'about 20 minutes: three topologies brought up in turn, three WAN profiles, a 120 s outage each; its --smoke variant runs in npm run test:lab (apps/lab/test/smoke-experiment.lab.test.ts)' },
  'go install sigs.k8s.io/controller-runtime/tools/setup-envtest@release-0.21': {
    needs: 'a program the build machines lack',
    why: 'the Go toolchain; .ci/run takes the same kube-apiserver and etcd from an archive of the assets, and the cluster job in ci.yml installs a pinned setup-envtest binary',
  },
  'export KUBEBUILDER_ASSETS="$(setup-envtest use 1.33.x -p path)"': { runBy: '.github/workflows/ci.yml', marker: 'setup-envtest use 1.33.x -p path' },
  'npm run bench -- inference': { needs: 'minutes of benchmark time', why: 'trains a model, then interleaved 64-connection load rounds against /predict and a bare route' },
  'npx nx run-many -t build': {
    runBy: '.github/workflows/ci.yml',
    marker: 'npx nx affected -t lint typecheck test build',
    why: 'a production build of every app takes minutes on two cores; CI builds every project a change affects',
  },
  'nx affected -t lint typecheck test build': { runBy: '.github/workflows/ci.yml', marker: 'npx nx affected -t lint typecheck test build' },
  'nx affected': { runBy: '.github/workflows/images.yml', marker: 'npx nx show projects --affected', why: 'lists the apps whose images to build' },
  'openssl rand -base64 32 | tr \'+/\' \'-_\'': { runHere: [{ command: "sh -c openssl rand -base64 32 | tr '+/' '-_'", expect: /^[A-Za-z0-9_-]{43}=$/m }] },
  'promtool check rules': { runBy: 'libs/observability/src/rules/platform-rules.test.ts', marker: 'pass promtool check rules' },
  'promtool test rules': { runBy: 'libs/observability/src/rules/platform-rules.test.ts', marker: 'pass their promtool unit tests' },
  'python3 -m py_compile': { runBy: 'libs/pipelines/src/test-support/check-dags.ts', marker: "'py_compile'", why: 'checkDags, which render-airflow-dag.test.ts runs on every generated DAG' },
  'docker buildx imagetools inspect --raw': { needs: 'GitHub', why: 'a step of images.yml on the image just pushed to GHCR' },
  'git log -p platform.images.json': { needs: 'GitHub', why: 'lists the promotion commits the promote workflow pushes to main' },
  'argocd cluster add <context> --name edge-line-1': cluster('registers a cluster with a running Argo CD'),
  'argocd cluster add': cluster('named in "Day 0 with Pulumi" as what the cluster Secret it creates stands for'),
  'kubectl -n argocd patch configmap argocd-cm --type merge --patch-file bootstrap/argocd-cm-patch.yaml': cluster('patches Argo CD\'s ConfigMap'),
  'kubectl apply -f bootstrap/root.yaml': cluster('creates the root Application in Argo CD'),
  'kubectl -n fleet-default label clusters.fleet.cattle.io <cluster> millwright.io/cluster=<name> millwright.io/role=<edge|cloud>': cluster('labels Fleet cluster objects on the Rancher management cluster'),
  'kubectl apply -f fleet/': cluster('creates the GitRepo and ClusterGroups on the Rancher management cluster'),
  'kubectl edit': cluster('an example of a change that did not come through Git'),
  'kubectl create secret generic': cluster('what the secrets script runs against each cluster'),
  'ns=millwright-ot': mosquittoPasswordFile,
  "mqtt_password() { kubectl -n \"$ns\" get secret \"$1-credentials\" -o jsonpath='{.data.mqtt-password}' | base64 -d; }": mosquittoPasswordFile,
  'mosquitto_passwd -b -c passwd sensor-sim "$(mqtt_password sensor-sim)"': mosquittoPasswordFile,
  'mosquitto_passwd -b passwd edge-gateway "$(mqtt_password edge-gateway)"': mosquittoPasswordFile,
  'mosquitto_passwd -b passwd node-red "$(mqtt_password node-red)"': mosquittoPasswordFile,
  'kubectl -n "$ns" create secret generic mosquitto-passwords --from-file=passwd=passwd --dry-run=client -o yaml | kubectl apply -f -': mosquittoPasswordFile,
  'kubectl -n millwright-ot patch secret node-red-credentials --type merge -p \'{"stringData":{"admin-password-hash":"<hash>"}}\'': cluster(
    "replaces the placeholder of Node-RED's admin password hash on the edge cluster",
  ),
  'rm passwd': mosquittoPasswordFile,
  'kubectl -n millwright-ot rollout restart statefulset/mosquitto': cluster('restarts the broker on the edge cluster'),
  'kubectl -n millwright-ot create job --from=cronjob/load-test load-test-$(date +%s)': cluster('starts the k6 load test against the deployed inference API'),
  'kubectl -n millwright-it exec deploy/airflow-api-server -- airflow users create --role Admin ...': cluster('runs inside the deployed Airflow'),
  'docker run --rm -it --entrypoint npx docker.io/nodered/node-red:4.1.14-22 node-red admin hash-pw': {
    needs: 'a program the build machines lack',
    why: 'a Docker engine pulling the Node-RED image, and an interactive terminal for the password prompt',
  },
  'htpasswd -nbB alice "$password"': { needs: 'a program the build machines lack', why: 'htpasswd (apache2-utils) is not among the programs the tests install' },
  'htpasswd -nbB': { needs: 'a program the build machines lack', why: 'htpasswd (apache2-utils) is not among the programs the tests install' },
  'pulumi stack init plant-a': pulumiCli,
  'pulumi config set engine argocd': pulumiCli,
  'pulumi config set managementContext k3s-core': pulumiCli,
  "pulumi config set --path 'clusters.core.context' k3s-core": pulumiCli,
  "pulumi config set --path 'clusters.edge-line-1.context' k3s-edge": pulumiCli,
  "pulumi config set --path 'clusters.edge-line-1.server' https://edge-line-1.factory.example.com:6443": pulumiCli,
  "pulumi config set --secret --path 'values.edge-line-1.millwright-ot.mosquitto-passwords.passwd' < passwd": pulumiCli,
  'pulumi up': pulumiCli,
  'pulumi stack output --show-secrets sharedValues': pulumiCli,
  'pulumi preview': pulumiCli,
  'pulumi destroy': pulumiCli,
  'helm template': { needs: 'a program the build machines lack', why: 'helm cannot be installed from the registries the build machines reach, and the charts are not downloaded' },
};

/** `sh -c <script>`: the shell's arguments. */
function shellArgs(command: string): string[] | undefined {
  const script = /^sh -c (.+)$/.exec(command)?.[1];
  return script === undefined ? undefined : ['-c', script];
}

/** `npm run [--silent] <script> [-- args]` (or `npm start`) as node's arguments for the entry its package.json script runs. */
function nodeArgs(command: string): string[] {
  const words = command.split(' ');
  if (words[0] !== 'npm') throw new Error(`no way to run "${command}" here`);
  const npmArgs = words.slice(1).filter((word) => word !== '--silent');
  const [verb, ...rest] = npmArgs;
  const name = verb === 'run' ? rest.shift()! : verb!;
  if (rest[0] === '--') rest.shift();
  const script = scripts[name];
  if (script === undefined) throw new Error(`the README runs \`npm run ${name}\`, which package.json does not define`);
  const match = /^(?:tsx|node --import tsx) (\S+\.ts)((?: [\w-]+)*)$/.exec(script);
  if (!match) throw new Error(`package.json script "${name}" is "${script}", which this test cannot map to node --import tsx`);
  return ['--import', 'tsx', match[1]!, ...match[2]!.split(' ').filter(Boolean), ...rest];
}

interface Outcome {
  readonly argv: readonly string[];
  readonly code: number | null;
  /** What the command printed, or for a server the body of the probed path. */
  readonly output: string;
  readonly log: string;
}

/** The commands still running: afterAll ends them, so none outlives this file (a filtered run skips the tests that wait for them). */
const running = new Set<ChildProcess>();

/** Runs one command to completion (or, for a server, until probed and stopped). */
function execute(run: Run): Promise<Outcome> {
  const shell = shellArgs(run.command);
  const argv = shell ? ['sh', ...shell] : ['node', ...nodeArgs(run.command)];
  const options = { cwd: root, env: { ...process.env, ...run.env }, stdio: ['ignore', 'pipe', 'pipe'] } satisfies SpawnOptions;
  return new Promise((resolve) => {
    const child = shell ? spawn('sh', shell, options) : spawn(process.execPath, nodeArgs(run.command), options);
    running.add(child);
    let stdout = '';
    let stderr = '';
    let probed: string | undefined;
    let probing = false;
    const deadline = setTimeout(() => child.kill('SIGKILL'), run.serve ? 60_000 : 150_000);
    const onOutput = () => {
      const url = run.serve?.ready.exec(stdout + stderr)?.[1];
      if (url === undefined || probing) return;
      probing = true;
      fetch(url + run.serve!.path)
        .then(async (response) => (probed = `${await response.text()}\n(status ${response.status})`))
        .catch((error: Error) => (probed = `GET ${run.serve!.path} failed: ${error.message}`))
        .finally(() => child.kill('SIGTERM'));
    };
    child.stdout!.on('data', (chunk: Buffer) => ((stdout += chunk.toString()), onOutput()));
    child.stderr!.on('data', (chunk: Buffer) => ((stderr += chunk.toString()), onOutput()));
    child.on('close', (code) => {
      running.delete(child);
      clearTimeout(deadline);
      resolve({ argv, code, output: run.serve ? (probed ?? '') : stdout, log: `stdout:\n${stdout.slice(-3000)}\nstderr:\n${stderr.slice(-3000)}` });
    });
  });
}

/** At most `slots` tasks at a time (the build machines have two cores, shared). */
function pool(slots: number) {
  let free = slots;
  const waiting: (() => void)[] = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (free > 0) free -= 1;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else free += 1;
    }
  };
}

const shown = readmeCommands(readme);
const runs = [...new Map(Object.values(accounting).flatMap((a) => ('runHere' in a ? a.runHere : [])).map((run) => [run.command, run])).values()].sort(
  (a, b) => Number(b.long ?? false) - Number(a.long ?? false),
);
const outcomes = new Map<string, Promise<Outcome>>();

beforeAll(() => {
  const slot = pool(2);
  for (const run of runs) outcomes.set(run.command, slot(() => execute(run)));
});
afterAll(async () => {
  for (const child of running) child.kill('SIGKILL');
  await Promise.allSettled(outcomes.values());
  rmSync(apiHome, { recursive: true, force: true });
});

describe('the README commands', () => {
  it('are found: the quick start, the Commands table and the shell blocks', () => {
    expect(shown).toEqual(expect.arrayContaining(['npm start', 'npm test', 'npm run plan', 'npm run dags -- list|graph|show|validate', 'rm passwd']));
  });

  it.each(shown)('accounts for `%s`', (command) => {
    expect(
      accounting[command],
      `the README shows \`${command}\`: run it in apps/gitops/test/readme-commands.test.ts, name the test or CI step that runs it, or say what it needs that a build machine lacks`,
    ).toBeDefined();
  });

  it('keeps no entry for a command the README no longer shows', () => {
    expect(Object.keys(accounting).filter((command) => !shown.includes(command))).toEqual([]);
  });

  const elsewhere = Object.entries(accounting).flatMap(([command, a]) => ('runBy' in a ? [[command, a.runBy, a.marker] as const] : []));
  it.each(elsewhere)('`%s` is run by %s', (_command, file, marker) => {
    expect(existsSync(join(root, file)), `${file} does not exist`).toBe(true);
    expect(readFileSync(join(root, file), 'utf8')).toContain(marker);
  });

  it.each(runs.map((run) => [run.command, run] as const))('`%s` runs here with the expected exit code and output', async (_command, run) => {
    const outcome = await outcomes.get(run.command)!;
    const context = `${outcome.argv.join(' ')}\n${outcome.log}`;
    expect(outcome.code, context).toBe(run.code ?? 0);
    expect(outcome.output, context).toMatch(run.expect);
  }, 300_000);
});

describe('the README Secrets table', () => {
  const section = readme.slice(readme.indexOf('\n## Secrets'), readme.indexOf('\n## Components'));
  const rows = section
    .split('\n')
    .filter((line) => line.startsWith('| ') && !line.startsWith('| cluster role') && !line.startsWith('|---'))
    .map((line) => line.split(' | ').map((cell) => cell.replace(/^\| |\s\|$/g, '')));

  it('lists every Secret `npm run plan` asks for, on its cluster role and namespace, with its keys', async () => {
    const plan = (await outcomes.get('npm run plan')!).output;
    const roles = new Map([...plan.matchAll(/^(\S+) \((edge|cloud), /gm)].map(([, name, role]) => [name!, role!]));
    const listed = plan.slice(plan.indexOf('Secrets to create')).split('\n').slice(2);
    const asked = listed.filter((line) => line.startsWith('  ')).map((line) => line.trim().split(/ {2,}/));
    expect(asked.length).toBeGreaterThan(10);
    const missing = asked.filter(([clusterName, namespace, secret, keys]) => {
      const row = rows.find(([role, namespaces, name]) => name === `\`${secret}\`` && namespaces!.includes(`\`${namespace}\``) && role!.includes(roles.get(clusterName!)!));
      return !row || !keys!.split(', ').every((key) => row[3]!.includes(`\`${key}\``));
    });
    expect(missing.map((secret) => secret.join(' '))).toEqual([]);
  }, 300_000);

  it('lists every Secret the script of `npm run gitops -- secrets` creates', async () => {
    const script = (await outcomes.get('npm run gitops -- secrets')!).output;
    const created = [...new Set([...script.matchAll(/create secret generic (\S+)/g)].map(([, name]) => name!))];
    expect(created.filter((name) => !rows.some((row) => row[2] === `\`${name}\``))).toEqual([]);
  }, 300_000);
});
