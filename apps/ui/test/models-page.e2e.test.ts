// @vitest-environment node
/**
 * The model lifecycle in real Chromium against the real API and registry (issue 18, items 1, 2,
 * 6, 8 and 9): two versions the trainer trained, a promotion by the trainer's own `promote` step
 * (outside the browser), a roll back that finds its target in the registry's history, promotion
 * of the challenger, the model history chart and a readable versions table; and (issue 17) each
 * version's global importance, mean |SHAP| over its test set, beside the history.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { desktopViewport, screenshot, startE2eStack, type E2eStack } from './test-support/e2e-stack.ts';

const adminToken = 'an-e2e-admin-token-from-a-secret';
/** Version 2's training run: registered, not yet promoted (the test runs its promote step). */
const second = ['--run-id', 'second', '--rows', '2000', '--seed', '3', '--threads', '0'];
let stack: E2eStack;

beforeAll(async () => {
  stack = await startE2eStack({
    suite: 'models-page',
    trainings: [
      // Version 1 (seed 4, F1 0.80) becomes champion; version 2 (seed 3, F1 0.83) is better.
      ['pipeline', '--run-id', 'first', '--rows', '2000', '--seed', '4', '--threads', '0'],
      ...['ingest', 'prepare', 'train', 'evaluate', 'register'].map((step) => [step, ...second]),
    ],
    // The API follows alias moves made elsewhere within a poll.
    apiEnv: { ADMIN_TOKEN: adminToken, MODEL_POLL_INTERVAL_MS: '300' },
  });
}, 120_000);

afterAll(async () => {
  await stack?.close();
});

const servingLine = (page: Page) => page.getByRole('banner').getByText(/^Serving /);
const versionsTable = (page: Page) => page.getByRole('table', { name: 'Registered versions, newest first' });

async function openModels(page: Page) {
  await page.goto(`${stack.ui.origin}/#/models`);
  await versionsTable(page).waitFor();
}

