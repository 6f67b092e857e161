import { ai4iContract } from '@millwright/contract';
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createFakeApi } from '../../../test-support/fake-api.ts';
import { renderWithServices } from '../../../test-support/render-with-services.tsx';
import { MonitoringPage } from './MonitoringPage.tsx';

function metrics(requests: number) {
  return `http_requests_total{route="/predict",method="POST",status="200"} ${requests}
http_request_duration_seconds_bucket{le="0.005",route="/predict",method="POST",status="200"} ${requests}
http_request_duration_seconds_bucket{le="+Inf",route="/predict",method="POST",status="200"} ${requests}
predict_requests_total{model="pm",version="4"} ${requests}
predict_probability_ratio_bucket{le="0.5",model="pm",version="4"} ${requests * 0.8}
predict_probability_ratio_bucket{le="1",model="pm",version="4"} ${requests}
predict_probability_ratio_bucket{le="+Inf",model="pm",version="4"} ${requests}
`;
}

function drift(rows: number) {
  return {
    model: 'pm',
    version: '4',
    referenceRows: 4200,
    window: { rows, capacity: 10_000, minimumRows: 5000 },
    judged: rows >= 5000,
    features: [
      { feature: 'airTemperatureK', psi: 0.31, level: 'significant' },
      { feature: 'powerW', psi: 0.02, level: 'stable' },
    ],
    problem: null,
  };
}

describe('MonitoringPage', () => {
  it("charts request rate, latency, errors, predictions by version and their probabilities from the API's metrics", async () => {
    let scrapes = 0;
    renderWithServices(<MonitoringPage contract={ai4iContract(0.6)} />, createFakeApi({ 'GET /metrics': () => metrics((scrapes += 1) * 10), 'GET /drift': drift(800) }), { refreshSeconds: 1 });
    const rate = await screen.findByRole('img', { name: /^Request rate: requests [\d.]+ req\/s$/ }, { timeout: 5000 });
    expect(rate).toBeTruthy();
    expect(screen.getByRole('img', { name: /^Prediction latency: P50 [\d.]+ ms, P95 [\d.]+ ms, P99 [\d.]+ ms$/ })).toBeTruthy();
    expect(screen.getByRole('img', { name: 'Error ratio (5xx): errors 0.0 %' })).toBeTruthy();
    expect(screen.getByRole('img', { name: /^Predictions by version: version 4 [\d.]+ per s$/ })).toBeTruthy();
    expect(screen.getByRole('img', { name: 'Distribution of predicted failure probabilities: 2 bins; 20.0 % at or above the threshold 0.60' })).toBeTruthy();
  });

  it('keeps the charts and says so when a scrape fails', async () => {
    renderWithServices(
      <MonitoringPage />,
      createFakeApi({
        'GET /metrics': () => {
          throw new Error('GET /metrics: the inference API at http://api.test is unreachable (Failed to fetch)');
        },
      }),
      { refreshSeconds: 1 },
    );
    expect((await screen.findByRole('alert')).textContent).toContain('Metrics could not be read');
    expect(screen.getByRole('heading', { name: 'Monitoring' })).toBeTruthy();
  });

  it("names each feature by the contract's label, and judges drift only once enough inputs arrived", async () => {
    const api = createFakeApi({ 'GET /metrics': () => metrics(10), 'GET /drift': drift(800) });
    renderWithServices(<MonitoringPage contract={ai4iContract(0.6)} />, api, { refreshSeconds: 1 });
    const table = await screen.findByRole('table', { name: 'Drift of each feature against the training data' });
    expect(within(table).getByRole('rowheader', { name: 'Ambient air temperature (K)' })).toBeTruthy();
    expect(within(table).getByRole('rowheader', { name: 'Mechanical power: torque × rotational speed × 2π / 60, in W' })).toBeTruthy();
    expect(screen.getByRole('status').textContent).toContain('Collecting inputs: 800 of the 5,000 needed');
    expect(within(table).getAllByText('not judged yet')).toHaveLength(2);

    api.routes['GET /drift'] = drift(6000);
    expect(await within(table).findByText('significant shift', {}, { timeout: 3000 })).toBeTruthy();
    expect(screen.getByRole('region', { name: 'Drift per feature' }).textContent).toContain('against the training data of version 4 (4,200 rows)');
  });
});
