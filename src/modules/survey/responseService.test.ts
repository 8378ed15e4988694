import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../test/support/app.ts';
import type { SignedInActor } from '../../platform/auth/index.ts';
import { sql } from '../../platform/db/index.ts';
import { HttpError } from '../../platform/http/index.ts';
import { type Campaign, campaignById } from './campaignRepo.ts';
import { measuresOf } from './domain/measures.ts';
import {
  auditAfter,
  auditHead,
  createCampaign,
  one,
  registeredPerson,
  storedResponse,
  tallyOf,
  userIdOf,
} from './pages/answer/testkit.ts';
import { ResponseProblem, ResponseService } from './responseService.ts';

let t: TestApp;
let service: ResponseService;
let resident: { actor: SignedInActor; sourceAddress: string };
let worker: { actor: SignedInActor; sourceAddress: string };

const actor = (
  userId: string,
  label: string,
  userKind: 'staff' | 'resident',
  role: 'resident' | 'community_worker',
) => ({
  actor: {
    kind: 'user',
    userId,
    label,
    userKind,
    grants: [{ role, organisationId: null, districtCode: '610113' }],
    via: 'session',
    sessionId: null,
    tokenId: null,
  } satisfies SignedInActor,
  sourceAddress: '127.0.0.1',
});

const who = { districtCode: '610113', ageGroup: '45-59', disabilityCategory: 4 } as const;
const wgss = {
  seeing: 'none',
  hearing: 'none',
  walking: 'cannot',
  cognition: 'none',
  self_care: 'some',
  communication: 'none',
};

const campaignOf = async (id: string): Promise<Campaign> => {
  const campaign = await campaignById(t.database.db, id);
  if (campaign === null) throw new Error('no campaign');
  return campaign;
};

const problemOf = async (work: Promise<unknown>): Promise<string> => {
  try {
    await work;
  } catch (error) {
    if (error instanceof ResponseProblem) return error.code;
    if (error instanceof HttpError) return String(error.statusCode);
    throw error;
  }
  return 'none';
};

beforeAll(async () => {
  t = await testApp();
  service = new ResponseService({ db: t.database.db, keyring: t.keyring });
  resident = actor(await userIdOf(t, 'demo-resident'), 'demo-resident', 'resident', 'resident');
  worker = actor(
    await userIdOf(t, 'demo-community-worker'),
    'demo-community-worker',
    'staff',
    'community_worker',
  );
});
afterAll(async () => {
  await t.close();
});

describe('starting', () => {
  it('makes one response of two starts at once, with one audit row', async () => {
    const campaign = await campaignOf(await createCampaign(t));
    const seq = await auditHead(t);
    const [a, b] = await Promise.all([
      service.startOwn(resident, campaign, who, null),
      service.startOwn(resident, campaign, who, null),
    ]);
    expect(a.response.id).toBe(b.response.id);
    expect([a.created, b.created].sort()).toEqual([false, true]);
    expect(await auditAfter(t, seq)).toEqual(['survey.response_start:success']);
    expect(service.answersOf(a.response)).toEqual({});
  });

  it('refuses a closed campaign, a group it does not target, staff for themselves and a worker elsewhere', async () => {
    const closed = await campaignOf(await createCampaign(t, { status: 'closed' }));
    expect(await problemOf(service.startOwn(resident, closed, who, null))).toBe('closed');
    const hearingOnly = await campaignOf(await createCampaign(t, { categories: [2] }));
    expect(await problemOf(service.startOwn(resident, hearingOnly, who, null))).toBe('notTargeted');
    const open = await campaignOf(await createCampaign(t));
    expect(await problemOf(service.startOwn(worker, open, who, null))).toBe('404');
    expect(await problemOf(service.startAnonymous(worker, open, { ...who, districtCode: '610112' }))).toBe(
      '404',
    );
    const elsewhere = await registeredPerson(t, { district: '610112' });
    expect(
      await problemOf(service.startProxy(worker, open, elsewhere, { ...who, districtCode: '610112' })),
    ).toBe('404');
    expect(await problemOf(service.startAnonymous(resident, open, who))).toBe('404');
  });

  it('lets a resident resume what a worker started for them', async () => {
    const campaign = await campaignOf(await createCampaign(t));
    const person = await one<{ id: string }>(
      t.database.db,
      sql`select id from person where user_id = ${resident.actor.userId}::uuid`,
    );
    const proxy = await service.startProxy(
      worker,
      campaign,
      { id: person.id, userId: resident.actor.userId },
      who,
    );
    expect(proxy.created).toBe(true);
    const own = await service.startOwn(resident, campaign, who, person.id);
    expect(own).toMatchObject({ created: false, response: { id: proxy.response.id, mode: 'proxy' } });
  });
});

