import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type TestDatabase, testDatabase, testTarget } from '../../../test/support/db.ts';
import { type Db, openPostgres, readMigrations, type SqlQuery, sql } from '../db/index.ts';
import {
  type AuditEntry,
  AuditEntryError,
  AuditPersonalDataError,
  appendAudit,
  auditHead,
  chainHash,
  chainText,
  checkAuditAnchor,
  recordAudit,
  searchAudit,
  verifyAuditChain,
} from './index.ts';

const entry = (overrides: Partial<AuditEntry> = {}): AuditEntry => ({
  actor: { userId: null, label: 'system', organisationId: null },
  action: 'user.disable',
  object: { type: 'user', id: randomUUID() },
  outcome: 'success',
  sourceAddress: '127.0.0.1',
  detail: { reason: 'left the organisation' },
  ...overrides,
});

/**
 * What an attacker with the database's superuser could do: run a statement
 * with the append-only triggers switched off for this transaction only.
 */
async function tamper(db: Db, ...statements: SqlQuery[]): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.exec('set local session_replication_role = replica');
    for (const statement of statements) await tx.query(statement);
  });
}

/** A forged row with a hash computed the way appendAudit computes it. */
async function forge(db: Db, seq: number, prevHash: string): Promise<void> {
  const occurredAt = new Date().toISOString();
  const row = {
    seq,
    occurredAt,
    actorUserId: null,
    actorLabel: 'mallory',
    actorOrganisationId: null,
    action: 'grant.create',
    objectType: 'role_grant',
    objectId: 'forged',
    outcome: 'success',
    sourceAddress: null,
    detail: {},
    prevHash,
  };
  await tamper(
    db,
    sql`insert into audit_event (seq, occurred_at, actor_label, action, object_type, object_id, outcome,
          detail, prev_hash, hash)
        values (${seq}, ${occurredAt}::timestamptz, ${row.actorLabel}, ${row.action}, ${row.objectType},
          ${row.objectId}, ${row.outcome}, '{}'::jsonb, ${prevHash}, ${chainHash(row)})`,
  );
}

/** Renumbers rows from `seq` on one up, making room for a row at `seq` (no key clash midway). */
const makeRoomAt = (seq: number) => [
  sql`update audit_event set seq = seq + 1000000 where seq >= ${seq}`,
  sql`update audit_event set seq = seq - 999999 where seq >= 1000000`,
];

const hashOf = async (db: Db, seq: number) =>
  (await db.query<{ hash: string }>(sql`select hash from audit_event where seq = ${seq}`))[0]?.hash as string;

