import { ai4iContract, type ModelInput } from '@millwright/contract';
import { screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { createFakeApi } from '../../../test-support/fake-api.ts';
import { renderWithServices } from '../../../test-support/render-with-services.tsx';
import { BatchPage } from './BatchPage.tsx';

const contract = ai4iContract(0.5);
const header = 'machine,type,airTemperatureK,processTemperatureK,rotationalSpeedRpm,torqueNm,toolWearMin';

function setup(batchRows = 1000) {
  const api = createFakeApi({
    'POST /predict/batch': (rows: unknown) => ({
      predictions: (rows as ModelInput[]).map((row) => ({ prediction: Number(row['torqueNm']) > 60 ? 'failure' : 'ok', probability: Number(row['torqueNm']) / 100 })),
      threshold: 0.5,
      model: { name: 'pm', version: '3', alias: 'champion' },
    }),
  });
  renderWithServices(<BatchPage contract={contract} batchRows={batchRows} />, api);
  return api;
}

const upload = (text: string, name = 'rows.csv') => userEvent.upload(screen.getByLabelText('CSV file to score'), new File([text], name, { type: 'text/csv' }));

describe('BatchPage', () => {
  it('scores the good rows, lists the bad ones by line, and offers the results as a download', async () => {
    setup();
    await upload([header, 'm1,L,300,310,1500,70,10', 'm2,H,300,310,1500,forty,10', 'm3,M,300,310,1500,20,10'].join('\n'));
    const results = await screen.findByRole('region', { name: 'Results' });
    expect(results.textContent).toContain('2 rows scored; 1 predicted “failure”');
    const errors = screen.getByRole('region', { name: /1 row with errors/ });
    const row = within(errors).getAllByRole('row')[1]!;
    expect(row.textContent).toBe('3torqueNm: must be a number, got "forty"');
    expect(within(results).getAllByRole('row')).toHaveLength(3);
    expect(screen.getByRole('button', { name: 'Download results as CSV' })).toBeTruthy();
  });

  it('refuses a file with missing columns, naming them', async () => {
    setup();
    await upload('type,airTemperatureK\nL,300\n');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('rows.csv cannot be scored');
    expect(alert.textContent).toContain('missing columns processTemperatureK, rotationalSpeedRpm, torqueNm, toolWearMin');
  });

  it('refuses an empty file', async () => {
    setup();
    await upload('', 'empty.csv');
    expect((await screen.findByRole('alert')).textContent).toContain('the file is empty');
  });

  it('scores 50,000 rows in batches of the API limit with a progress bar, keeping the page usable', async () => {
    const api = setup(1000);
    const lines = Array.from({ length: 50_000 }, (_, index) => `m${index},M,300,310,1500,${index % 80},${index % 200}`);
    await upload([header, ...lines].join('\n'), 'big.csv');
    const bar = await screen.findByRole('progressbar');
    expect(bar.getAttribute('aria-valuemax')).not.toBeNull();
    expect(screen.getByRole('button', { name: 'Cancel' })).toBeTruthy();
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Finished big.csv.'), { timeout: 30_000 });
    const batches = api.calls.filter((call) => call.route === 'POST /predict/batch');
    expect(batches).toHaveLength(50);
    expect(batches.every((call) => (call.body as unknown[]).length === 1000)).toBe(true);
    expect(screen.getByRole('region', { name: 'Results' }).textContent).toContain('50,000 rows scored');
  });
});
