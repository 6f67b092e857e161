import { ai4iContract } from '@millwright/contract';
import { screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../shared/api/api-client.ts';
import { createFakeApi, healthyRoutes } from '../../../test-support/fake-api.ts';
import { renderWithServices } from '../../../test-support/render-with-services.tsx';
import { PredictPage } from './PredictPage.tsx';

const contract = ai4iContract(0.4);
const answer = { prediction: 'failure', probability: 0.83, threshold: 0.4, model: { name: 'predictive-maintenance', version: '3', alias: 'champion' } };

const explanation = {
  ...answer,
  marginSpace: 'log-odds',
  baseValue: -2.5,
  margin: 1.586,
  contributions: [
    { feature: 'type', kind: 'input', value: 0, contribution: 0.1 },
    { feature: 'toolWearMin', kind: 'input', value: 210, contribution: 1.2 },
    { feature: 'torqueNm', kind: 'input', value: 65, contribution: 3.1 },
    { feature: 'powerW', kind: 'engineered', from: ['torqueNm', 'rotationalSpeedRpm'], value: 9500, contribution: -0.314 },
  ],
};

function setup(routes = {}) {
  const api = createFakeApi({ ...healthyRoutes(), 'POST /predict': answer, 'POST /explain': explanation, ...routes });
  renderWithServices(<PredictPage contract={contract} />, api);
  return api;
}

describe('PredictPage', () => {
  it('generates a labelled control for every input of the contract, with units and ranges', () => {
    setup();
    expect(screen.getByRole('combobox', { name: 'Product quality variant: low, medium or high' })).toBeTruthy();
    const torque = screen.getByRole('spinbutton', { name: 'Spindle torque (Nm)' });
    expect(torque.getAttribute('min')).toBe('0');
    expect(torque.getAttribute('max')).toBe('100');
    expect(screen.getByRole('slider', { name: 'Spindle torque (Nm), slider' })).toBeTruthy();
    expect(screen.getAllByRole('spinbutton')).toHaveLength(5);
    expect(screen.getByText('0–100 Nm')).toBeTruthy();
  });

  it('sends the typed values and shows decision, probability, threshold, version and the explanation', async () => {
    const api = setup();
    const torque = screen.getByRole('spinbutton', { name: 'Spindle torque (Nm)' });
    await userEvent.clear(torque);
    await userEvent.type(torque, '65');
    await userEvent.selectOptions(screen.getByRole('combobox', { name: /product quality variant/i }), 'L');
    await userEvent.click(screen.getByRole('button', { name: 'Predict' }));

    const result = await screen.findByRole('region', { name: 'Prediction' });
    expect(within(result).getByRole('status').textContent).toBe('Decision: failure');
    expect(result.textContent).toContain('83.0 %');
    expect(result.textContent).toContain('40.0 %');
    expect(result.textContent).toContain('predictive-maintenance version 3 (champion)');
    expect(within(result).getByRole('table', { name: 'Failure-mode thresholds and margins' })).toBeTruthy();
    expect(await within(result).findByRole('list', { name: 'Feature importances' })).toBeTruthy();
    expect(api.calls.find((call) => call.route === 'POST /predict')?.body).toMatchObject({ type: 'L', torqueNm: 65 });
  });

  it('names a field outside its range and sends nothing', async () => {
    const api = setup();
    const torque = screen.getByRole('spinbutton', { name: 'Spindle torque (Nm)' });
    await userEvent.clear(torque);
    await userEvent.type(torque, '250');
    await userEvent.click(screen.getByRole('button', { name: 'Predict' }));
    expect(screen.getByRole('alert').textContent).toContain('Spindle torque (Nm): must be between 0 Nm and 100 Nm, got 250 Nm');
    expect(torque.getAttribute('aria-invalid')).toBe('true');
    expect(api.calls.some((call) => call.route === 'POST /predict')).toBe(false);
  });

  it("fills the form from a live machine's latest features", async () => {
    setup();
    await userEvent.selectOptions(await screen.findByRole('combobox', { name: 'Start from a live machine' }), 'lathe-1');
    const wear = screen.getByRole('spinbutton', { name: /minutes the current tool/i }) as HTMLInputElement;
    await waitFor(() => expect(wear.value).toBe('210'));
    expect((screen.getByRole('combobox', { name: /product quality variant/i }) as HTMLSelectElement).value).toBe('H');
  });

  it('offers the request as a curl command', async () => {
    setup();
    await userEvent.click(screen.getByText('Copy as curl'));
    const command = screen.getByLabelText('curl command').textContent!;
    expect(command).toMatch(/^curl -sS -X POST 'http:\/\/api.test\/predict' -H 'content-type: application\/json' -d '\{"type":"L",/);
  });

  it('shows a failed prediction with a retry instead of a blank result', async () => {
    setup({
      'POST /predict': () => {
        throw new ApiError('POST /predict: no version of "predictive-maintenance" is loaded yet', 503);
      },
    });
    await userEvent.click(screen.getByRole('button', { name: 'Predict' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The prediction failed');
    expect(within(alert).getByRole('button', { name: 'Retry' })).toBeTruthy();
  });

  it("explains the prediction feature by feature, largest first, in the model's margin space, with a table for screen readers", async () => {
    const api = setup();
    await userEvent.click(screen.getByRole('button', { name: 'Predict' }));
    const why = await screen.findByRole('region', { name: 'Why version 3 predicts this' });
    expect(within(why).getByRole('img').getAttribute('aria-label')).toBe(
      "Contributions in log-odds, from the base value −2.50 to this prediction's 1.59; largest: Spindle torque (Nm) +3.10, Minutes the current tool has been in use (min) +1.20, Mechanical power: torque × rotational speed × 2π / 60, in W −0.31",
    );
    const table = within(why).getByRole('table', { name: 'Contributions to this prediction, in log-odds' });
    const rows = within(table).getAllByRole('rowheader').map((cell) => cell.textContent);
    expect(rows).toEqual([
      'Base value (the average over the training rows)',
      'Spindle torque (Nm)',
      'Minutes the current tool has been in use (min)',
      'Mechanical power: torque × rotational speed × 2π / 60, in W, computed from Spindle torque (Nm) and Spindle rotational speed (rpm)',
      'Product quality variant: low, medium or high',
      'This prediction',
    ]);
    expect(api.calls.find((call) => call.route === 'POST /explain')?.body).toEqual(api.calls.find((call) => call.route === 'POST /predict')?.body);
  });

  it('says plainly when the served version cannot be explained, and keeps the prediction', async () => {
    setup({
      'POST /explain': () => {
        throw new ApiError('POST /explain: version 3 of "predictive-maintenance" cannot be explained: its model has no node covers', 501);
      },
    });
    await userEvent.click(screen.getByRole('button', { name: 'Predict' }));
    const result = await screen.findByRole('region', { name: 'Prediction' });
    const note = await within(result).findByRole('note', { name: 'No explanation' });
    expect(note.textContent).toContain('cannot be explained: its model has no node covers');
    expect(note.textContent).toContain('The prediction above stands.');
    expect(within(result).getByRole('status').textContent).toBe('Decision: failure');
  });
});
