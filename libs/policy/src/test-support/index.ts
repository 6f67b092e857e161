export { fixturesDir, fixturePath, hasFixture, loadFixture } from './fixtures.ts';