describe('the Models page in Chromium', () => {
  it("charts every version's F1, AUROC, precision, recall and rows, marking the aliases, and lists them in the table", async () => {
    const page = await stack.openPage();
    await openModels(page);
    const chart = page.getByRole('img', { name: /^Model history/ });
    expect(await chart.getAttribute('aria-label')).toMatch(/versions 1 to 2.*champion: version 1/);
    const figure = page.locator('figure').filter({ has: chart });
    expect(await figure.getByRole('list', { name: 'Series' }).textContent()).toMatch(/F1.*AUROC.*Precision.*Recall.*Rows/);
    expect(await chart.locator('text').allTextContents()).toEqual(expect.arrayContaining(['champion']));

    const headers = await versionsTable(page).getByRole('columnheader').allTextContents();
    expect(headers).toEqual(expect.arrayContaining(['Precision', 'Recall', 'Rows']));
    const row = versionsTable(page).getByRole('row', { name: /^2 / });
    expect(await row.textContent()).toContain('2,000');
    await page.close();
  });

  it("shows a version's global importance beside the history: the champion's first, any other on request", async () => {
    const page = await stack.openPage();
    await openModels(page);
    const card = page.getByRole('region', { name: 'Global importance' });
    const bars = card.getByRole('list', { name: 'Global importance of version 1' });
    await bars.waitFor();
    // Every model feature of the AI4I contract, named by its label with its unit.
    expect(await bars.getByRole('listitem').count()).toBe(9);
    const items = await bars.getByRole('listitem').allTextContents();
    expect(items.join(' ')).not.toMatch(/[a-z][A-Z]/);
    expect(items).toEqual(expect.arrayContaining([expect.stringMatching(/^Spindle torque \(Nm\)\d/)]));
    expect(await card.textContent()).toMatch(/Mean \|SHAP\| per feature over its [\d,]+ test rows, in (probability points|log-odds)/);
    // Beside the history chart, not under it, on a desktop screen.
    const chart = (await page.locator('figure').filter({ has: page.getByRole('img', { name: /^Model history/ }) }).boundingBox())!;
    const beside = (await card.boundingBox())!;
    expect(beside.x).toBeGreaterThanOrEqual(chart.x + chart.width);
    expect(Math.abs(beside.y - chart.y)).toBeLessThan(1);

    await card.getByRole('combobox', { name: 'Version' }).selectOption('2');
    await card.getByRole('list', { name: 'Global importance of version 2' }).waitFor();
    await page.close();
  });

  it('writes dates unambiguously and keeps the Actions column under its header', async () => {
    const page = await stack.openPage();
    await openModels(page);
    const table = versionsTable(page);
    const created = await table.locator('tbody time').allTextContents();
    for (const text of created) expect(text).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC$/);
    const header = (await table.getByRole('columnheader', { name: 'Actions' }).boundingBox())!;
    for (const row of await table.locator('tbody tr').all()) {
      const cell = (await row.locator('td').last().boundingBox())!;
      const first = (await row.locator('th').boundingBox())!;
      expect(Math.abs(cell.x - header.x)).toBeLessThan(1);
      expect(Math.abs(cell.width - header.width)).toBeLessThan(1);
      expect(Math.abs(cell.y - first.y)).toBeLessThan(1);
    }
    await page.close();
  });

  it('follows a promotion made outside the browser, and rolls back to the champion before it from the registry history', async () => {
    const page = await stack.openPage();
    await page.goto(stack.ui.origin);
    await page.getByRole('form', { name: 'Prediction inputs' }).waitFor();
    expect(await servingLine(page).textContent()).toBe('Serving predictive-maintenance version 1');
    const models = await stack.openPage();
    await openModels(models);
    // The trainer's own promotion (F1 0.83 beats 0.80): no browser was involved.
    expect(await stack.train(['promote', ...second])).toMatchObject({ promoted: true, version: '2' });
    await expect.poll(() => servingLine(page).textContent(), { timeout: 10_000 }).toBe('Serving predictive-maintenance version 2');
    // The open Models page follows too: version 2 is marked champion without a reload.
    await expect.poll(() => versionsTable(models).getByRole('row', { name: /^2 / }).locator('td').nth(1).textContent(), { timeout: 10_000 }).toBe('champion');
    await models.close();
    await page.getByRole('button', { name: 'Predict', exact: true }).click();
    expect(await page.getByRole('region', { name: 'Prediction' }).textContent()).toContain('predictive-maintenance version 2 (champion)');

    // A browser that saw none of it finds the earlier champion in the registry's tags.
    const fresh = await stack.browser.newContext({ viewport: desktopViewport });
    const other = await stack.openPage(fresh);
    await openModels(other);
    await other.getByLabel('Admin token').fill(adminToken);
    await other.getByRole('button', { name: 'Roll back to version 1' }).click();
    expect(await other.getByRole('status').filter({ hasText: 'Rolled back' }).textContent()).toBe(
      'Rolled back: version 1 is the champion again, replacing version 2. The API serves version 1.',
    );
    await expect.poll(() => servingLine(other).textContent(), { timeout: 3_000 }).toBe('Serving predictive-maintenance version 1');
    await fresh.close();
    await page.close();
  });

  it('clears the challenger when it becomes the champion, and says so', async () => {
    const page = await stack.openPage();
    await openModels(page);
    await page.getByLabel('Admin token').fill(adminToken);
    await page.getByRole('button', { name: 'Make challenger (version 2)' }).click();
    expect(await page.getByRole('status').filter({ hasText: 'challenger' }).textContent()).toBe('Version 2 is now the challenger (it was not set).');
    await page.getByRole('table', { name: 'Champion (version 1) against challenger (version 2)' }).waitFor();

    await page.getByRole('button', { name: 'Make champion (version 2)' }).click();
    expect(await page.getByRole('status').filter({ hasText: 'champion' }).textContent()).toBe(
      'Version 2 is now the champion, replacing version 1. It was the challenger, so the challenger alias was cleared: a version is not compared with itself. The API serves version 2.',
    );
    await expect.poll(() => versionsTable(page).getByRole('row', { name: /^2 / }).locator('td').nth(1).textContent()).toBe('champion');
    expect(await page.getByRole('table', { name: /against challenger/ }).count()).toBe(0);
    await expect.poll(() => servingLine(page).textContent(), { timeout: 3_000 }).toBe('Serving predictive-maintenance version 2');
    await screenshot(page, 'models.png');
    await page.close();
  });

  it('ran under the production Content-Security-Policy without a violation', () => {
    expect(stack.cspViolations).toEqual([]);
  });
});
