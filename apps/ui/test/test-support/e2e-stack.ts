/**
 * What every real-browser suite of the operator UI runs against: the UI built by Vite (React's
 * production build) and served like the image's nginx, with the runtime config and security
 * headers the image's own entrypoint writes; the real inference API on a MILLWRIGHT_HOME whose
 * models the trainer trained in the test; and Debian's Chromium driven by playwright-core. One
 * stack per test file, each building into its own directory, so files can run side by side.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemProgram } from '@millwright/test-servers';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { build } from 'vite';
import { buildApp } from '../../../inference-api/src/test-support/build-app.ts';
import { ListingMemoryFeatureStore } from '../../../inference-api/src/test-support/listing-feature-store.ts';
import { runTrainer } from '../../../trainer/src/test-support/run-trainer.ts';
import { startStaticUiServer, type StaticUiServer } from '../../src/test-support/static-ui-server.ts';
import { uiViteConfig } from '../../vite.config.ts';

const workspace = join(import.meta.dirname, '../../../..');

/** Build outputs and measurements of the browser suites (git-ignored: under dist/). */
export const e2eArtifacts = join(workspace, 'dist/test-artifacts/ui');

/** Where the suites write their screenshots (git-ignored: test-results/). */
export const screenshotDir = join(workspace, 'apps/ui/test-results/screenshots');

/** The desktop screen the suites and their screenshots use. */
export const desktopViewport = { width: 1366, height: 900 } as const;

const chromiumArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

/** Options of {@link startE2eStack}. */
export interface E2eStackOptions {
  /** Names the suite's build directory under {@link e2eArtifacts}. */
  readonly suite: string;
  /** Trainer command lines, run in order on the stack's home before the API starts. */
  readonly trainings: readonly (readonly string[])[];
  /** The API's environment on top of the test defaults (no inference-log database, no polling). @default {} */
  readonly apiEnv?: Readonly<Record<string, string>>;
  /** Machines the feature store holds, by id. @default none */
  readonly machines?: Readonly<Record<string, Readonly<Record<string, number | string>>>>;
}

/** A running stack. */
export interface E2eStack {
  readonly home: string;
  /** The built UI (index.html and its assets). */
  readonly distDir: string;
  readonly ui: StaticUiServer;
  readonly api: FastifyInstance;
  readonly apiOrigin: string;
  readonly browser: Browser;
  /** A desktop context ({@link desktopViewport}) that accepts downloads. */
  readonly context: BrowserContext;
  /** Console messages about the Content-Security-Policy, from every page opened through {@link E2eStack.openPage}. */
  readonly cspViolations: readonly string[];
  /** A page in `target` (default: the desktop context) that records CSP violations. */
  openPage(target?: BrowserContext): Promise<Page>;
  /** Runs the trainer on the stack's home (an alias move made outside the browser, a new version). */
  train(argv: readonly string[]): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

async function train(home: string, argv: readonly string[]): Promise<Record<string, unknown>> {
  const trained = await runTrainer(argv, { MILLWRIGHT_HOME: home });
  if (trained.code !== 0 || trained.summary === undefined) throw new Error(`trainer ${argv.join(' ')} failed:\n${trained.stderr}`);
  return trained.summary;
}

/** Builds, trains, and starts the API, the UI server and Chromium; `close()` stops them all (a failed start stops what it started). */
export async function startE2eStack(options: E2eStackOptions): Promise<E2eStack> {
  mkdirSync(screenshotDir, { recursive: true });
  const distDir = join(e2eArtifacts, options.suite, 'build');
  const home = mkdtempSync(join(tmpdir(), `millwright-ui-${options.suite}-`));
  const runtimeDir = join(home, 'ui-runtime');
  const started: (() => Promise<unknown>)[] = [async () => rmSync(home, { recursive: true, force: true })];
  const close = async () => {
    for (const stop of started.reverse()) await stop();
  };
  try {
    // Vite takes React's production build from NODE_ENV, which vitest sets to "test".
    const nodeEnv = process.env['NODE_ENV'];
    process.env['NODE_ENV'] = 'production';
    const built = build({ ...uiViteConfig(distDir), mode: 'production', logLevel: 'warn' }).finally(() => (process.env['NODE_ENV'] = nodeEnv));
    built.catch(() => undefined);
    for (const argv of options.trainings) await train(home, argv);
    await built;

    const ui = await startStaticUiServer(distDir, runtimeDir);
    started.push(() => ui.close());
    const featureStore = new ListingMemoryFeatureStore();
    for (const [machine, features] of Object.entries(options.machines ?? {})) featureStore.set(machine, { ...features });
    const api = await buildApp({ home, featureStore, env: { CORS_ORIGINS: ui.origin, ...options.apiEnv } });
    started.push(() => api.close());
    const apiOrigin = await api.listen({ port: 0, host: '127.0.0.1' });
    // The image's own entrypoint writes config.json and the security headers (CSP connect-src = the API).
    const script = spawnSync('sh', [join(import.meta.dirname, '../../docker/write-runtime-config.sh')], {
      env: { PATH: process.env['PATH']!, UI_RUNTIME_DIR: runtimeDir, API_URL: apiOrigin, REFRESH_SECONDS: '1' },
      encoding: 'utf8',
    });
    if (script.status !== 0) throw new Error(`write-runtime-config.sh failed: ${script.stderr}`);

    const browser = await chromium.launch({ executablePath: systemProgram('chromium'), args: chromiumArgs, timeout: 30_000 });
    started.push(() => browser.close());
    const context = await browser.newContext({ viewport: desktopViewport, acceptDownloads: true });
    const cspViolations: string[] = [];
    return {
      home,
      distDir,
      ui,
      api,
      apiOrigin,
      browser,
      context,
      cspViolations,
      async openPage(target = context) {
        const page = await target.newPage();
        page.setDefaultTimeout(15_000);
        page.on('console', (message) => {
          if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
        });
        return page;
      },
      train: (argv) => train(home, argv),
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/** A full-page screenshot of `page` into {@link screenshotDir}. */
export function screenshot(page: Page, name: string): Promise<Buffer> {
  return page.screenshot({ path: join(screenshotDir, name), fullPage: true });
}
