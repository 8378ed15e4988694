import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInVisitor, type TestApp, testApp, type Visitor } from '../../../../test/support/app.ts';
import { sql } from '../../../platform/db/index.ts';

let t: TestApp;
let worker: Visitor;
let residentId = '';
beforeAll(async () => {
  t = await testApp();
  worker = await signedInVisitor(t.app, 'demo-community-worker');
  const [row] = await t.database.db.query<{ id: string }>(
    sql`select id from app_user where username = 'demo-resident'`,
  );
  residentId = row?.id as string;
});
afterAll(() => t.close());

const lastAudit = async () =>
  (
    await t.database.db.query<{ action: string; detail: Record<string, unknown> }>(
      sql`select action, detail from audit_event order by seq desc limit 1`,
    )
  )[0];

describe('residents, as staff see them', () => {
  it('lists residents of the worker’s district only, masked, and audits the read', async () => {
    const page = await worker.get('/staff/residents');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('139****0001');
    expect(page.body).not.toContain('139****0002');
    expect(page.body).not.toMatch(/1[3-9]\d{9}/);
    expect(await lastAudit()).toMatchObject({ action: 'resident.list', detail: { shown: 1 } });
  });

  it('finds a resident by a whole phone or ID number through its keyed hash, without echoing it', async () => {
    const byPhone = await worker.get('/staff/residents?q=13900000001');
    expect(byPhone.body).toContain('139****0001');
    expect(byPhone.body).not.toContain('13900000001');
    const other = await worker.get('/staff/residents?q=13900000002');
    expect(other.body).not.toContain('139****0002');
    const bad = await worker.get('/staff/residents?q=12345');
    expect(bad.body).toContain('href="#q"');
  });

  it('reveals in full only with a reason, records it, and refuses a note holding a long number', async () => {
    const detail = await worker.get(`/staff/residents/${residentId}`);
    expect(detail.body).toContain('610113********');
    expect(await lastAudit()).toMatchObject({ action: 'resident.read' });
    const noReason = await worker.post(
      `/staff/residents/${residentId}`,
      `/staff/residents/${residentId}/reveal`,
      {},
    );
    expect(noReason.statusCode).toBe(400);
    const numberInNote = await worker.post(
      `/staff/residents/${residentId}`,
      `/staff/residents/${residentId}/reveal`,
      {
        reason: 'other',
        note: 'call 13900000001',
      },
    );
    expect(numberInNote.statusCode).toBe(400);
    expect(numberInNote.body).not.toContain('13900000001');
    const revealed = await worker.post(
      `/staff/residents/${residentId}`,
      `/staff/residents/${residentId}/reveal`,
      {
        reason: 'request',
        note: '居民来电核对',
      },
    );
    expect(revealed.statusCode).toBe(200);
    expect(revealed.body).toContain('13900000001');
    expect(revealed.body).toMatch(/610113\d{8}\d{3}[\dX]/);
    expect(await lastAudit()).toMatchObject({
      action: 'resident.reveal',
      detail: { reason: 'request', note: '居民来电核对' },
    });
  });

  it('refuses a field it does not know on the reveal form (SECURITY.md 8)', async () => {
    const response = await worker.post(
      `/staff/residents/${residentId}`,
      `/staff/residents/${residentId}/reveal`,
      {
        reason: 'case',
        districtCode: '610112',
      },
    );
    expect(response.statusCode).toBe(400);
  });
});
