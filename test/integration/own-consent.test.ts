import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueToken } from '../../src/modules/identity/index.ts';
import { sql } from '../../src/platform/db/index.ts';
import { signedInVisitor, type TestApp, testApp, type Visitor } from '../support/app.ts';

/**
 * SECURITY.md 20: a resident withdraws their own consent, and the processing
 * it allowed stops — their open cases wait (they may still withdraw them)
 * and no new application is taken.
 */
let t: TestApp;
let resident: Visitor;

beforeAll(async () => {
  t = await testApp();
  resident = await signedInVisitor(t.app, 'demo-resident');
});
afterAll(async () => {
  await t.close();
});

const db = () => t.database.db;

async function liveFittingConsent(username: string): Promise<string | undefined> {
  const [row] = await db().query<{ id: string }>(
    sql`select c.id from person_consent c join person p on p.id = c.person_id join app_user u on u.id = p.user_id
        where u.username = ${username} and c.purpose = 'fitting' and c.withdrawn_at is null`,
  );
  return row?.id;
}

async function api(username: string, method: 'GET' | 'POST', url: string, body?: Record<string, unknown>) {
  const [user] = await db().query<{ id: string }>(sql`select id from app_user where username = ${username}`);
  const { token } = await issueToken(db(), null, null, {
    userId: user?.id as string,
    label: 'test',
    ttlHours: 1,
  });
  const response = await t.app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${token}` },
    ...(body === undefined ? {} : { payload: body }),
  });
  return { status: response.statusCode, body: response.json() as Record<string, unknown> };
}

/** An item of the catalog in force that demo-resident may apply for (as the fitting tests choose it). */
async function itemForDemoResident(): Promise<string> {
  const [row] = await db().query<{ code: string }>(
    sql`select i.code from subsidy_item i
        join policy_catalog c on c.id = i.catalog_id and c.kind = 'subsidy' and c.status = 'in_force'
        where 'physical' = any(i.eligible_categories) and 2 = any(i.eligible_grades)
          and (i.age_max is null or i.age_max >= 58) and (i.age_min is null or i.age_min <= 58)
          and exists (select 1 from subsidy_item_product sp where sp.item_id = i.id)
          and not exists (select 1 from fitting_case f join person pe on pe.id = f.person_id
                          join app_user u on u.id = pe.user_id and u.username = 'demo-resident'
                          where f.item_code = i.code)
        order by i.code limit 1`,
  );
  if (!row) throw new Error('no demo item fits demo-resident');
  return row.code;
}

const application = (itemCode: string) => ({
  itemCode,
  usePlaces: ['home'],
  suppliedByOtherScheme: false,
  reason: '需要',
  signedBy: 'person',
});

describe('withdrawing one’s own consent', () => {
  it('is offered beside each live consent on my record, and explained before it is done', async () => {
    const consentId = await liveFittingConsent('demo-resident');
    expect(consentId).toBeDefined();
    const record = await resident.get('/my/record');
    expect(record.body).toContain(`href="/my/record/consents/${consentId}/withdraw"`);
    const confirm = await resident.get(`/my/record/consents/${consentId}/withdraw`);
    expect(confirm.statusCode).toBe(200);
    expect(confirm.body).toContain('撤回后，您正在办理的辅具适配申请将停止办理');
    expect(confirm.body).toContain(`action="/my/record/consents/${consentId}/withdraw"`);
    // A visitor of its own: the language chosen sticks to the session.
    const english = await signedInVisitor(t.app, 'demo-resident');
    const en = await english.get(`/my/record/consents/${consentId}/withdraw?lang=en`);
    expect(en.body).toContain('your open fitting applications stop');
  });

  it('is refused for anyone else’s consent, and for staff', async () => {
    const consentId = await liveFittingConsent('demo-resident');
    const other = await signedInVisitor(t.app, 'demo-resident-2');
    const path = `/my/record/consents/${consentId}/withdraw`;
    expect((await other.get(path)).statusCode).toBe(404);
    expect((await other.post('/my/record', path, {})).statusCode).toBe(404);
    const worker = await signedInVisitor(t.app, 'demo-community-worker');
    expect((await worker.get(path)).statusCode).toBe(403);
    expect(await liveFittingConsent('demo-resident')).toBe(consentId);
  });

  it('withdraws it, audited, and the fitting stops: no step but withdrawing, no new application', async () => {
    const itemCode = await itemForDemoResident();
    const opened = await api('demo-resident', 'POST', '/api/v1/applications', application(itemCode));
    expect(opened.status).toBe(201);
    const consentId = await liveFittingConsent('demo-resident');
    const path = `/my/record/consents/${consentId}/withdraw`;
    const done = await resident.post(path, path, {});
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe('/my/record?done=ownConsentWithdrawn');
    const [audit] = await db().query<{ action: string }>(
      sql`select action from audit_event order by seq desc limit 1`,
    );
    expect(audit?.action).toBe('person.consent_withdraw');
    expect((await resident.get('/my/record?done=ownConsentWithdrawn')).body).toContain('已撤回您的同意');
    expect(await liveFittingConsent('demo-resident')).toBeUndefined();
    // Once withdrawn, there is nothing left to withdraw.
    expect((await resident.post(path, path, {})).statusCode).toBe(404);

    const caseUrl = `/api/v1/applications/${opened.body.id}`;
    const confirmed = await api('demo-community-worker', 'POST', `${caseUrl}/actions`, {
      command: 'confirmEligibility',
      version: opened.body.version,
    });
    expect(confirmed.status).toBe(400);
    expect(JSON.stringify(confirmed.body)).toContain('consent');
    const waiting = (await api('demo-resident', 'GET', caseUrl)).body;
    expect(waiting.status).toBe('submitted');
    expect(waiting.allowedCommands).toEqual(['withdraw']);
    // The community worker, who acts for the applicant, may withdraw it for them, and nothing else.
    expect((await api('demo-community-worker', 'GET', caseUrl)).body.allowedCommands).toEqual(['withdraw']);

    // The case page says why, in the resident's page and the worker's.
    const page = await resident.get(`/applications/${opened.body.id}`);
    expect(page.body).toContain('申请人已撤回辅具适配的同意');
    expect(page.body).toContain('/commands/withdraw');
    const worker = await signedInVisitor(t.app, 'demo-community-worker');
    const workerPage = await worker.get(`/applications/${opened.body.id}`);
    expect(workerPage.body).toContain('申请人已撤回辅具适配的同意');
    expect(workerPage.body).not.toContain('/commands/confirmEligibility');

    const again = await api('demo-resident', 'POST', '/api/v1/applications', application(itemCode));
    expect(again.status).toBe(400);
    expect(JSON.stringify(again.body)).toContain('consent');

    const withdrawn = await api('demo-resident', 'POST', `${caseUrl}/actions`, {
      command: 'withdraw',
      version: opened.body.version,
      reason: '不再需要',
    });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.status).toBe('withdrawn');
  });
});
