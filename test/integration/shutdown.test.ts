import { describe, expect, it } from 'vitest';
import { testApp } from '../support/app.ts';

describe('graceful shutdown (SECURITY.md 32)', () => {
  it('finishes a request in flight, then refuses new connections', async () => {
    const t = await testApp({
      kind: 'empty',
      beforeReady: (app) => {
        app.get('/slow', { config: { access: 'public' }, schema: { hide: true } }, async () => {
          await new Promise((r) => setTimeout(r, 500));
          return { done: true };
        });
      },
    });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const address = t.app.server.address();
    const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const inFlight = fetch(`${url}/slow`);
    await new Promise((r) => setTimeout(r, 100));
    const closing = t.app.close();
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ done: true });
    await closing;
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
    await t.database.close();
  });
});
