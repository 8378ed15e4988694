// What the fitting page tests share: reading forms off pages and posting them as a browser would.
import { expect } from 'vitest';
import type { TestApp, Visitor } from '../../../../test/support/app.ts';
import { type SqlQuery, sql } from '../../../platform/db/index.ts';
import type { FormCommand } from './commandForm.ts';

export const h1Count = (html: string) => html.match(/<h1[\s>]/g)?.length ?? 0;

export const csrfOf = (html: string): string => {
  const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  if (token === undefined) throw new Error('no CSRF token on the page');
  return token;
};

export const rowsOf = <R>(t: TestApp, query: SqlQuery) => t.database.db.query<R>(query);

export async function oneOf<R>(t: TestApp, query: SqlQuery): Promise<R> {
  const [row] = await rowsOf<R>(t, query);
  if (row === undefined) throw new Error(`no row for ${query.text}`);
  return row;
}

/** The organisation a demo account works for. */
export const organisationOf = async (t: TestApp, username: string) =>
  (
    await oneOf<{ organisation_id: string }>(
      t,
      sql`select g.organisation_id from role_grant g join app_user u on u.id = g.user_id
          where u.username = ${username} and g.revoked_at is null and g.organisation_id is not null limit 1`,
    )
  ).organisation_id;

/** The version a command's form on the case page carries, or undefined when the page has no such form. */
export const formVersion = (html: string, caseId: string, command: FormCommand): string | undefined =>
  new RegExp(
    `action="/applications/${caseId}/commands/${command}"[\\s\\S]*?name="version" value="(\\d+)"`,
  ).exec(html)?.[1];

/**
 * Opens the case page, then posts one command's form with the version it
 * shows, as a browser would: pairs may repeat a name, as ticked boxes do.
 */
export async function giveCommand(
  visitor: Visitor,
  caseId: string,
  command: FormCommand,
  fields: readonly [string, string][] = [],
) {
  const page = await visitor.get(`/applications/${caseId}`);
  expect(page.statusCode).toBe(200);
  const version = formVersion(page.body, caseId, command);
  if (version === undefined) throw new Error(`no ${command} form on the case page for this visitor`);
  return visitor.postWithToken(`/applications/${caseId}/commands/${command}`, [
    ...fields,
    ['version', version],
    ['_csrf', csrfOf(page.body)],
  ]);
}

/** Gives a command and checks it went through: 303 back to the case with its success banner. */
export async function done(
  visitor: Visitor,
  caseId: string,
  command: FormCommand,
  fields: readonly [string, string][] = [],
) {
  const response = await giveCommand(visitor, caseId, command, fields);
  if (response.statusCode !== 303) {
    const summary = /<div class="fj-error-summary"[\s\S]*?<\/ul>/.exec(response.body)?.[0] ?? '';
    throw new Error(`${command} answered ${response.statusCode}: ${summary.replace(/<[^>]+>/g, ' ')}`);
  }
  expect(response.headers.location).toBe(`/applications/${caseId}?done=${command}`);
  return response;
}

/** A resident applies for an item through the online form and lands on the new case; its id. */
export async function applyOnline(resident: Visitor, itemCode: string, reason: string): Promise<string> {
  const form = await resident.get('/my/applications/new');
  expect(form.statusCode).toBe(200);
  const key = /name="idempotencyKey" value="([^"]+)"/.exec(form.body)?.[1] as string;
  const response = await resident.postWithToken('/my/applications/new', [
    ['itemCode', itemCode],
    ['usePlaces', 'home'],
    ['usePlaces', 'work'],
    ['suppliedByOtherScheme', 'no'],
    ['reason', reason],
    ['signedBy', 'person'],
    ['idempotencyKey', key],
    ['_csrf', csrfOf(form.body)],
  ]);
  expect(response.statusCode).toBe(303);
  const id = /^\/applications\/([0-9a-f-]{36})\?done=submit$/.exec(response.headers.location as string)?.[1];
  if (id === undefined) throw new Error(`unexpected redirect ${response.headers.location}`);
  return id;
}

/** The reasons a reviewer gives to set aside every condition the page lists as not met. */
export const overridesFor = (html: string): [string, string][] =>
  [...html.matchAll(/name="overrideRule" value="([A-Za-z]+)"/g)].flatMap((m) => [
    ['overrideRule', m[1] as string],
    ['overrideReason', '经核实，予以认定（测试）'],
  ]);

/**
 * An item the application form offers whose admitted products include one
 * of the supplier's, so the supplier's account can take the case on.
 */
export async function itemWithProductOf(t: TestApp, formHtml: string, supplierId: string) {
  const offered = [...formHtml.matchAll(/<option value="(\d{6,10})"/g)].map((m) => m[1] as string);
  const rows = await rowsOf<{ code: string; product_id: string }>(
    t,
    sql`select distinct i.code, sp.product_id from subsidy_item i
        join subsidy_item_product sp on sp.item_id = i.id
        join product p on p.id = sp.product_id
        join policy_catalog c on c.id = i.catalog_id and c.kind = 'subsidy'
        where p.supplier_id = ${supplierId}::uuid and c.status in ('in_force', 'superseded')
        order by i.code, sp.product_id`,
  );
  const found = rows.find((r) => offered.includes(r.code));
  if (found === undefined) throw new Error('no offered item has a product of this supplier');
  return { itemCode: found.code, productId: found.product_id };
}

/** The Beijing day `days` from today, as a form takes a date. */
export const dayFromToday = (days: number) =>
  new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
