// @vitest-environment node
/**
 * The Batch page in real Chromium against the real API and a trained model (issue 18, items 7
 * and 9): the published AI4I 2020 file as it is, a spreadsheet's semicolon-separated export, and
 * a results table whose every column is on screen at 1366 px.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { desktopViewport, screenshot, startE2eStack, type E2eStack } from './test-support/e2e-stack.ts';

let stack: E2eStack;

beforeAll(async () => {
  stack = await startE2eStack({ suite: 'batch-page', trainings: [['pipeline', '--rows', '2000', '--threads', '0', '--seed', '3', '--run-id', 'batch']] });
}, 120_000);

afterAll(async () => {
  await stack?.close();
});

/** The first rows of the published AI4I 2020 CSV (UCI dataset 601), header as published. */
const ai4iFile = [
  'UDI,Product ID,Type,Air temperature [K],Process temperature [K],Rotational speed [rpm],Torque [Nm],Tool wear [min],Machine failure,TWF,HDF,PWF,OSF,RNF',
  '1,M14860,M,298.1,308.6,1551,42.8,0,0,0,0,0,0,0',
  '2,L47181,L,298.2,308.7,1408,46.3,3,0,0,0,0,0,0',
  '3,L47182,L,298.1,308.5,1498,49.4,5,0,0,0,0,0,0',
  '4,L47183,L,298.2,308.6,1433,39.5,7,0,0,0,0,0,0',
  '5,L47184,L,298.2,308.7,1408,40,9,0,0,0,0,0,0',
].join('\n');

async function upload(page: Page, name: string, text: string) {
  await page.getByLabel('CSV file to score').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });
  const results = page.getByRole('region', { name: 'Results' });
  await results.waitFor();
  return results;
}

describe('the Batch page in Chromium', () => {
  it('scores the published AI4I 2020 file with its own column names, and keeps every column in the download', async () => {
    const page = await stack.openPage();
    await page.goto(`${stack.ui.origin}/#/batch`);
    const results = await upload(page, 'ai4i2020.csv', ai4iFile);
    expect(await results.textContent()).toContain('5 rows scored');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download results as CSV' }).click()]);
    const lines = readFileSync((await download.path())!, 'utf8').trim().split('\r\n');
    expect(lines[0]).toBe(`${ai4iFile.split('\n')[0]},prediction,probability,modelVersion,error`);
    expect(lines[1]).toMatch(/^1,M14860,M,298\.1,308\.6,1551,42\.8,0,0,0,0,0,0,0,(ok|failure),[\d.e-]+,1,$/);
    await page.close();
  });

  it("reads a spreadsheet's semicolon-separated export with decimal commas, and says it did", async () => {
    const page = await stack.openPage();
    await page.goto(`${stack.ui.origin}/#/batch`);
    const semicolons = ['machine;type;airTemperatureK;processTemperatureK;rotationalSpeedRpm;torqueNm;toolWearMin', 'm1;L;298,1;308,6;1551;42,8;0', 'm2;M;300,4;310,2;1480;38,5;120'].join('\r\n');
    const results = await upload(page, 'export.csv', semicolons);
    expect(await results.textContent()).toContain('2 rows scored');
    expect(await page.getByRole('status').filter({ hasText: 'semicolon' }).textContent()).toMatch(/separated by semicolons.*decimal commas/);
    await page.close();
  });

  it('shows every column of the results table on a 1366 px screen, nothing cut off', async () => {
    const page = await stack.openPage();
    await page.goto(`${stack.ui.origin}/#/batch`);
    const results = await upload(page, 'ai4i2020.csv', ai4iFile);
    const table = results.getByRole('table', { name: 'Scored rows' });
    const scroller = await table.evaluate((element) => {
      const box = element.parentElement!;
      return { scrollWidth: box.scrollWidth, clientWidth: box.clientWidth };
    });
    expect(scroller.scrollWidth).toBeLessThanOrEqual(scroller.clientWidth);
    for (const header of await table.getByRole('columnheader').all()) {
      const box = (await header.boundingBox())!;
      expect(box.x + box.width, `column "${await header.textContent()}"`).toBeLessThanOrEqual(desktopViewport.width);
    }
    // The model's inputs are headed with their labels and units, not camelCase names.
    expect(await table.getByRole('columnheader').allTextContents()).toEqual(expect.arrayContaining(['Ambient air temperature (K)', 'Spindle torque (Nm)']));
    await screenshot(page, 'batch.png');
    await page.close();
  });

  it('ran under the production Content-Security-Policy without a violation', () => {
    expect(stack.cspViolations).toEqual([]);
  });
});
