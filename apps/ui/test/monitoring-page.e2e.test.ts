// @vitest-environment node
/**
 * The Monitoring page in real Chromium against the real API and a trained model (issue 18, items
 * 5 and 9): drift is the live inputs against the served version's training reference, so the
 * simulator's machines read stable while steady and shifted under a drift scenario; the charts'
 * axes carry their units.
 */
import { createMachine, type DriftScenario } from '@millwright/factory';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot, startE2eStack, type E2eStack } from './test-support/e2e-stack.ts';

let stack: E2eStack;

beforeAll(async () => {
  stack = await startE2eStack({ suite: 'monitoring-page', trainings: [['pipeline', '--rows', '2000', '--threads', '0', '--seed', '3', '--run-id', 'monitoring']] });
}, 120_000);

afterAll(async () => {
  await stack?.close();
});

/**
 * What the sensor simulator's machines send over `processes` processes each, scored through the
 * API in batches as the edge gateway scores them: ten machines, interleaved in time.
 */
async function feedSimulatedMachines(processes: number, scenario: DriftScenario = []): Promise<void> {
  const machines = Array.from({ length: 10 }, (_, index) => createMachine({ id: `machine-${index + 1}`, seed: index + 1, scenario }));
  let batch: Record<string, number | string>[] = [];
  for (let process = 0; process < processes; process += 1) {
    for (const machine of machines) {
      const { type, airTemperatureK, processTemperatureK, rotationalSpeedRpm, torqueNm, toolWearMin } = machine.next();
      batch.push({ type, airTemperatureK, processTemperatureK, rotationalSpeedRpm, torqueNm, toolWearMin });
      if (batch.length === 1000) {
        const response = await fetch(`${stack.apiOrigin}/predict/batch`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(batch) });
        if (!response.ok) throw new Error(`POST /predict/batch answered ${response.status}: ${await response.text()}`);
        batch = [];
      }
    }
  }
}

/** The drift table's readings by feature label, once it shows the reading `until` waits for. */
async function driftReadings(page: Page, until: (readings: Record<string, string>) => boolean): Promise<Record<string, string>> {
  const table = page.getByRole('table', { name: /^Drift of each feature/ });
  let readings: Record<string, string> = {};
  await expect
    .poll(
      async () => {
        if ((await table.count()) === 0) return false;
        const rows = await table.locator('tbody tr').all();
        readings = Object.fromEntries(await Promise.all(rows.map(async (row) => [await row.locator('th').textContent(), await row.locator('td').last().textContent()] as const)));
        return until(readings);
      },
      { timeout: 15_000 },
    )
    .toBe(true);
  return readings;
}

describe('drift on the Monitoring page in Chromium', () => {
  it("reads stable while the simulator's machines run steady, against the served version's training data", async () => {
    await feedSimulatedMachines(1000);
    const page = await stack.openPage();
    await page.goto(`${stack.ui.origin}/#/monitoring`);
    const readings = await driftReadings(page, (shown) => Object.keys(shown).length > 0);
    expect(Object.values(readings).every((reading) => reading === 'stable'), JSON.stringify(readings)).toBe(true);
    // Named as people read them, with units.
    expect(Object.keys(readings)).toEqual(expect.arrayContaining(['Ambient air temperature (K)', 'Minutes the current tool has been in use (min)']));
    expect(await page.getByRole('region', { name: 'Drift per feature' }).textContent()).toMatch(/against the training data of version 1/);
    await page.close();
  });

  it('reads a shift when the machines run a drift scenario (a heat wave)', async () => {
    const page = await stack.openPage();
    await page.goto(`${stack.ui.origin}/#/monitoring`);
    await driftReadings(page, (shown) => shown['Ambient air temperature (K)'] === 'stable');
    // The trainer's "heat-wave" scenario, as the simulator runs it (SCENARIO).
    await feedSimulatedMachines(1000, [{ kind: 'heatWave', peakK: 6, rampProcesses: 200 }]);
    const readings = await driftReadings(page, (shown) => shown['Ambient air temperature (K)'] !== 'stable');
    expect(readings['Ambient air temperature (K)']).toBe('significant shift');
    expect(readings['Process temperature (K)']).toBe('significant shift');
    expect(readings['Spindle torque (Nm)']).toBe('stable');
    await page.close();
  });
});

describe('the monitoring charts in Chromium', () => {
  it('label their axes with units and time', async () => {
    const page = await stack.openPage();
    let sending = true;
    const traffic = (async () => {
      while (sending) {
        await fetch(`${stack.apiOrigin}/predict`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ type: 'M', airTemperatureK: 300, processTemperatureK: 310, rotationalSpeedRpm: 1500, torqueNm: 40, toolWearMin: 100 }) });
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    })();
    try {
      await page.goto(`${stack.ui.origin}/#/monitoring`);
      await page.getByRole('img', { name: /^Prediction latency: P50 [\d.]+ ms/ }).waitFor({ timeout: 20_000 });
      await page.getByRole('img', { name: /^Request rate: requests [1-9][\d.]* req\/s/ }).waitFor({ timeout: 10_000 });
      const axisText = async (title: string) => (await page.locator('figure').filter({ hasText: title }).locator('svg text').allTextContents()).join(' | ');
      expect(await axisText('Request rate')).toMatch(/req\/s.*\|.*now/);
      expect(await axisText('Prediction latency')).toMatch(/ms/);
      expect(await axisText('Error ratio')).toMatch(/%/);
      expect(await axisText('Predictions by version')).toMatch(/per s/);
      expect(await axisText('Predicted failure probability')).toMatch(/probability.*share/);
      // A few more samples, so the screenshot shows lines rather than first dots.
      await expect.poll(() => axisText('Request rate'), { timeout: 15_000 }).toMatch(/([5-9]|\d\d) s ago/);
      await screenshot(page, 'monitoring.png');
    } finally {
      sending = false;
      await traffic;
    }
    await page.close();
  });

  it('ran under the production Content-Security-Policy without a violation', () => {
    expect(stack.cspViolations).toEqual([]);
  });
});
