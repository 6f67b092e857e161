import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AliasRefresh, ModelManager } from '../src/model/model-manager.ts';
import { buildApp, localRegistry, tempHome } from '../src/test-support/build-app.ts';
import { holdableAliasReads, type HoldableAliasReads } from '../src/test-support/holdable-alias-reads.ts';
import { fixtureModelName, registerFixtureModel } from '../src/test-support/model-fixture.ts';

// The race of issue 14: a poll reads the champion alias, the alias moves, and a refresh asked for
// after the move must not be answered by that poll. Each test holds the poll's read open (its answer
// already read: the old version) until the route under test has asked the manager for a refresh.
const adminToken = 'a-long-admin-token-from-a-secret';
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface RaceSetup {
  readonly app: FastifyInstance;
  readonly manager: ModelManager;
  readonly reads: HoldableAliasReads;
  readonly first: string;
  readonly second: string;
}

/** Champion `first`, an unaliased `second`, and the app serving `first` with polling off. */
async function setUp(): Promise<RaceSetup> {
  const home = tempHome();
  cleanups.push(() => home.remove());
  const registry = localRegistry(home.dir);
  const first = await registerFixtureModel(registry, { failureProbability: 0.6 });
  const second = await registerFixtureModel(registry, { failureProbability: 0.9, alias: null });
  const reads = holdableAliasReads(registry);
  const app = await buildApp({ home: home.dir, registry: reads.registry, env: { ADMIN_TOKEN: adminToken } });
  cleanups.push(() => app.close());
  return { app, manager: app.serving.manager, reads, first, second };
}

/** Starts a poll whose champion read answers `first` but is held; resolves once it is held. */
async function startHeldPoll({ manager, reads }: RaceSetup): Promise<{ readonly poll: Promise<AliasRefresh[]> }> {
  const held = reads.holdNextRead();
  const poll = manager.refresh();
  await held;
  // Wrapped: an async function returning the promise itself would wait for the held poll.
  return { poll };
}

/** Releases the held read right after the next caller has asked the manager for a refresh. */
function releaseOnNextRefresh({ manager, reads }: RaceSetup): void {
  const refresh = manager.refresh.bind(manager);
  vi.spyOn(manager, 'refresh').mockImplementationOnce(() => {
    const answer = refresh();
    reads.release();
    return answer;
  });
}

describe('POST /registry/aliases/:alias while a poll is running', () => {
  it('answers with the version that serves after the move, not the one the running poll read', async () => {
    const setup = await setUp();
    const { poll } = await startHeldPoll(setup);
    releaseOnNextRefresh(setup);
    const promoted = await setup.app.inject({
      method: 'POST',
      url: '/registry/aliases/champion',
      headers: { 'x-admin-token': adminToken },
      payload: { version: setup.second },
    });
    expect(await poll).toEqual([{ alias: 'champion', version: setup.first, changed: false }]);
    expect(promoted.json()).toMatchObject({ alias: 'champion', version: setup.second, previous: setup.first, serving: setup.second, problems: [] });
    expect(setup.manager.champion?.version).toBe(setup.second);
  });
});

describe('POST /models/reload while a poll is running', () => {
  it('reports the alias as it is after a move the running poll missed', async () => {
    const setup = await setUp();
    const { poll } = await startHeldPoll(setup);
    await setup.reads.registry.setAlias(fixtureModelName, 'champion', setup.second);
    releaseOnNextRefresh(setup);
    const reloaded = await setup.app.inject({ method: 'POST', url: '/models/reload', headers: { 'x-admin-token': adminToken } });
    expect(await poll).toEqual([{ alias: 'champion', version: setup.first, changed: false }]);
    expect(reloaded.json().results).toEqual([{ alias: 'champion', version: setup.second, changed: true }]);
  });
});

describe('ModelManager.refresh while a poll is running', () => {
  it('gives every caller one shared refresh that starts after the running poll', async () => {
    const setup = await setUp();
    const { poll } = await startHeldPoll(setup);
    await setup.reads.registry.setAlias(fixtureModelName, 'champion', setup.second);
    const [one, other] = [setup.manager.refresh(), setup.manager.refresh()];
    setup.reads.release();
    expect(one).toBe(other);
    expect(await poll).toEqual([{ alias: 'champion', version: setup.first, changed: false }]);
    expect(await one).toEqual([{ alias: 'champion', version: setup.second, changed: true }]);
  });
});
