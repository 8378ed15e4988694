// What the research tests share: need topics to cite, accounts of other organisations, forms posted as a browser would.
import { expect } from 'vitest';
import { signedInVisitor, type TestApp, type Visitor } from '../../../test/support/app.ts';
import { type SqlQuery, sql } from '../../platform/db/index.ts';
import { issueToken } from '../identity/index.ts';
import type { GivenCommand } from './domain/commands.ts';

export const h1Count = (html: string) => html.match(/<h1[\s>]/g)?.length ?? 0;

export const csrfOf = (html: string): string => {
  const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  if (token === undefined) throw new Error('no CSRF token on the page');
  return token;
};

export async function oneOf<R>(t: TestApp, query: SqlQuery): Promise<R> {
  const [row] = await t.database.db.query<R>(query);
  if (row === undefined) throw new Error(`no row for ${query.text}`);
  return row;
}

/**
 * Published need topics to cite: the survey demo's when it has seeded them,
 * otherwise three made here (the survey module owns topics; research only reads them).
 */
export async function publishedTopics(t: TestApp): Promise<string[]> {
  const existing = await t.database.db.query<{ id: string }>(
    sql`select id from need_topic where status = 'published' order by title_zh`,
  );
  if (existing.length >= 2) return existing.map((r) => r.id);
  for (const [zh, en] of [
    ['测试主题：出行', 'Test topic: mobility'],
    ['测试主题：导航', 'Test topic: navigation'],
    ['测试主题：听力', 'Test topic: hearing'],
  ])
    await t.database.db.query(
      sql`insert into need_topic (title_zh, title_en, summary_zh, summary_en, status, published_at)
          values (${zh}, ${en}, ${zh}, ${en}, 'published', now())`,
    );
  return publishedTopics(t);
}

/** A need topic still in draft: research may not cite it. */
export async function draftTopic(t: TestApp): Promise<string> {
  return (
    await oneOf<{ id: string }>(
      t,
      sql`insert into need_topic (title_zh, title_en, summary_zh, summary_en, status)
          values ('草稿主题', 'Draft topic', '草稿', 'Draft', 'draft') returning id`,
    )
  ).id;
}

export const organisationNamed = async (t: TestApp, nameZh: string) =>
  (await oneOf<{ id: string }>(t, sql`select id from organisation where name_zh = ${nameZh}`)).id;

/**
 * A researcher of another institute than the demo researcher's, signed in with
 * the demo password: the one who must not see others' proposals.
 */
export async function otherResearcher(t: TestApp, username = 'other-researcher'): Promise<Visitor> {
  const db = t.database.db;
  const [exists] = await db.query<{ id: string }>(sql`select id from app_user where username = ${username}`);
  if (!exists) {
    const user = await oneOf<{ id: string }>(
      t,
      sql`insert into app_user (kind, username, display_name, password_hash)
          select 'staff', ${username}, ${username}, password_hash from app_user where username = 'demo-researcher'
          returning id`,
    );
    await db.query(
      sql`insert into role_grant (user_id, role, organisation_id)
          select ${user.id}, 'researcher', id from organisation
          where type = 'research' and name_zh <> '示例康复工程研究院' order by name_zh limit 1`,
    );
  }
  return signedInVisitor(t.app, username);
}

/** A bearer token for an account, for the API. */
export async function tokenOf(t: TestApp, username: string): Promise<string> {
  const user = await oneOf<{ id: string }>(t, sql`select id from app_user where username = ${username}`);
  const { token } = await issueToken(t.database.db, null, null, {
    userId: user.id,
    label: 'test',
    ttlHours: 1,
  });
  return token;
}

/** The version a command's form on the project page carries, or undefined when the page has no such form. */
export const formVersion = (html: string, projectId: string, command: GivenCommand): string | undefined =>
  new RegExp(
    `action="/research/projects/${projectId}/commands/${command}"[\\s\\S]*?name="version" value="(\\d+)"`,
  ).exec(html)?.[1];

/** Opens the project page, then posts one command's form with the version it shows, as a browser would. */
export async function giveCommand(
  visitor: Visitor,
  projectId: string,
  command: GivenCommand,
  fields: readonly [string, string][] = [],
) {
  const page = await visitor.get(`/research/projects/${projectId}`);
  expect(page.statusCode).toBe(200);
  const version = formVersion(page.body, projectId, command);
  if (version === undefined) throw new Error(`no ${command} form on the project page for this visitor`);
  return visitor.postWithToken(`/research/projects/${projectId}/commands/${command}`, [
    ...fields,
    ['version', version],
    ['_csrf', csrfOf(page.body)],
  ]);
}

/** Gives a command and checks it went through: 303 back to the project with its success banner. */
export async function done(
  visitor: Visitor,
  projectId: string,
  command: GivenCommand,
  fields: readonly [string, string][] = [],
) {
  const response = await giveCommand(visitor, projectId, command, fields);
  if (response.statusCode !== 303) {
    const summary = /<div class="fj-error-summary"[\s\S]*?<\/ul>/.exec(response.body)?.[0] ?? '';
    throw new Error(`${command} answered ${response.statusCode}: ${summary.replace(/<[^>]+>/g, ' ')}`);
  }
  expect(response.headers.location).toBe(`/research/projects/${projectId}?done=${command}`);
  return response;
}

/** The audit actions written after `seq`, in order. */
export const auditSince = async (t: TestApp, seq: number) =>
  (
    await t.database.db.query<{ action: string; outcome: string }>(
      sql`select action, outcome from audit_event where seq > ${seq} order by seq`,
    )
  ).map((r) => `${r.action}:${r.outcome}`);

export const auditHead = async (t: TestApp) =>
  (await oneOf<{ seq: number }>(t, sql`select coalesce(max(seq), 0)::int as seq from audit_event`)).seq;

/** The Beijing day `days` from today, as the forms take a date. */
export const dayFromToday = (days: number) =>
  new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
