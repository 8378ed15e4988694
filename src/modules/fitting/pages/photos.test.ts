import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInVisitor, type TestApp, testApp, type Visitor } from '../../../../test/support/app.ts';
import { sql } from '../../../platform/db/index.ts';

let t: TestApp;
let supplier: Visitor;
let caseId = '';
let ownerUsername: string | null = null;

// The smallest PNG: signature, IHDR (1×1, grey), IDAT, IEND.
const png = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010800000000' +
    '3a7e9b550000000a49444154789c6360000000020001e221bc330000000049454e44ae426082',
  'hex',
);

beforeAll(async () => {
  t = await testApp();
  supplier = await signedInVisitor(t.app, 'demo-supplier');
  const [fitting] = await t.database.db.query<{ id: string; owner: string | null }>(
    sql`select c.id, (select u.username from person p join app_user u on u.id = p.user_id where p.id = c.person_id) as owner
        from fitting_case c
        where c.status = 'fitting' and c.supplier_organisation_id =
          (select g.organisation_id from role_grant g join app_user u on u.id = g.user_id where u.username = 'demo-supplier')
        order by c.created_at limit 1`,
  );
  if (!fitting) throw new Error('the demo has no case being fitted by demo-supplier');
  caseId = fitting.id;
  ownerUsername = fitting.owner;
});
afterAll(async () => t.close());

describe('photos of the fitting', () => {
  it('lets the supplier add a photo while fitting, sealed at rest, shown to the case’s readers and audited', async () => {
    const page = `/applications/${caseId}`;
    const sent = await supplier.upload(page, `${page}/photos`, {
      name: 'fitting.png',
      content: png,
      type: 'image/png',
    });
    expect(sent.statusCode).toBe(303);
    expect(sent.headers.location).toBe(`${page}?done=photo#photos-heading`);
    const shown = await supplier.get(`${page}?done=photo`);
    expect(shown.body).toContain('照片已上传');
    const link = new RegExp(`href="(${page}/photos/[0-9a-f-]{36})"`).exec(shown.body)?.[1];
    expect(link).toBeDefined();
    const photo = await supplier.get(link as string);
    expect(photo.statusCode).toBe(200);
    expect(photo.headers['content-type']).toBe('image/png');
    expect(photo.rawPayload.equals(png)).toBe(true);
    const stored = JSON.stringify(
      await t.database.db.query(sql`select * from delivery_photo where case_id = ${caseId}`),
    );
    expect(stored).not.toContain(png.toString('base64').slice(0, 16));
    const audited = await t.database.db.query<{ action: string }>(
      sql`select action from audit_event where object_id = ${caseId} and action like 'case.photo_%' order by seq`,
    );
    expect(audited.map((a) => a.action)).toEqual(['case.photo_add', 'case.photo_read']);
    if (ownerUsername !== null) {
      const owner = await signedInVisitor(t.app, ownerUsername);
      expect((await owner.get(link as string)).statusCode).toBe(200);
    }
    const stranger = await signedInVisitor(
      t.app,
      ownerUsername === 'demo-resident' ? 'demo-resident-2' : 'demo-resident',
    );
    expect((await stranger.get(link as string)).statusCode).toBe(404);
  });

  it('refuses a file that is not a JPEG or PNG, whatever its name, and no file at all', async () => {
    const page = `/applications/${caseId}`;
    const fake = await supplier.upload(page, `${page}/photos`, {
      name: 'photo.png',
      content: Buffer.from('<html><script>alert(1)</script></html>'),
      type: 'image/png',
    });
    expect(fake.statusCode).toBe(400);
    expect(fake.body).toContain('请上传 JPEG 或 PNG 格式的照片');
    expect(fake.body).toContain('href="#photo"');
    const none = await supplier.upload(page, `${page}/photos`, { name: '', content: Buffer.alloc(0) });
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain('请选择一张照片');
  });

  it('takes photos only from the supplier fitting the case', async () => {
    const page = `/applications/${caseId}`;
    const worker = await signedInVisitor(t.app, 'demo-city-admin');
    const tried = await worker.upload(page, `${page}/photos`, {
      name: 'x.png',
      content: png,
      type: 'image/png',
    });
    expect(tried.statusCode).toBe(409);
    const [count] = await t.database.db.query<{ n: number }>(
      sql`select count(*)::int as n from delivery_photo where case_id = ${caseId}`,
    );
    expect(count?.n).toBe(1);
  });
});
