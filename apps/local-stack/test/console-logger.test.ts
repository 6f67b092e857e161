import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { consoleLogger } from '../src/console-logger.ts';

describe('consoleLogger', () => {
  it('prints warnings and errors as lines, with the error a request failed with, and keeps info quiet', async () => {
    const lines: string[] = [];
    const app = Fastify({ loggerInstance: consoleLogger((line) => lines.push(line)) });
    app.get('/fails', async () => {
      throw new Error('the model file is unreadable');
    });
    app.log.info('listening');
    app.log.warn('inference log: writing failed, dropping rows until it works again: disk full');
    expect((await app.inject('/fails')).statusCode).toBe(500);
    await app.close();
    expect(lines).toEqual(['inference log: writing failed, dropping rows until it works again: disk full', 'the model file is unreadable']);
  });
});
