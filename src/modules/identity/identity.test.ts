import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../test/support/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

describe('directory API', () => {
  it("lists Xi'an's 13 districts and counties with their codes", async () => {
    const response = await t.app.inject('/api/v1/districts');
    expect(response.statusCode).toBe(200);
    const { items } = response.json();
    expect(items).toHaveLength(13);
    expect(items.map((d: { code: string }) => d.code)).toEqual([
      '610102',
      '610103',
      '610104',
      '610111',
      '610112',
      '610113',
      '610114',
      '610115',
      '610116',
      '610117',
      '610118',
      '610122',
      '610124',
    ]);
    expect(items).toContainEqual({
      code: '610113',
      nameZh: '雁塔区',
      nameEn: 'Yanta District',
      kind: 'district',
    });
  });

  it('has demo organisations of every type, district federations bound to their district', async () => {
    const { items } = (await t.app.inject('/api/v1/organisations')).json();
    const types = new Set(items.map((o: { type: string }) => o.type));
    expect([...types].sort()).toEqual([
      'city_federation',
      'community',
      'department',
      'district_federation',
      'research',
      'service_centre',
      'supplier',
      'volunteer',
    ]);
    const federations = items.filter((o: { type: string }) => o.type === 'district_federation');
    expect(federations).toHaveLength(13);
    expect(federations.every((o: { districtCode: string | null }) => o.districtCode !== null)).toBe(true);
    const departments = items.filter((o: { type: string }) => o.type === 'department');
    // The plan names 18 responsible units: the city federation and 17 departments.
    expect(departments).toHaveLength(17);
    expect(departments.map((o: { shortNameZh: string }) => o.shortNameZh)).toContain('市民政局');
  });

  it('filters by type and district', async () => {
    const { items } = (
      await t.app.inject('/api/v1/organisations?type=district_federation&district=610112')
    ).json();
    expect(items).toHaveLength(1);
    expect(items[0].nameZh).toBe('西安市未央区残疾人联合会');
  });

  it('refuses a malformed district code with the API error body', async () => {
    const response = await t.app.inject('/api/v1/organisations?district=61011');
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({ error: { code: 'validation_failed', message: expect.any(String) } });
  });
});
