// @vitest-environment node
/**
 * The operator UI end to end, in real Chromium (Debian's chromium, driven by playwright-core):
 * the UI built by Vite and served with the image's own runtime config and security headers, the
 * real inference API serving a model the trainer just trained (test-support/e2e-stack.ts). The
 * pages' own suites (predict-page, batch-page, models-page, monitoring-page) test each page in
 * depth and write its screenshot; here the whole UI: size, the main flows, a narrow screen, an
 * API outage, the Content-Security-Policy. The live charts are monitoring-page's.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initialJsSize } from '../src/test-support/initial-js-size.ts';
import { e2eArtifacts, screenshot, startE2eStack, type E2eStack } from './test-support/e2e-stack.ts';

const header = 'machine,type,airTemperatureK,processTemperatureK,rotationalSpeedRpm,torqueNm,toolWearMin';
const started = Date.now();
let stack: E2eStack;

beforeAll(async () => {
  stack = await startE2eStack({
    suite: 'operator-ui',
    trainings: [['pipeline', '--rows', '2000', '--threads', '0', '--seed', '3', '--run-id', 'e2e']],
    apiEnv: { ADMIN_TOKEN: 'an-e2e-admin-token-from-a-secret' },
    machines: { 'lathe-7': { type: 'L', airTemperatureK: 302.1, processTemperatureK: 311.4, rotationalSpeedRpm: 1320, torqueNm: 62.5, toolWearMin: 215 } },
  });
}, 120_000);

afterAll(async () => {
  await stack?.close();
  writeFileSync(join(e2eArtifacts, 'e2e-duration.json'), `${JSON.stringify({ seconds: (Date.now() - started) / 1000 })}\n`);
});

describe('the built UI', () => {
  it('loads at most 250 KB of gzipped JavaScript before it starts', () => {
    const size = initialJsSize(stack.distDir);
    writeFileSync(join(e2eArtifacts, 'initial-js-size.json'), `${JSON.stringify(size, null, 2)}\n`);
    console.log(`initial JS: ${(size.gzipBytes / 1024).toFixed(1)} KB gzip in ${size.files.length} file(s)`);
    expect(size.gzipBytes).toBeLessThanOrEqual(250 * 1024);
  });
});

describe('the operator UI in Chromium against the real inference API', () => {
  it('generates the form from the served contract, and predicts with the trained model', async () => {
    const page = await stack.openPage();
    await page.goto(stack.ui.origin);
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
    await page.close();
  });

  it('uploads a CSV, reports the bad row by line, and downloads the results', async () => {
    const page = await stack.openPage();
    await page.goto(`${stack.ui.origin}/#/batch`);
    const csv = [header, 'm1,L,300,310,1500,40,10', 'm2,M,301,311,1400,70,230', 'm3,H,300,310,1500,forty,10', 'm4,L,299,309,1600,35,5'].join('\n');
    await page.getByLabel('CSV file to score').setInputFiles({ name: 'shift.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    const results = page.getByRole('region', { name: 'Results' });
    await results.waitFor();
    expect(await results.textContent()).toContain('3 rows scored');
    expect(await page.getByRole('region', { name: /1 row with errors/ }).textContent()).toContain('4torqueNm: must be a number, got "forty"');

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
    const page = await stack.openPage();
    await page.goto(`${stack.ui.origin}/#/batch`);
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
    const page = await stack.openPage();
    await page.goto(`${stack.ui.origin}/#/models`);
    const table = page.getByRole('table', { name: 'Registered versions, newest first' });
    await table.waitFor();
    const row = table.getByRole('row', { name: /^1 / });
    expect(await row.textContent()).toContain('champion');
    expect(await row.getByRole('link', { name: 'Report of version 1' }).getAttribute('href')).toBe(`${stack.apiOrigin}/registry/versions/1/report`);
    await page.close();
  });

  it('fits a 360 px wide screen without sideways scrolling', async () => {
    const narrow = await stack.browser.newContext({ viewport: { width: 360, height: 780 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    const page = await stack.openPage(narrow);
    await page.goto(stack.ui.origin);
    await page.getByRole('button', { name: 'Predict' }).click();
    await page.getByRole('region', { name: 'Prediction' }).waitFor();
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
    await screenshot(page, 'predict-360px.png');
    await narrow.close();
  });

  it('shows a clear banner with a retry when the API is down, and recovers', async () => {
    const page = await stack.openPage();
    await page.route(`${stack.apiOrigin}/**`, (route) => route.abort('connectionrefused'));
    await page.goto(stack.ui.origin);
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('The inference API is unavailable');
    await screenshot(page, 'api-down.png');
    await page.unroute(`${stack.apiOrigin}/**`);
    await alert.getByRole('button', { name: 'Retry' }).click();
    await page.getByRole('form', { name: 'Prediction inputs' }).waitFor();
    expect(await page.getByRole('alert').count()).toBe(0);
    await page.close();
  });

  it('ran everything under the production Content-Security-Policy without a violation', () => {
    expect(stack.cspViolations).toEqual([]);
  });
});
