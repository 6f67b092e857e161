import { ai4iContract } from '@millwright/contract';
import { screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { createFakeApi } from '../../../test-support/fake-api.ts';
import { renderWithServices } from '../../../test-support/render-with-services.tsx';
import { ModelsPage } from './ModelsPage.tsx';

const versions = {
  name: 'predictive-maintenance',
  versions: [
    { version: '3', creationTimestamp: Date.UTC(2026, 10, 20, 8), status: 'READY', runId: 'r3', aliases: ['challenger'], tags: {}, metrics: { test_f1: 0.87, test_auroc: 0.98, threshold: 0.45 } },
    { version: '2', creationTimestamp: Date.UTC(2026, 10, 19, 8), status: 'READY', runId: 'r2', aliases: ['champion'], tags: { 'millwright.replaced_champion': '1' }, metrics: { test_f1: 0.85, test_auroc: 0.97, test_precision: 0.9, test_recall: 0.8, threshold: 0.5 }, params: { rows: '20000' } },
    { version: '1', creationTimestamp: Date.UTC(2026, 10, 18, 8), status: 'READY', runId: 'r1', aliases: [], tags: {}, metrics: {} },
  ],
};

function setup() {
  const api = createFakeApi({
    'GET /registry/versions': versions,
    'GET /registry/versions/2/global-importance': {
      version: '2',
      marginSpace: 'log-odds',
      baseValue: -3.1,
      rows: 4000,
      features: [
        { feature: 'torqueNm', meanAbsShap: 1.25 },
        { feature: 'powerW', meanAbsShap: 0.5 },
      ],
    },
    'POST /registry/aliases/champion': (body: unknown) => ({ alias: 'champion', version: (body as { version: string }).version, previous: '2', serving: (body as { version: string }).version, cleared: (body as { version: string }).version === '3' ? ['challenger'] : [], problems: [] }),
  });
  renderWithServices(<ModelsPage adminEnabled contract={ai4iContract(0.5)} />, api);
  return api;
}

describe('ModelsPage', () => {
  it('lists every version with its creation time, aliases, metrics, rows and report link', async () => {
    setup();
    const table = await screen.findByRole('table', { name: 'Registered versions, newest first' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((row) => within(row).getByRole('rowheader').textContent)).toEqual(['3', '2', '1']);
    expect(rows[1]!.textContent).toContain('champion');
    expect(within(rows[1]!).getByRole('time').textContent).toBe('2026-11-19 08:00 UTC');
    expect(rows[1]!.textContent).toContain('0.8500.9700.9000.80020,000');
    expect(within(rows[0]!).getByRole('link', { name: 'Report of version 3' }).getAttribute('href')).toBe('http://api.test/registry/versions/3/report');
  });

  it('compares champion and challenger metric by metric', async () => {
    setup();
    const comparison = await screen.findByRole('table', { name: 'Champion (version 2) against challenger (version 3)' });
    const f1 = within(comparison).getByRole('row', { name: /F1 \(test\)/ });
    expect(f1.textContent).toBe('F1 (test)0.8500.870+0.020');
  });

  it('promotes a version with the admin token only once one is given', async () => {
    const api = setup();
    const promote = await screen.findByRole('button', { name: 'Make champion (version 3)' });
    expect((promote as HTMLButtonElement).disabled).toBe(true);
    await userEvent.type(screen.getByLabelText('Admin token'), 'a-long-admin-token');
    await userEvent.click(promote);
    expect((await screen.findByRole('status')).textContent).toBe(
      'Version 3 is now the champion, replacing version 2. It was the challenger, so the challenger alias was cleared: a version is not compared with itself. The API serves version 3.',
    );
    const call = api.calls.find((c) => c.route === 'POST /registry/aliases/champion')!;
    expect(call.body).toEqual({ version: '3' });
    expect(call.options?.adminToken).toBe('a-long-admin-token');
  });

  it('rolls back to the champion the current one replaced', async () => {
    const api = setup();
    await userEvent.type(await screen.findByLabelText('Admin token'), 'a-long-admin-token');
    await userEvent.click(screen.getByRole('button', { name: 'Roll back to version 1' }));
    expect((await screen.findByRole('status')).textContent).toBe('Rolled back: version 1 is the champion again, replacing version 2. The API serves version 1.');
    expect(api.calls.find((c) => c.route === 'POST /registry/aliases/champion')?.body).toEqual({ version: '1' });
  });

  it("charts every version's history with the champion marked", async () => {
    setup();
    const chart = await screen.findByRole('img', { name: /^Model history/ });
    expect(chart.getAttribute('aria-label')).toBe(
      'Model history: F1, AUROC, precision and recall of versions 1 to 3, with the rows each was trained on; champion: version 2; challenger: version 3',
    );
  });

  it("shows the champion's global importance beside the history, in words and with the contract's labels, and another version's on request", async () => {
    setup();
    const importance = await screen.findByRole('list', { name: 'Global importance of version 2' });
    expect(within(importance).getAllByRole('listitem').map((item) => item.textContent)).toEqual(['Spindle torque (Nm)1.25', 'Mechanical power: torque × rotational speed × 2π / 60, in W0.50']);
    expect(screen.getByRole('region', { name: 'Global importance' }).textContent).toContain('Mean |SHAP| per feature over its 4,000 test rows, in log-odds');
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Version' }), '1');
    expect((await screen.findByText(/^Version 1 has no global explanation/)).textContent).toBe('Version 1 has no global explanation: it was trained before the trainer recorded one.');
  });
});
