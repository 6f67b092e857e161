// @vitest-environment node
/**
 * The operator UI end to end, in real Chromium (Debian's chromium, driven by playwright-core):
 * the UI built by Vite and served with the image's own runtime config and security headers, the
 * real inference API serving a model the trainer just trained. Screenshots go to
 * dist/test-artifacts/ui/ (git-ignored), one of them at 360 px wide.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { systemProgram } from '../../../libs/test-servers/src/system-program.ts';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../inference-api/src/test-support/build-app.ts';
import { ListingMemoryFeatureStore } from '../../inference-api/src/test-support/listing-feature-store.ts';
import { runTrainer } from '../../trainer/src/test-support/run-trainer.ts';
import { initialJsSize } from '../src/test-support/initial-js-size.ts';
import { startStaticUiServer, type StaticUiServer } from '../src/test-support/static-ui-server.ts';
import { uiViteConfig } from '../vite.config.ts';

const workspace = join(import.meta.dirname, '../../..');
const artifacts = join(workspace, 'dist/test-artifacts/ui');
const distDir = join(artifacts, 'build');
const adminToken = 'an-e2e-admin-token-from-a-secret';
const header = 'machine,type,airTemperatureK,processTemperatureK,rotationalSpeedRpm,torqueNm,toolWearMin';
const chromiumArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

let home: string;
let runtimeDir: string;
let api: FastifyInstance;
let apiOrigin: string;
let ui: StaticUiServer;
let browser: Browser;
let context: BrowserContext;
const cspViolations: string[] = [];
const started = Date.now();

async function openPage(target: BrowserContext = context): Promise<Page> {
  const page = await target.newPage();
  page.setDefaultTimeout(15_000);
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
  });
  return page;
}

const screenshot = (page: Page, name: string) => page.screenshot({ path: join(artifacts, name), fullPage: true });

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  home = mkdtempSync(join(tmpdir(), 'millwright-ui-e2e-'));
  runtimeDir = join(home, 'ui-runtime');
  // Vite takes React's production build from NODE_ENV, which vitest sets to "test".
  const nodeEnv = process.env['NODE_ENV'];
  process.env['NODE_ENV'] = 'production';
  const built = build({ ...uiViteConfig(distDir), mode: 'production', logLevel: 'warn' }).finally(() => (process.env['NODE_ENV'] = nodeEnv));
  const trained = await runTrainer(['pipeline', '--rows', '2000', '--threads', '0', '--seed', '3', '--run-id', 'e2e'], { MILLWRIGHT_HOME: home });
  if (trained.code !== 0) throw new Error(`the trainer failed:\n${trained.stderr}`);
  await built;

  ui = await startStaticUiServer(distDir, runtimeDir);
  const featureStore = new ListingMemoryFeatureStore();
  featureStore.set('lathe-7', { type: 'L', airTemperatureK: 302.1, processTemperatureK: 311.4, rotationalSpeedRpm: 1320, torqueNm: 62.5, toolWearMin: 215 });
  api = await buildApp({ home, featureStore, env: { CORS_ORIGINS: ui.origin, ADMIN_TOKEN: adminToken } });
  apiOrigin = await api.listen({ port: 0, host: '127.0.0.1' });
  // The image's own entrypoint writes config.json and the security headers (CSP connect-src = the API).
  const script = spawnSync('sh', [join(import.meta.dirname, '../docker/write-runtime-config.sh')], {
    env: { PATH: process.env['PATH']!, UI_RUNTIME_DIR: runtimeDir, API_URL: apiOrigin, REFRESH_SECONDS: '1' },
    encoding: 'utf8',
  });
  if (script.status !== 0) throw new Error(`write-runtime-config.sh failed: ${script.stderr}`);

  browser = await chromium.launch({ executablePath: systemProgram('chromium'), args: chromiumArgs, timeout: 30_000 });
  context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await api?.close();
  await ui?.close();
  if (home) rmSync(home, { recursive: true, force: true });
  writeFileSync(join(artifacts, 'e2e-duration.json'), `${JSON.stringify({ seconds: (Date.now() - started) / 1000 })}\n`);
});

describe('the built UI', () => {
  it('loads at most 250 KB of gzipped JavaScript before it starts', () => {
    const size = initialJsSize(distDir);
    writeFileSync(join(artifacts, 'initial-js-size.json'), `${JSON.stringify(size, null, 2)}\n`);
    console.log(`initial JS: ${(size.gzipBytes / 1024).toFixed(1)} KB gzip in ${size.files.length} file(s)`);
    expect(size.gzipBytes).toBeLessThanOrEqual(250 * 1024);
  });
});

describe('the operator UI in Chromium against the real inference API', () => {
  it('generates the form from the served contract, and predicts with the trained model', async () => {
    const page = await openPage();
    await page.goto(ui.origin);
    await page.getByRole('combobox', { name: 'Start from a live machine' }).selectOption('lathe-7');
    await expect.poll(() => page.getByRole('spinbutton', { name: 'Minutes the current tool has been in use (min)' }).inputValue()).toBe('215');
    await page.getByRole('spinbutton', { name: 'Spindle torque (Nm)' }).fill('68');
    await page.getByRole('button', { name: 'Predict' }).click();

    const result = page.getByRole('region', { name: 'Prediction' });
    await result.getByRole('status').waitFor();
    expect(await result.getByRole('status').textContent()).toMatch(/^Decision: (ok|failure)$/);
    expect(await result.textContent()).toContain('predictive-maintenance version 1 (champion)');
    await result.getByRole('list', { name: 'Feature importances' }).waitFor();
    expect(await result.getByRole('table', { name: 'Failure-mode thresholds and margins' }).textContent()).toContain('OSF');
    await screenshot(page, 'predict.png');
    await page.close();
  });

  it('uploads a CSV, reports the bad row by line, and downloads the results', async () => {
    const page = await openPage();
    await page.goto(`${ui.origin}/#/batch`);
    const csv = [header, 'm1,L,300,310,1500,40,10', 'm2,M,301,311,1400,70,230', 'm3,H,300,310,1500,forty,10', 'm4,L,299,309,1600,35,5'].join('\n');
    await page.getByLabel('CSV file to score').setInputFiles({ name: 'shift.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    const results = page.getByRole('region', { name: 'Results' });
    await results.waitFor();
    expect(await results.textContent()).toContain('3 rows scored');
    expect(await page.getByRole('region', { name: /1 row with errors/ }).textContent()).toContain('4torqueNm: must be a number, got "forty"');
    await screenshot(page, 'batch.png');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download results as CSV' }).click()]);
    expect(download.suggestedFilename()).toBe('shift-predictions.csv');
    const text = readFileSync((await download.path())!, 'utf8');
    const lines = text.trim().split('\r\n');
    expect(lines[0]).toBe(`${header},prediction,probability,modelVersion,error`);
    expect(lines).toHaveLength(5);
    expect(lines[1]).toMatch(/^m1,L,300,310,1500,40,10,(ok|failure),[\d.e-]+,1,$/);
    expect(lines[3]).toBe('m3,H,300,310,1500,forty,10,,,,"torqueNm: must be a number, got ""forty"""');
    await page.close();
  });

  it('scores a 50,000-row CSV with a progress bar while the page keeps answering', async () => {
    const page = await openPage();
    await page.goto(`${ui.origin}/#/batch`);
    const rows = Array.from({ length: 50_000 }, (_, index) => `m${index},${'LMH'[index % 3]},${(298 + (index % 50) / 10).toFixed(1)},${(308 + (index % 60) / 10).toFixed(1)},${1300 + (index % 900)},${10 + (index % 60)},${index % 240}`);
    await page.getByLabel('CSV file to score').setInputFiles({ name: 'big.csv', mimeType: 'text/csv', buffer: Buffer.from([header, ...rows].join('\n')) });
    await page.getByRole('progressbar').waitFor();
    // While validating (in a Web Worker) and scoring, the page's main thread keeps answering.
    const pauses: number[] = [];
    for (let probe = 0; probe < 5; probe += 1) {
      const before = Date.now();
      await page.evaluate('new Promise((resolve) => requestAnimationFrame(() => resolve(null)))');
      pauses.push(Date.now() - before);
    }
    expect(Math.max(...pauses)).toBeLessThan(1000);
    await page.getByText('Finished big.csv.').waitFor({ timeout: 45_000 });
    expect(await page.getByRole('region', { name: 'Results' }).textContent()).toContain('50,000 rows scored');
    await page.close();
  });

  it('lists the registered versions with metrics and aliases', async () => {
    const page = await openPage();
    await page.goto(`${ui.origin}/#/models`);
    const table = page.getByRole('table', { name: 'Registered versions, newest first' });
    await table.waitFor();
    const row = table.getByRole('row', { name: /^1 / });
    expect(await row.textContent()).toContain('champion');
    expect(await row.getByRole('link', { name: 'Report of version 1' }).getAttribute('href')).toBe(`${apiOrigin}/registry/versions/1/report`);
    await screenshot(page, 'models.png');
    await page.close();
  });

  it('charts live request rate and latency from the API metrics', async () => {
    const page = await openPage();
    // Traffic for the charts: a prediction every 100 ms while the page samples /metrics each second.
    let sending = true;
    const traffic = (async () => {
      while (sending) {
        await fetch(`${apiOrigin}/predict`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ type: 'M', airTemperatureK: 300, processTemperatureK: 310, rotationalSpeedRpm: 1500, torqueNm: 40, toolWearMin: 100 }) });
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    })();
    try {
      await page.goto(`${ui.origin}/#/monitoring`);
      await page.getByRole('img', { name: /^Prediction latency: P50 [\d.]+ ms/ }).waitFor({ timeout: 20_000 });
      await page.getByRole('img', { name: /^Request rate: requests [1-9][\d.]* req\/s/ }).waitFor({ timeout: 10_000 });
    } finally {
      sending = false;
      await traffic;
    }
    await screenshot(page, 'monitoring.png');
    await page.close();
  });

  it('fits a 360 px wide screen without sideways scrolling', async () => {
    const narrow = await browser.newContext({ viewport: { width: 360, height: 780 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    const page = await openPage(narrow);
    await page.goto(ui.origin);
    await page.getByRole('button', { name: 'Predict' }).click();
    await page.getByRole('region', { name: 'Prediction' }).waitFor();
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
    await screenshot(page, 'predict-360px.png');
    await narrow.close();
  });

  it('shows a clear banner with a retry when the API is down, and recovers', async () => {
    const page = await openPage();
    await page.route(`${apiOrigin}/**`, (route) => route.abort('connectionrefused'));
    await page.goto(ui.origin);
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('The inference API is unavailable');
    await screenshot(page, 'api-down.png');
    await page.unroute(`${apiOrigin}/**`);
    await alert.getByRole('button', { name: 'Retry' }).click();
    await page.getByRole('form', { name: 'Prediction inputs' }).waitFor();
    expect(await page.getByRole('alert').count()).toBe(0);
    await page.close();
  });

  it('ran everything under the production Content-Security-Policy without a violation', () => {
    expect(cspViolations).toEqual([]);
  });
});
