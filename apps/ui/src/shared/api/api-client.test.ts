import { describe, expect, it } from 'vitest';
import { ApiError, createApiClient } from './api-client.ts';

describe('createApiClient', () => {
  it('sends JSON with the admin token in X-Admin-Token, leaving Authorization to the ingress basic auth', async () => {
    let seen: Request | undefined;
    const api = createApiClient({
      baseUrl: 'http://api.test/',
      fetcher: async (input, init) => {
        seen = new Request(input as string, init);
        return Response.json({ ok: true });
      },
    });
    expect(await api.postJson('/registry/aliases/champion', { version: '2' }, { adminToken: 'secret' })).toEqual({ ok: true });
    expect(seen?.url).toBe('http://api.test/registry/aliases/champion');
    expect(seen?.headers.get('x-admin-token')).toBe('secret');
    expect(seen?.headers.get('authorization')).toBeNull();
    expect(await seen?.json()).toEqual({ version: '2' });
  });

  it("reports the API's error line and field errors", async () => {
    const api = createApiClient({
      baseUrl: 'http://api.test',
      fetcher: async () => Response.json({ error: 'torqueNm: must be a number, got string', errors: [{ field: 'torqueNm', reason: 'must be a number, got string' }] }, { status: 400 }),
    });
    const error = (await api.postJson('/predict', {}).catch((caught: unknown) => caught)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.message).toBe('POST /predict: torqueNm: must be a number, got string');
    expect(error.status).toBe(400);
    expect(error.fieldErrors).toEqual([{ field: 'torqueNm', reason: 'must be a number, got string' }]);
    expect(error.isUnavailable).toBe(false);
  });

  it('says the API is unreachable, naming it, when the network fails', async () => {
    const api = createApiClient({ baseUrl: 'http://api.test', fetcher: async () => Promise.reject(new TypeError('Failed to fetch')) });
    const error = (await api.getJson('/models').catch((caught: unknown) => caught)) as ApiError;
    expect(error.message).toBe('GET /models: the inference API at http://api.test is unreachable (Failed to fetch)');
    expect(error.isUnavailable).toBe(true);
  });

  it('gives up after the timeout', async () => {
    const api = createApiClient({
      baseUrl: 'http://api.test',
      timeoutMs: 50,
      fetcher: (_input, init) => new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')))),
    });
    await expect(api.getJson('/models')).rejects.toThrow(/unreachable \(no answer within 0.05 s\)/);
  });
});
