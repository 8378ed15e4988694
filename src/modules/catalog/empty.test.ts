import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../test/support/app.ts';

/** A new deployment: no classification imported yet, no products. Every public page still answers. */
let t: TestApp;
beforeAll(async () => {
  t = await testApp({ kind: 'empty' });
});
afterAll(async () => {
  await t?.close();
});

describe('an empty catalog', () => {
  it.each([
    '/products',
    '/products?q=%E8%BD%AE%E6%A4%85',
    '/products?iso=12',
    '/products/compare?id=00000000-0000-4000-8000-000000000000',
    '/api/v1/products?q=lunyi',
    '/api/v1/classifications',
    '/api/v1/open-data/products.json',
  ])('answers %s', async (url) => {
    const response = await t.app.inject({ url });
    expect(response.statusCode, response.body.slice(0, 300)).toBe(200);
  });

  it('has no edition to give yet', async () => {
    expect((await t.app.inject({ url: '/api/v1/classifications/2025' })).statusCode).toBe(404);
    expect(JSON.parse((await t.app.inject({ url: '/api/v1/open-data/products.json' })).body)).toEqual([]);
  });
});