describe('saving and submitting', () => {
  it('keeps only the section’s own answers, and drops what no longer applies', async () => {
    const campaign = await campaignOf(await createCampaign(t));
    const { response } = await service.startOwn(resident, campaign, who, null);
    await service.saveSection(
      resident,
      response.id,
      1,
      { products_used: ['apl01'], source: 'shop', wgss },
      2,
    );
    expect((await storedResponse(t, response.id)).answers).toEqual({
      products_used: ['apl01'],
      source: 'shop',
    });
    await service.saveSection(resident, response.id, 2, { satisfaction: { product: 's4' } }, 3);
    await service.saveSection(resident, response.id, 1, { products_needed: ['apl02'] }, 3);
    const stored = await storedResponse(t, response.id);
    expect(stored.answers).toEqual({ products_needed: ['apl02'] });
    expect(stored.resume_section).toBe(3);
    expect(await problemOf(service.saveSection(worker, response.id, 0, { wgss }, 1))).toBe('none');
  });

  it('submits once when sent twice at once, counting the response into the tallies once', async () => {
    const campaign = await campaignOf(await createCampaign(t));
    const { response } = await service.startOwn(resident, campaign, who, null);
    expect(await problemOf(service.submit(resident, response.id))).toBe('missing');
    await service.saveSection(resident, response.id, 0, { wgss }, 1);
    await service.saveSection(
      resident,
      response.id,
      1,
      { products_needed: ['apl04'], barriers: ['cost'] },
      3,
    );
    const outcomes = await Promise.all([
      service.submit(resident, response.id),
      service.submit(resident, response.id),
    ]);
    expect(outcomes.sort()).toEqual(['already', 'submitted']);
    const stored = await storedResponse(t, response.id);
    expect(await tallyOf(t, campaign.id)).toEqual(
      Object.fromEntries(measuresOf(stored.answers).map((m) => [m, 1])),
    );
    const cell = await one<{ district_code: string; age_group: string; disability_category: number }>(
      t.database.db,
      sql`select district_code, age_group, disability_category from survey_tally
          where campaign_id = ${campaign.id}::uuid and measure = 'respondents'`,
    );
    expect(cell).toEqual({ district_code: '610113', age_group: '45-59', disability_category: 4 });
    expect(await problemOf(service.saveSection(resident, response.id, 0, { wgss }, 1))).toBe('submitted');
  });

  it('refuses changes once the campaign has ended', async () => {
    const campaign = await campaignOf(await createCampaign(t));
    const { response } = await service.startOwn(resident, campaign, who, null);
    const later = new ResponseService({
      db: t.database.db,
      keyring: t.keyring,
      now: () => new Date(Date.now() + 90 * 86_400_000),
    });
    expect(await problemOf(later.saveSection(resident, response.id, 0, { wgss }, 1))).toBe('closed');
    expect(await problemOf(later.submit(resident, response.id))).toBe('closed');
  });

  it('keeps other people out of a response', async () => {
    const campaign = await campaignOf(await createCampaign(t));
    const { response } = await service.startOwn(resident, campaign, who, null);
    const other = actor(await userIdOf(t, 'demo-resident-2'), 'demo-resident-2', 'resident', 'resident');
    expect(await problemOf(service.saveSection(other, response.id, 0, { wgss }, 1))).toBe('404');
    expect(await problemOf(service.submit(other, response.id))).toBe('404');
  });

  it('enters a paper form submitted and counted, refusing one with a required answer missing', async () => {
    const campaign = await campaignOf(await createCampaign(t));
    expect(await problemOf(service.enterPaper(worker, campaign, who, { products_used: ['apl01'] }))).toBe(
      'missing',
    );
    const seq = await auditHead(t);
    const id = await service.enterPaper(worker, campaign, who, { wgss, source: 'shop' });
    expect(await auditAfter(t, seq)).toEqual(['survey.response_submit:success']);
    expect((await storedResponse(t, id)).answers).toEqual({ wgss });
    expect(await service.paperCountToday(worker, campaign.id)).toBe(1);
    expect((await tallyOf(t, campaign.id)).respondents).toBe(1);
  });
});