describe('audit trail', () => {
  let t: TestDatabase;
  let db: Db;

  beforeAll(async () => {
    t = await testDatabase('empty');
    db = t.db;
  });
  afterAll(() => t.close());

  // Each test starts from an empty trail; only a superuser with the triggers off can do this.
  beforeEach(() => tamper(db, sql`delete from audit_event`));

  const appendFive = async () => {
    for (let i = 0; i < 5; i += 1) await recordAudit(db, entry({ detail: { step: i } }));
  };

  it('hashes the example in docs/audit.md, so the format never drifts from what old rows were hashed with', () => {
    const row = {
      seq: 1,
      occurredAt: '2026-03-01T08:30:00.000Z',
      actorUserId: '3f2b8c1e-4d5a-4b6c-8d7e-9f0a1b2c3d4e',
      actorLabel: 'admin',
      actorOrganisationId: null,
      action: 'user.disable',
      objectType: 'user',
      objectId: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
      outcome: 'success',
      sourceAddress: '192.0.2.10',
      detail: { reason: 'left', count: 2 },
      prevHash: '0'.repeat(64),
    };
    expect(chainText(row)).toBe(
      `["${'0'.repeat(64)}",1,"2026-03-01T08:30:00.000Z","3f2b8c1e-4d5a-4b6c-8d7e-9f0a1b2c3d4e","admin",null,` +
        '"user.disable","user","7c9e6679-7425-40de-944b-e07fc1f90ae7","success","192.0.2.10",{"count":2,"reason":"left"}]',
    );
    // Checked independently with `openssl dgst -sm3`.
    expect(chainHash(row)).toBe('b58a3b1b3ccc68c307f1b00d0b018e079015dbe6fe7b5b036491be1fba0f94ef');
  });

  it('appends linked rows numbered from 1 that verify', async () => {
    const first = await recordAudit(db, entry());
    const second = await db.transaction(async (tx) => {
      await tx.query(sql`select 1`); // stands for the write the row records
      return appendAudit(tx, entry({ action: 'user.enable', detail: { n: 1, ok: true, none: null } }));
    });
    expect(first.seq).toBe(1);
    expect(second.seq).toBe(2);
    expect(first.hash).toMatch(/^[0-9a-f]{64}$/);
    const [row] = await db.query<{ prev_hash: string }>(sql`select prev_hash from audit_event where seq = 2`);
    expect(row?.prev_hash).toBe(first.hash);
    expect(await verifyAuditChain(db)).toEqual({ ok: true, rows: 2, head: second });
    expect(await auditHead(db)).toMatchObject({ seq: 2, hash: second.hash });
  });

  it('starts from 64 zeros and reports an empty trail', async () => {
    expect(await verifyAuditChain(db)).toEqual({ ok: true, rows: 0, head: null });
    expect(await auditHead(db)).toBeNull();
    await recordAudit(db, entry());
    const [row] = await db.query<{ prev_hash: string }>(sql`select prev_hash from audit_event`);
    expect(row?.prev_hash).toBe('0'.repeat(64));
  });

  it('commits the row with the write it records, or neither, and a rollback leaves no gap', async () => {
    await recordAudit(db, entry());
    await expect(
      db.transaction(async (tx) => {
        await appendAudit(tx, entry({ action: 'user.create' }));
        throw new Error('the write failed');
      }),
    ).rejects.toThrow('the write failed');
    const next = await recordAudit(db, entry());
    expect(next.seq).toBe(2);
    expect((await searchAudit(db, { action: 'user.create', page: 1, pageSize: 10 })).total).toBe(0);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true, rows: 2 });
  });

  it('refuses to append outside a transaction', async () => {
    // @ts-expect-error a Db is not a transaction: the type says so, and so does the check at run time
    await expect(appendAudit(db, entry())).rejects.toThrow(/inside a transaction/);
  });

  it('reads back times that serialise as they were hashed, on either engine and in any time zone', async () => {
    const { seq, hash } = await recordAudit(db, entry());
    const [row] = await db.transaction(async (tx) => {
      await tx.exec("set local timezone = 'Asia/Shanghai'");
      return tx.query<{ occurred_at: Date; text: string }>(
        sql`select occurred_at, to_char(occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as text
            from audit_event where seq = ${seq}`,
      );
    });
    expect(row?.occurred_at).toBeInstanceOf(Date);
    expect(row?.occurred_at.toISOString()).toBe(row?.text);
    const [record] = (await searchAudit(db, { page: 1, pageSize: 1 })).items;
    expect(record?.occurredAt.toISOString()).toBe(row?.text);
    // Recomputing the hash from what came back gives the stored hash.
    expect(
      chainHash({
        seq,
        occurredAt: record?.occurredAt.toISOString() as string,
        actorUserId: null,
        actorLabel: 'system',
        actorOrganisationId: null,
        action: 'user.disable',
        objectType: 'user',
        objectId: record?.object?.id ?? null,
        outcome: 'success',
        sourceAddress: '127.0.0.1',
        detail: { reason: 'left the organisation' },
        prevHash: '0'.repeat(64),
      }),
    ).toBe(hash);
    await db.transaction(async (tx) => {
      await tx.exec("set local timezone = 'America/New_York'");
      expect(await verifyAuditChain(tx)).toMatchObject({ ok: true, rows: 1 });
    });
  });

  it('keeps values whose stored form differs from what the caller passed verifiable', async () => {
    const upper = randomUUID().toUpperCase();
    await recordAudit(
      db,
      entry({
        actor: { userId: upper, label: '管理员 (token:7)', organisationId: upper },
        detail: { zero: -0, big: 1e21, small: 0.1, text: '换行\n和 emoji 😀', empty: '', b: false },
      }),
    );
    const [record] = (await searchAudit(db, { page: 1, pageSize: 1 })).items;
    expect(record?.actor.userId).toBe(upper.toLowerCase());
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true, rows: 1 });
  });

  it('serialises concurrent writers into one unbroken chain', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => recordAudit(db, entry({ detail: { writer: i } }))),
    );
    expect(results.map((r) => r.seq).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 20 }, (_, i) => i + 1),
    );
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true, rows: 20, head: { seq: 20 } });
  });

  it.runIf(testTarget() === 'postgres')('serialises writers on separate connection pools', async () => {
    const pools = [openPostgres(t.url as string, { max: 3 }), openPostgres(t.url as string, { max: 3 })];
    try {
      await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          recordAudit(pools[i % 2] as Db, entry({ detail: { writer: i } })),
        ),
      );
    } finally {
      await Promise.all(pools.map((p) => p.close()));
    }
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true, rows: 30 });
  });

  it('reports progress per page while it walks the chain', async () => {
    await appendFive();
    const seen: number[] = [];
    await verifyAuditChain(db, (checked) => seen.push(checked));
    expect(seen).toEqual([5]);
  });

  describe('finds tampering and names the first bad row', () => {
    it('an edited action', async () => {
      await appendFive();
      await tamper(db, sql`update audit_event set action = 'user.enable' where seq = 3`);
      expect(await verifyAuditChain(db)).toEqual({
        ok: false,
        rows: 2,
        firstBadSeq: 3,
        reason: 'row 3: hash does not match its contents (edited)',
      });
    });

    it('an edited detail', async () => {
      await appendFive();
      await tamper(db, sql`update audit_event set detail = '{"step": 9}' where seq = 2`);
      expect(await verifyAuditChain(db)).toMatchObject({ ok: false, firstBadSeq: 2, reason: /\(edited\)$/ });
    });

    it('an edited time, even below a millisecond', async () => {
      await appendFive();
      await tamper(
        db,
        sql`update audit_event set occurred_at = occurred_at + interval '1 microsecond' where seq = 4`,
      );
      expect(await verifyAuditChain(db)).toMatchObject({ ok: false, firstBadSeq: 4, reason: /\(edited\)$/ });
    });

    it('a row inserted with a correct link and the rows after it renumbered', async () => {
      await appendFive();
      await tamper(db, ...makeRoomAt(3));
      await forge(db, 3, await hashOf(db, 2));
      expect(await verifyAuditChain(db)).toEqual({
        ok: false,
        rows: 3,
        firstBadSeq: 3,
        reason: 'row 3 was inserted: row 4 links past it to row 2 (inserted)',
      });
    });

    it('a row inserted with a fresh hash but the wrong previous hash', async () => {
      await appendFive();
      await tamper(db, ...makeRoomAt(3));
      await forge(db, 3, randomBytes(32).toString('hex'));
      expect(await verifyAuditChain(db)).toMatchObject({
        ok: false,
        rows: 2,
        firstBadSeq: 3,
        reason: /^row 3 does not link to row 2: .*row 3 was inserted/,
      });
    });

    it('a deleted row in the middle', async () => {
      await appendFive();
      await tamper(db, sql`delete from audit_event where seq = 3`);
      expect(await verifyAuditChain(db)).toEqual({
        ok: false,
        rows: 2,
        firstBadSeq: 3,
        reason: 'row 3 is missing (deleted)',
      });
    });

    it('deleted rows with the rows after them renumbered', async () => {
      await appendFive();
      await tamper(
        db,
        sql`delete from audit_event where seq in (2, 3)`,
        sql`update audit_event set seq = seq - 2 where seq > 3`,
      );
      expect(await verifyAuditChain(db)).toMatchObject({
        ok: false,
        rows: 1,
        firstBadSeq: 2,
        reason: /^row 2 neither links to row 1 .*deleted/,
      });
    });

    it('a deleted last row: the chain still verifies, the exported head does not', async () => {
      await appendFive();
      const exported = await auditHead(db);
      await tamper(db, sql`delete from audit_event where seq = 5`);
      // The limit docs/audit.md states: a cut tail leaves a shorter, valid chain.
      expect(await verifyAuditChain(db)).toMatchObject({ ok: true, rows: 4 });
      const head = await auditHead(db);
      expect(head?.seq).not.toBe(exported?.seq);
      expect(head?.hash).not.toBe(exported?.hash);
      expect(await checkAuditAnchor(db, exported as { seq: number; hash: string })).toEqual({
        ok: false,
        reason: 'row 5 of the exported head is missing (the trail was cut back)',
      });
    });

    it('a tail rewritten with fresh hashes: only the exported head shows it', async () => {
      await appendFive();
      const exported = (await auditHead(db)) as { seq: number; hash: string };
      expect(await checkAuditAnchor(db, exported)).toEqual({ ok: true });
      await tamper(db, sql`delete from audit_event where seq >= 3`);
      await forge(db, 3, await hashOf(db, 2));
      await forge(db, 4, await hashOf(db, 3));
      await forge(db, 5, await hashOf(db, 4));
      expect(await verifyAuditChain(db)).toMatchObject({ ok: true, rows: 5 });
      expect(await checkAuditAnchor(db, exported)).toMatchObject({ ok: false, reason: /rewritten/ });
    });

    it('pages through long trails without losing its place', async () => {
      // 5001 rows cross the first page boundary; written in one statement to keep the test fast.
      const rows: SqlQuery[] = [];
      let prev = '0'.repeat(64);
      const occurredAt = new Date().toISOString();
      for (let seq = 1; seq <= 5001; seq += 1) {
        const fields = {
          seq,
          occurredAt,
          actorUserId: null,
          actorLabel: 'system',
          actorOrganisationId: null,
          action: seq === 5001 ? 'user.enable' : 'user.disable',
          objectType: null,
          objectId: null,
          outcome: 'success',
          sourceAddress: null,
          detail: {},
          prevHash: prev,
        };
        const hash = chainHash(fields);
        // Row 5001 is stored with an action its hash does not cover.
        rows.push(
          sql`(${seq}, ${occurredAt}::timestamptz, 'system', ${seq === 5001 ? 'user.create' : fields.action}, 'success', ${prev}, ${hash})`,
        );
        prev = hash;
      }
      await db.query(sql`insert into audit_event (seq, occurred_at, actor_label, action, outcome, prev_hash, hash)
        values ${sql.join(rows, ', ')}`);
      const seen: number[] = [];
      expect(await verifyAuditChain(db, (n) => seen.push(n))).toMatchObject({
        ok: false,
        rows: 5000,
        firstBadSeq: 5001,
        reason: 'row 5001: hash does not match its contents (edited)',
      });
      expect(seen).toEqual([5000]);
    });
  });

  describe('append-only', () => {
    beforeEach(appendFive);

    it.each([
      ['UPDATE', sql`update audit_event set action = 'user.enable' where seq = 1`],
      ['DELETE', sql`delete from audit_event where seq = 5`],
      ['TRUNCATE', sql`truncate audit_event`],
    ])('refuses %s, even for the superuser the tests run as', async (operation, statement) => {
      await expect(db.query(statement)).rejects.toThrow(`audit_event is append-only: ${operation} refused`);
      expect(await verifyAuditChain(db)).toMatchObject({ ok: true, rows: 5 });
    });

    it('refuses an update that matches no row', async () => {
      await expect(db.query(sql`update audit_event set action = 'x.y' where false`)).rejects.toThrow(
        /append-only/,
      );
    });

    it('leaves the migrating role without UPDATE, DELETE or TRUNCATE on the table', async () => {
      const grants = await db.query<{ privilege_type: string }>(
        sql`select privilege_type from information_schema.role_table_grants
            where table_name = 'audit_event' and grantee = current_user`,
      );
      const held = grants.map((g) => g.privilege_type);
      expect(held).toEqual(expect.arrayContaining(['SELECT', 'INSERT']));
      expect(held).not.toEqual(expect.arrayContaining(['UPDATE']));
      expect(held.filter((p) => ['UPDATE', 'DELETE', 'TRUNCATE'].includes(p))).toEqual([]);
    });

    it('takes UPDATE, DELETE and TRUNCATE back from roles default privileges gave them to', async () => {
      const script = readMigrations().find((m) => m.id === '0002_audit_trail')?.script as string;
      const role = `fuju_audit_probe_${randomBytes(4).toString('hex')}`;
      const rolledBack = new Error('rolled back on purpose');
      let held: string[] = [];
      // The whole probe (role, schema, migration) is one transaction that is then rolled back.
      await expect(
        db.transaction(async (tx) => {
          await tx.exec(`create role ${role} nologin;
            create schema audit_probe;
            set local search_path = audit_probe;
            alter default privileges in schema audit_probe
              grant select, insert, update, delete, truncate on tables to ${role};`);
          await tx.exec(script);
          const rows = await tx.query<{ privilege: string }>(
            sql`select acl.privilege_type as privilege
                from aclexplode((select relacl from pg_class where oid = 'audit_event'::regclass)) acl
                where acl.grantee = ${role}::regrole`,
          );
          held = rows.map((r) => r.privilege).sort();
          throw rolledBack;
        }),
      ).rejects.toBe(rolledBack);
      expect(held).toEqual(['INSERT', 'SELECT']);
    });

    it.runIf(testTarget() === 'postgres')(
      'lets an application role holding only SELECT and INSERT append but never change a row',
      async () => {
        const role = `fuju_audit_app_${randomBytes(4).toString('hex')}`;
        const [database] = await db.query<{ name: string }>(sql`select current_database() as name`);
        // The set-up docs/audit.md gives for production, on a throwaway role.
        await db.exec(`create role ${role} login;
          grant connect on database ${database?.name} to ${role};
          grant usage on schema public to ${role};
          grant select, insert on audit_event to ${role};`);
        const url = new URL(t.url as string);
        url.username = role;
        const app = openPostgres(url.href, { max: 1 });
        try {
          expect((await recordAudit(app, entry())).seq).toBe(6);
          // Even with the triggers off, which only a superuser may do, the privilege is missing.
          await expect(app.query(sql`update audit_event set action = 'user.enable'`)).rejects.toThrow(
            /permission denied/,
          );
          await expect(app.query(sql`delete from audit_event`)).rejects.toThrow(/permission denied/);
          await expect(
            app.transaction((tx) => tx.exec('set local session_replication_role = replica')),
          ).rejects.toThrow(/permission denied/);
        } finally {
          await app.close();
          await db.exec(`drop owned by ${role}; drop role ${role};`);
        }
        expect(await verifyAuditChain(db)).toMatchObject({ ok: true, rows: 6 });
      },
    );
  });

  describe('personal data guard', () => {
    it.each([
      ['a resident ID number', { detail: { subject: '11010519491231002X' } }],
      ['a resident ID number', { detail: { note: 'checked 110105194912310021 today' } }],
      ['a mobile phone number', { detail: { phone: 13812345678 } }],
      ['a mobile phone number', { detail: { note: 'call 19912345678' } }],
      ['a mobile phone number', { actor: { userId: null, label: '13912345678', organisationId: null } }],
      ['a resident ID number', { object: { type: 'person', id: '610113199001011234' } }],
    ] as const)('refuses %s (%#)', async (what, overrides) => {
      const attempt = recordAudit(db, entry(overrides as Partial<AuditEntry>));
      await expect(attempt).rejects.toThrow(AuditPersonalDataError);
      await expect(attempt).rejects.toThrow(`looks like ${what}`);
      // The value itself never reaches the message, which may be logged.
      await expect(attempt).rejects.not.toThrow(/\d{11}/);
      expect(await auditHead(db)).toBeNull();
    });

    it('lets numbers that only look long through', async () => {
      await recordAudit(
        db,
        entry({ detail: { at: 1767225600000, count: 12345678901234, code: '023-88886666' } }),
      );
      expect(await verifyAuditChain(db)).toMatchObject({ ok: true, rows: 1 });
    });
  });

  it.each([
    ['an action that is not dotted', { action: 'login' }],
    ['an outcome outside the list', { outcome: 'maybe' }],
    [
      'an actor user id that is not a uuid',
      { actor: { userId: '42', label: 'system', organisationId: null } },
    ],
    ['an empty actor label', { actor: { userId: null, label: '', organisationId: null } }],
    ['a nested detail', { detail: { nested: { a: 1 } } }],
    ['a detail number that is not finite', { detail: { n: Number.NaN } }],
    ['a NUL character', { detail: { text: 'a\u0000b' } }],
    ['an unpaired surrogate', { detail: { text: 'a\uD800b' } }],
  ])('refuses %s before writing anything', async (_, overrides) => {
    await expect(recordAudit(db, entry(overrides as unknown as Partial<AuditEntry>))).rejects.toThrow(
      AuditEntryError,
    );
    expect(await auditHead(db)).toBeNull();
  });

  describe('search', () => {
    let between: Date;
    const alice = { userId: randomUUID(), label: 'alice', organisationId: null };
    const bob = { userId: randomUUID(), label: 'bob', organisationId: null };
    const user = { type: 'user', id: '0b7a5d1e-0000-4000-8000-000000000001' };

    beforeEach(async () => {
      await recordAudit(db, entry({ actor: alice, action: 'login.success', object: null }));
      await recordAudit(db, entry({ actor: alice, action: 'user.disable', object: user }));
      await recordAudit(db, entry({ actor: alice, action: 'user.enable', object: user }));
      await recordAudit(db, entry({ actor: bob, action: 'users_report.read', object: null }));
      await new Promise((resolve) => setTimeout(resolve, 5));
      between = new Date();
      await new Promise((resolve) => setTimeout(resolve, 5));
      for (let i = 0; i < 8; i += 1) {
        await recordAudit(
          db,
          entry({ actor: bob, action: 'login.failure', outcome: 'failure', object: null }),
        );
      }
    });

    it('filters by actor, newest first', async () => {
      const { items, total } = await searchAudit(db, { actorLabel: 'alice', page: 1, pageSize: 10 });
      expect(total).toBe(3);
      expect(items.map((r) => r.action)).toEqual(['user.enable', 'user.disable', 'login.success']);
      expect(items[0]).toMatchObject({ seq: 3, actor: alice, object: user, outcome: 'success' });
    });

    it('matches actions by prefix, with LIKE wildcards taken literally', async () => {
      const byPrefix = await searchAudit(db, { action: 'user.', page: 1, pageSize: 10 });
      expect(byPrefix.items.map((r) => r.action)).toEqual(['user.enable', 'user.disable']);
      expect((await searchAudit(db, { action: 'login', page: 1, pageSize: 50 })).total).toBe(9);
      expect((await searchAudit(db, { action: 'user_', page: 1, pageSize: 10 })).total).toBe(0);
      expect((await searchAudit(db, { action: '%', page: 1, pageSize: 10 })).total).toBe(0);
      expect(
        (await searchAudit(db, { action: "'; delete from audit_event; --", page: 1, pageSize: 10 })).total,
      ).toBe(0);
    });

    it('filters by object', async () => {
      const { items } = await searchAudit(db, {
        objectType: 'user',
        objectId: user.id,
        page: 1,
        pageSize: 10,
      });
      expect(items.map((r) => r.seq)).toEqual([3, 2]);
    });

    it('filters by time, from inclusive and to exclusive', async () => {
      expect((await searchAudit(db, { from: between, page: 1, pageSize: 50 })).total).toBe(8);
      expect((await searchAudit(db, { to: between, page: 1, pageSize: 50 })).total).toBe(4);
      const [first] = (await searchAudit(db, { to: between, page: 1, pageSize: 1 })).items;
      const atFirst = await searchAudit(db, { from: first?.occurredAt, to: between, page: 1, pageSize: 50 });
      expect(atFirst.items.map((r) => r.seq)).toContain(4);
    });

    it('combines filters and pages through the results', async () => {
      const filter = { actorLabel: 'bob', action: 'login.', pageSize: 3 };
      const pages = await Promise.all([1, 2, 3, 4].map((page) => searchAudit(db, { ...filter, page })));
      expect(pages.map((p) => p.total)).toEqual([8, 8, 8, 8]);
      expect(pages.map((p) => p.items.map((r) => r.seq))).toEqual([[12, 11, 10], [9, 8, 7], [6, 5], []]);
    });

    it('refuses a page or page size out of range', async () => {
      await expect(searchAudit(db, { page: 0, pageSize: 10 })).rejects.toThrow(RangeError);
      await expect(searchAudit(db, { page: 1, pageSize: 501 })).rejects.toThrow(RangeError);
      await expect(searchAudit(db, { from: new Date('nonsense'), page: 1, pageSize: 1 })).rejects.toThrow(
        RangeError,
      );
    });
  });
});
