import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { siblingModule, startWorker } from '../src/index.ts';

describe('siblingModule', () => {
  it('names the TypeScript sibling from sources and the JavaScript one from a bundle', () => {
    expect(siblingModule('file:///app/src/serving/log.ts', 'db-worker').href).toBe('file:///app/src/serving/db-worker.ts');
    expect(siblingModule('file:///app/server.js', 'db-worker').href).toBe('file:///app/db-worker.js');
  });
});

describe('startWorker', () => {
  it('runs a TypeScript entry with its workerData', async () => {
    const worker = startWorker(siblingModule(import.meta.url, 'echo-worker'), { greeting: 'hello' });
    const [message] = (await once(worker, 'message')) as [string];
    await worker.terminate();
    expect(message).toBe('hello, from a TypeScript worker');
  });
});
