import { ai4iContract, toFeatureVector } from '@millwright/contract';
import { createMachine, simulateProcesses, type DriftScenario } from '@millwright/factory';
import { computeReferenceStatistics } from '@millwright/ml';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { minimumDriftRows } from '../src/serving/drift-monitor.ts';
import { buildApp, localRegistry, tempHome } from '../src/test-support/build-app.ts';
import { registerFixtureModel } from '../src/test-support/model-fixture.ts';

const contract = ai4iContract();
/** What the trainer stores as reference.json: the statistics of simulated training rows, encoded by the contract. */
const reference = computeReferenceStatistics({
  featureNames: contract.featureOrder,
  rows: simulateProcesses({ rows: 6000, seed: 42 }).map(({ type, airTemperatureK, processTemperatureK, rotationalSpeedRpm, torqueNm, toolWearMin }) =>
    toFeatureVector(contract, { type, airTemperatureK, processTemperatureK, rotationalSpeedRpm, torqueNm, toolWearMin }),
  ),
});

const home = tempHome();
const registry = localRegistry(home.dir);
let app: FastifyInstance;

beforeAll(async () => {
  await registerFixtureModel(registry, { reference });
  app = await buildApp({ home: home.dir, registry });
});

afterAll(async () => {
  await app.close();
  home.remove();
});

/** Ten simulated machines' processes, interleaved in time, scored in batches as the edge gateway sends them. */
async function feedMachines(processes: number, scenario: DriftScenario = []): Promise<void> {
  const machines = Array.from({ length: 10 }, (_, index) => createMachine({ id: `machine-${index + 1}`, seed: index + 1, scenario }));
  let batch: object[] = [];
  for (let process = 0; process < processes; process += 1) {
    for (const machine of machines) {
      const { type, airTemperatureK, processTemperatureK, rotationalSpeedRpm, torqueNm, toolWearMin } = machine.next();
      batch.push({ type, airTemperatureK, processTemperatureK, rotationalSpeedRpm, torqueNm, toolWearMin });
      if (batch.length === 1000) {
        expect((await app.inject({ method: 'POST', url: '/predict/batch', payload: batch })).statusCode).toBe(200);
        batch = [];
      }
    }
  }
}

const levels = (body: { features: { feature: string; level: string }[] }) => Object.fromEntries(body.features.map(({ feature, level }) => [feature, level]));
const driftGauge = (text: string) => text.split('\n').filter((line) => line.startsWith('model_feature_drift_psi{'));

describe('GET /drift', () => {
  it('does not judge drift before enough inputs arrived, says how many it has, and publishes no gauge yet', async () => {
    await feedMachines(100);
    const body = (await app.inject('/drift')).json();
    expect(body).toMatchObject({ model: 'predictive-maintenance', version: '1', referenceRows: 6000, judged: false, window: { rows: 1000, capacity: 10_000, minimumRows: minimumDriftRows } });
    expect(body.features).toHaveLength(contract.featureOrder.length);
    expect(driftGauge((await app.inject('/metrics')).body)).toEqual([]);
  });

  it("reads every feature stable while simulated machines run steady, against the champion's training reference", async () => {
    await feedMachines(1000);
    const body = (await app.inject('/drift')).json();
    expect(body).toMatchObject({ judged: true, window: { rows: 10_000 }, problem: null });
    expect(Object.values(levels(body))).toEqual(contract.featureOrder.map(() => 'stable'));
  });

  it('reads a heat wave as a significant shift of both temperatures and of nothing else', async () => {
    await feedMachines(1000, [{ kind: 'heatWave', peakK: 6, rampProcesses: 200 }]);
    const read = levels((await app.inject('/drift')).json());
    expect(read).toMatchObject({ airTemperatureK: 'significant', processTemperatureK: 'significant', temperatureDifferenceK: 'stable', torqueNm: 'stable', toolWearMin: 'stable' });
  });

  it('publishes the same figures as model_feature_drift_psi for Prometheus', async () => {
    const body = (await app.inject('/drift')).json();
    const lines = driftGauge((await app.inject('/metrics')).body);
    expect(lines).toHaveLength(contract.featureOrder.length);
    const air = body.features.find((feature: { feature: string }) => feature.feature === 'airTemperatureK');
    expect(lines).toContain(`model_feature_drift_psi{model="predictive-maintenance",feature="airTemperatureK"} ${air.psi}`);
  });

  it('names the missing training reference of a champion trained without one', async () => {
    const bare = tempHome();
    await registerFixtureModel(localRegistry(bare.dir));
    const other = await buildApp({ home: bare.dir });
    try {
      expect((await other.inject('/drift')).json()).toMatchObject({ version: '1', judged: false, features: [], problem: expect.stringMatching(/^version 1 of "predictive-maintenance" has no reference\.json/) });
    } finally {
      await other.close();
      bare.remove();
    }
  });
});

describe('GET /models', () => {
  it("offers the medians of the champion's training data as a typical input", async () => {
    const { champion } = (await app.inject('/models')).json();
    expect(champion.typicalInput.type).toBeUndefined();
    expect(champion.typicalInput.airTemperatureK).toBeCloseTo(300, 0);
    expect(champion.typicalInput.torqueNm).toBeCloseTo(40, 0);
  });
});
