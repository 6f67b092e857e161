import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { filesUnder, uiBuildIsStale } from './index.ts';

const root = mkdtempSync(join(tmpdir(), 'mw-ui-build-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('uiBuildIsStale', () => {
  it('is stale without a build, fresh after one, and stale again once a source is newer', () => {
    const source = join(root, 'apps/ui/src/app.tsx');
    mkdirSync(join(root, 'apps/ui/src'), { recursive: true });
    writeFileSync(source, 'x');
    const out = join(root, 'dist');
    expect(uiBuildIsStale(root, out)).toBe(true);
    mkdirSync(join(out, 'assets'), { recursive: true });
    writeFileSync(join(out, 'index.html'), '<html>');
    writeFileSync(join(out, 'assets/a.js'), '');
    const past = new Date(Date.now() - 60_000);
    utimesSync(source, past, past);
    expect(uiBuildIsStale(root, out)).toBe(false);
    const future = new Date(Date.now() + 60_000);
    utimesSync(source, future, future);
    expect(uiBuildIsStale(root, out)).toBe(true);
    expect(filesUnder(out).map((file) => file.slice(out.length)).sort()).toEqual(['/assets/a.js', '/index.html']);
  });
});
