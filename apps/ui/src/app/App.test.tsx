import { screen } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { createFakeApi, healthyRoutes, unreachable } from '../test-support/fake-api.ts';
import { renderWithServices } from '../test-support/render-with-services.tsx';
import { App } from './App.tsx';

afterEach(() => {
  window.location.hash = '';
});

describe('App', () => {
  it('shows a clear banner with a retry when the API is down, and the form once it is back', async () => {
    const routes = healthyRoutes();
    const api = createFakeApi({ ...routes, 'GET /models': () => unreachable('GET /models') });
    renderWithServices(<App />, api);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The inference API is unavailable');
    expect(alert.textContent).toContain('GET /models: the inference API at http://api.test is unreachable');
    screen.getByRole('navigation', { name: 'Sections' });

    api.routes['GET /models'] = routes['GET /models'];
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    await screen.findByRole('form', { name: 'Prediction inputs' });
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it("says no model is serving, with the API's reason, instead of an empty form", async () => {
    const api = createFakeApi({ ...healthyRoutes(), 'GET /models': { name: 'pm', champion: null, challenger: null, challengerMode: 'off', problems: ['champion: alias "champion" of "pm" is not set'] } });
    renderWithServices(<App />, api);
    expect((await screen.findByRole('alert')).textContent).toContain('No model is serving yet');
    expect(screen.getByRole('alert').textContent).toContain('alias "champion" of "pm" is not set');
    expect(screen.queryByRole('form')).toBeNull();
  });

  it('navigates between sections with links, marking the current one', async () => {
    const api = createFakeApi({ ...healthyRoutes(), 'GET /registry/versions': { name: 'pm', versions: [] } });
    renderWithServices(<App />, api);
    await screen.findByRole('form', { name: 'Prediction inputs' });
    expect(screen.getByRole('link', { name: 'Predict' }).getAttribute('aria-current')).toBe('page');
    await userEvent.click(screen.getByRole('link', { name: 'Batch' }));
    await screen.findByRole('heading', { name: 'Batch scoring' });
    expect(screen.getByRole('link', { name: 'Batch' }).getAttribute('aria-current')).toBe('page');
    await userEvent.click(screen.getByRole('link', { name: 'Models' }));
    await screen.findByRole('heading', { name: 'Models' });
  });

  it('shows configuration problems without blanking the page', async () => {
    renderWithServices(<App configProblems={['config.json apiUrl: must be an http(s) URL, got "x"']} />, createFakeApi(healthyRoutes()));
    expect((await screen.findByRole('alert')).textContent).toContain("The UI's configuration has problems");
    await screen.findByRole('form', { name: 'Prediction inputs' });
  });
});

describe('App keyboard use', () => {
  it('moves focus to the content when the section changes, and the skip link does not change the section', async () => {
    const api = createFakeApi({ ...healthyRoutes(), 'GET /registry/versions': { name: 'pm', versions: [] } });
    renderWithServices(<App />, api);
    await screen.findByRole('form', { name: 'Prediction inputs' });
    await userEvent.click(screen.getByRole('link', { name: 'Skip to content' }));
    expect(document.activeElement).toBe(screen.getByRole('main'));
    expect(screen.getByRole('link', { name: 'Predict' }).getAttribute('aria-current')).toBe('page');
    await userEvent.click(screen.getByRole('link', { name: 'Models' }));
    await screen.findByRole('heading', { name: 'Models' });
    expect(document.activeElement).toBe(screen.getByRole('main'));
  });
});
