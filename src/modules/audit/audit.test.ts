import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInVisitor, type TestApp, testApp, type Visitor } from '../../../test/support/app.ts';
import { sql } from '../../platform/db/index.ts';

let t: TestApp;
let auditor: Visitor;
beforeAll(async () => {
  t = await testApp();
  await signedInVisitor(t.app, 'demo-city-admin');
  await signedInVisitor(t.app, 'demo-volunteer');
  auditor = await signedInVisitor(t.app, 'demo-auditor');
});
afterAll(() => t.close());

const rowsOf = (body: string) => [...body.matchAll(/<tr class="fj-table__row">/g)].length;

describe('the auditor’s search', () => {
  it('lists the trail newest first and records the search itself', async () => {
    const page = await auditor.get('/audit');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('login.success');
    expect(page.body).toContain('demo-city-admin');
    const [last] = await t.database.db.query<{ action: string; actor_label: string }>(
      sql`select action, actor_label from audit_event order by seq desc limit 1`,
    );
    expect(last).toEqual({ action: 'audit.search', actor_label: 'demo-auditor' });
  });

  it('filters by who, action prefix and date', async () => {
    const byActor = await auditor.get('/audit?actor=demo-volunteer');
    expect(byActor.body).toContain('demo-volunteer');
    expect(byActor.body).not.toContain('>demo-city-admin<');
    const byAction = await auditor.get('/audit?action=audit.');
    expect(byAction.body).not.toContain('login.success');
    const future = await auditor.get('/audit?from=2099-01-01');
    expect(rowsOf(future.body)).toBe(0);
  });

  it('explains a date it cannot read, in the error summary', async () => {
    const page = await auditor.get('/audit?from=2026-02-30&to=someday');
    expect(page.body).toContain('fj-error-summary');
    expect(page.body).toContain('href="#from"');
    expect(page.body).toContain('href="#to"');
  });

  it('checks the chain and says when a row was changed', async () => {
    const intact = await auditor.get('/audit/verify');
    expect(intact.body).toMatch(/审计日志完整|audit trail is intact/);
    await t.database.db.transaction(async (tx) => {
      // The append-only trigger stops everyone, so the test steps around it as a superuser would.
      await tx.query(sql`set local session_replication_role = replica`);
      await tx.query(sql`update audit_event set action = 'login.failure' where seq = 1`);
    });
    const broken = await auditor.get('/audit/verify');
    expect(broken.body).toMatch(/第 1 条记录有问题|record 1 is wrong/);
  });

  it('is closed to everyone but the auditor', async () => {
    const admin = await signedInVisitor(t.app, 'demo-sysadmin');
    expect((await admin.get('/audit')).statusCode).toBe(403);
    expect((await admin.get('/audit/verify')).statusCode).toBe(403);
  });
});
