// @vitest-environment node
/**
 * The Predict page in real Chromium against the real API and a trained model (issue 18, items 3,
 * 4 and 9): the form starts at a healthy operating point, a disagreement between the published
 * failure rules and the model is said plainly, and form, validation and result stay consistent
 * through every path (an invalid entry, a live machine, a changed input after a result).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot, startE2eStack, type E2eStack } from './test-support/e2e-stack.ts';

let stack: E2eStack;

beforeAll(async () => {
  stack = await startE2eStack({
    suite: 'predict-page',
    trainings: [['pipeline', '--rows', '2000', '--threads', '0', '--seed', '3', '--run-id', 'predict']],
    machines: { 'lathe-7': { type: 'L', airTemperatureK: 302.1, processTemperatureK: 311.4, rotationalSpeedRpm: 1320, torqueNm: 62.5, toolWearMin: 215 } },
  });
}, 120_000);

afterAll(async () => {
  await stack?.close();
});

const field = (page: Page, name: string) => page.getByRole('spinbutton', { name, exact: true });
const torque = (page: Page) => field(page, 'Spindle torque (Nm)');

async function fill(page: Page, values: { type: string; air: number; process: number; speed: number; torque: number; wear: number }) {
  await page.getByRole('combobox', { name: 'Product quality variant: low, medium or high' }).selectOption(values.type);
  await field(page, 'Ambient air temperature (K)').fill(String(values.air));
  await field(page, 'Process temperature (K)').fill(String(values.process));
  await field(page, 'Spindle rotational speed (rpm)').fill(String(values.speed));
  await torque(page).fill(String(values.torque));
  await field(page, 'Minutes the current tool has been in use (min)').fill(String(values.wear));
}

async function predict(page: Page) {
  await page.getByRole('button', { name: 'Predict', exact: true }).click();
  const result = page.getByRole('region', { name: 'Prediction' });
  await result.getByRole('status').first().waitFor();
  return result;
}

describe('the Predict page in Chromium', () => {
  it('starts at a typical healthy operating point of the training data, where no published failure rule fires', async () => {
    const page = await stack.openPage();
    await page.goto(stack.ui.origin);
    // The medians of the served version's training data, not the middle of each allowed range.
    expect(Number(await torque(page).inputValue())).toBeGreaterThan(30);
    expect(Number(await torque(page).inputValue())).toBeLessThan(50);
    expect(Number(await field(page, 'Spindle rotational speed (rpm)').inputValue())).toBeLessThan(1700);
    const result = await predict(page);
    expect(await result.textContent()).toContain('No rule fires for these inputs.');
    await screenshot(page, 'predict.png');
    await page.close();
  });

  it('says plainly when the published rules and the model disagree', async () => {
    const page = await stack.openPage();
    await page.goto(stack.ui.origin);
    // The example: 10.5 kW is above the AI4I power-failure limit of 9 kW, and this model says ok.
    await fill(page, { type: 'L', air: 305, process: 315, speed: 2000, torque: 50, wear: 150 });
    const result = await predict(page);
    expect(await result.getByRole('status').first().textContent()).toBe('Decision: ok');
    const note = result.getByRole('note', { name: 'The published rules and the model disagree' });
    expect(await note.textContent()).toMatch(/power failure \(PWF\).*fires.*the model predicts “ok”/);
    await page.close();
  });

  it('keeps form, validation and result consistent through an invalid entry, a live machine and a changed input', async () => {
    const page = await stack.openPage();
    await page.goto(stack.ui.origin);
    await torque(page).fill('250');
    await page.getByRole('button', { name: 'Predict', exact: true }).click();
    // The problem is named with the field's label and unit, not its camelCase name.
    expect(await page.getByRole('alert').textContent()).toContain('Spindle torque (Nm): must be between 0 Nm and 100 Nm, got 250 Nm');
    expect(await torque(page).getAttribute('aria-invalid')).toBe('true');

    // A live machine replaces the bad value: the field and the summary no longer show the old error.
    await page.getByRole('combobox', { name: 'Start from a live machine' }).selectOption('lathe-7');
    await expect.poll(() => torque(page).inputValue()).toBe('62.5');
    expect(await torque(page).getAttribute('aria-invalid')).toBe('false');
    expect(await page.getByRole('alert').count()).toBe(0);

    const result = await predict(page);
    expect(await result.textContent()).not.toContain('changed since');
    // Its feature importances are named as people read them.
    const importances = result.getByRole('list', { name: 'Feature importances' });
    await importances.waitFor();
    expect(await importances.textContent()).not.toMatch(/[a-z][A-Z]/);

    // A changed input marks the shown result as belonging to the earlier inputs.
    await torque(page).fill('30');
    expect(await result.getByRole('status', { name: 'Result is out of date' }).textContent()).toContain('The inputs changed since this prediction');
    // Back to the predicted inputs (the same machine again): the result is current again.
    await page.getByRole('combobox', { name: 'Start from a live machine' }).selectOption('');
    await page.getByRole('combobox', { name: 'Start from a live machine' }).selectOption('lathe-7');
    await expect.poll(() => torque(page).inputValue()).toBe('62.5');
    expect(await result.getByRole('status', { name: 'Result is out of date' }).count()).toBe(0);
    await page.close();
  });

  it('ran under the production Content-Security-Policy without a violation', () => {
    expect(stack.cspViolations).toEqual([]);
  });
});
