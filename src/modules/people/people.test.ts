import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../test/support/app.ts';
import { sql } from '../../platform/db/index.ts';
import { makeResidentId } from '../../platform/ids/index.ts';
import { systemContext } from './context.ts';
import { checkPerson, type PersonDetails, type PersonForm } from './domain/person.ts';
import { listProxies } from './guardiansRepo.ts';
import {
  bindAccountToPerson,
  demoPersonIds,
  findPersonByResidentId,
  peopleModule,
  personContact,
  personFacts,
  personLabels,
  personOfUser,
} from './index.ts';
import { findPerson, residentIdHashKind } from './peopleRepo.ts';
import {
  DuplicatePerson,
  editPerson,
  giveConsent,
  registerPerson,
  withdrawPersonConsent,
} from './peopleService.ts';

let t: TestApp;
const now = new Date();
const districtCodes = ['610112', '610113', '610114'];

beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

const one = async <T>(query: ReturnType<typeof sql>) => (await t.database.db.query<T>(query))[0] as T;
const userId = async (username: string) =>
  (await one<{ id: string }>(sql`select id from app_user where username = ${username}`)).id;
const auditCount = async () => (await one<{ n: number }>(sql`select count(*)::int as n from audit_event`)).n;

/** A checked registration for a new synthetic ID number. */
function details(sequence: string, changes: PersonForm = {}): PersonDetails {
  const residentId = makeResidentId('610113', '1980-02-02', sequence);
  const result = checkPerson(
    {
      name: '测试居民',
      residentId,
      districtCode: '610113',
      localHousehold: 'yes',
      certificateGeneration: '2',
      certificateNumber: `${residentId}43`,
      economicStatus: 'none',
      ...changes,
    },
    { now, districtCodes },
  );
  if (!result.ok) throw new Error(`test registration has problems: ${JSON.stringify(result.problems)}`);
  return result.value;
}

describe('the demo registry', () => {
  it('holds 24 synthetic people as the brief describes them', async () => {
    const rows = await t.database.db.query<{
      district_code: string;
      disability_category: string | null;
      disability_grade: number | null;
      economic_status: string;
      local_household: boolean;
      expired: boolean;
      recent_change: boolean;
      child: boolean;
      proxy: boolean;
      consent: boolean;
      is_demo: boolean;
    }>(sql`select p.district_code, p.disability_category, p.disability_grade, p.economic_status, p.local_household,
        p.is_demo, coalesce(p.certificate_valid_until < current_date, false) as expired,
        coalesce(p.grade_changed_on > current_date - interval '3 years', false) as recent_change,
        (p.birth_date > current_date - interval '16 years' and p.certificate_generation is null) as child,
        exists (select 1 from person_guardian g where g.person_id = p.id and g.is_proxy) as proxy,
        exists (select 1 from person_consent c where c.person_id = p.id and c.purpose = 'fitting'
                and c.withdrawn_at is null) as consent
      from person p`);
    expect(rows).toHaveLength(24);
    expect(rows.every((r) => r.is_demo)).toBe(true);
    expect(new Set(rows.map((r) => r.district_code)).size).toBeGreaterThanOrEqual(8);
    expect(new Set(rows.map((r) => r.disability_category).filter((c) => c !== null)).size).toBe(7);
    expect(new Set(rows.map((r) => r.disability_grade).filter((g) => g !== null))).toEqual(
      new Set([1, 2, 3, 4]),
    );
    expect(new Set(rows.map((r) => r.economic_status)).size).toBe(4);
    expect(rows.filter((r) => r.child)).toHaveLength(2);
    expect(rows.filter((r) => !r.local_household)).toHaveLength(2);
    expect(rows.filter((r) => r.expired)).toHaveLength(1);
    expect(rows.filter((r) => r.recent_change)).toHaveLength(2);
    expect(rows.filter((r) => r.proxy)).toHaveLength(3);
    expect(rows.filter((r) => !r.consent)).toHaveLength(2);
    expect(await demoPersonIds(t.database.db)).toHaveLength(24);
  });

  it('binds the demo residents’ accounts to their own records, with the facts fitting needs', async () => {
    const facts = await personOfUser(t.database.db, await userId('demo-resident'));
    expect(facts).toMatchObject({
      districtCode: '610113',
      birthDate: '1968-05-12',
      sex: 'male',
      localHousehold: true,
      economicStatus: 'subsistence',
      fittingConsent: true,
      certificate: { generation: 2, category: 'physical', grade: 2, validUntil: null },
      proxies: [],
    });
    const second = await personOfUser(t.database.db, await userId('demo-resident-2'));
    expect(second).toMatchObject({
      districtCode: '610112',
      birthDate: '1975-09-03',
      sex: 'female',
      economicStatus: 'none',
      certificate: { generation: 2, category: 'visual', grade: 1 },
    });
    expect(await personOfUser(t.database.db, await userId('demo-city-admin'))).toBeNull();
  });

  it('gives masked labels, full contact only through personContact, and proxies by masked name', async () => {
    const ids = await demoPersonIds(t.database.db);
    const labels = await personLabels(t.database.db, ids);
    expect(labels.size).toBe(24);
    for (const label of labels.values()) {
      expect(label.maskedResidentId).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
      expect(label.maskedName).toContain('*');
    }
    const mine = (await personOfUser(t.database.db, await userId('demo-resident')))?.id as string;
    expect(await personContact(t.database.db, t.keyring, mine)).toEqual({
      name: '示例居民（雁塔区）',
      phone: '13900000001',
      address: '陕西省西安市雁塔区示例路1号',
    });
    const withProxy = await t.database.db.query<{ person_id: string }>(
      sql`select person_id from person_guardian where is_proxy`,
    );
    const facts = await personFacts(t.database.db, withProxy[0]?.person_id as string);
    expect(facts?.proxies).toHaveLength(1);
    expect(facts?.proxies[0]?.maskedName).toMatch(/^示\*+.$/);
    expect(await personFacts(t.database.db, '00000000-0000-0000-0000-000000000000')).toBeNull();
  });

  it('keeps no plaintext ID, name, phone or certificate in a raw dump of the tables', async () => {
    const dump = JSON.stringify([
      ...(await t.database.db.query(sql`select * from person`)),
      ...(await t.database.db.query(sql`select * from person_guardian`)),
      ...(await t.database.db.query(sql`select * from person_consent`)),
    ]);
    expect(dump).not.toMatch(/(?<![\dA-Za-z])\d{17}[\dX](?![\dA-Za-z])/);
    expect(dump).not.toMatch(/(?<![\dA-Za-z])1[3-9]\d{9}(?![\dA-Za-z])/);
    expect(dump).not.toContain(makeResidentId('610113', '1968-05-12', '031'));
    expect(dump).not.toContain('示例居民（雁塔区）');
    expect(dump).not.toContain('示例路');
  });

  it('lists every sealed column for key rotation', () => {
    expect(peopleModule.encryptedColumns?.map((c) => `${c.table}.${c.column}`).sort()).toEqual([
      'person.address_sealed',
      'person.certificate_sealed',
      'person.name_sealed',
      'person.phone_sealed',
      'person.resident_id_sealed',
      'person_guardian.name_sealed',
      'person_guardian.phone_sealed',
    ]);
  });
});

describe('registering and changing a person', () => {
  it('registers with one audit row, and refuses the same ID number typed differently', async () => {
    const before = await auditCount();
    const person = await registerPerson(t.database.db, t.keyring, systemContext, details('101'), 'person');
    expect(await auditCount()).toBe(before + 1);
    expect((await personFacts(t.database.db, person.id))?.fittingConsent).toBe(true);
    // The same number with full-width digits is the same person: the check normalises, the hash catches it.
    const typed = makeResidentId('610113', '1980-02-02', '101').replace(/[0-9]/g, (d) =>
      String.fromCharCode(d.charCodeAt(0) + 0xfee0),
    );
    const again = details('101', { residentId: typed });
    const refused = await registerPerson(t.database.db, t.keyring, systemContext, again, null).catch(
      (e) => e,
    );
    expect(refused).toBeInstanceOf(DuplicatePerson);
    expect((refused as DuplicatePerson).existing.id).toBe(person.id);
    expect((refused as DuplicatePerson).maskedResidentId).toMatch(/^610113\*{8}\d{3}[\dX]$/);
    expect(await auditCount()).toBe(before + 1);
  });

  it('catches an ID ending in X typed in lower case', async () => {
    let sequence = 200;
    let withX = makeResidentId('610113', '1980-02-02', String(sequence));
    while (!withX.endsWith('X')) withX = makeResidentId('610113', '1980-02-02', String(++sequence));
    await registerPerson(t.database.db, t.keyring, systemContext, details(String(sequence)), null);
    const lower = details(String(sequence), {
      residentId: withX.toLowerCase(),
      certificateNumber: '',
      certificateGeneration: 'none',
    });
    await expect(registerPerson(t.database.db, t.keyring, systemContext, lower, null)).rejects.toBeInstanceOf(
      DuplicatePerson,
    );
  });

  it('saves an edit made from the current version only (optimistic locking)', async () => {
    const { id } = await registerPerson(t.database.db, t.keyring, systemContext, details('103'), null);
    const first = details('103', {
      economicStatus: 'lowIncome',
      economicStatusSource: 'applicant',
      economicStatusAsOf: '2026-01-01',
    });
    expect(await editPerson(t.database.db, t.keyring, systemContext, id, 1, first)).toBe('saved');
    const before = await auditCount();
    const late = details('103', { street: '迟到的修改' });
    expect(await editPerson(t.database.db, t.keyring, systemContext, id, 1, late)).toBe('stale');
    expect(await auditCount()).toBe(before);
    const saved = await findPerson(t.database.db, t.keyring, id, { reveal: false });
    expect(saved).toMatchObject({ version: 2, economicStatus: 'lowIncome', street: '' });
  });

  it('stops counting consent once withdrawn', async () => {
    const { id } = await registerPerson(t.database.db, t.keyring, systemContext, details('105'), null);
    expect((await personFacts(t.database.db, id))?.fittingConsent).toBe(false);
    const consentId = await giveConsent(t.database.db, systemContext, id, {
      purpose: 'fitting',
      givenBy: 'guardian',
    });
    expect(consentId).not.toBeNull();
    expect(
      await giveConsent(t.database.db, systemContext, id, { purpose: 'fitting', givenBy: 'person' }),
    ).toBeNull();
    expect((await personFacts(t.database.db, id))?.fittingConsent).toBe(true);
    expect(await withdrawPersonConsent(t.database.db, systemContext, id, consentId as string)).toBe(
      'fitting',
    );
    expect(await withdrawPersonConsent(t.database.db, systemContext, id, consentId as string)).toBeNull();
    expect((await personFacts(t.database.db, id))?.fittingConsent).toBe(false);
    expect(await listProxies(t.database.db, id)).toEqual([]);
  });
});

describe('finding a person by a typed ID number', () => {
  it('finds them by the keyed hash however the number was typed, and audits nothing', async () => {
    let sequence = 300;
    let withX = makeResidentId('610113', '1980-02-02', String(sequence));
    while (!withX.endsWith('X')) withX = makeResidentId('610113', '1980-02-02', String(++sequence));
    const person = await registerPerson(
      t.database.db,
      t.keyring,
      systemContext,
      details(String(sequence)),
      null,
    );
    // Full-width digits and a lower-case x, as a Chinese input method may type them.
    const fullWidth = withX
      .toLowerCase()
      .replace(/[0-9x]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    const before = await auditCount();
    expect(await findPersonByResidentId(t.database.db, t.keyring, ` ${fullWidth} `)).toEqual({
      id: person.id,
      districtCode: '610113',
      userId: null,
    });
    expect(await findPersonByResidentId(t.database.db, t.keyring, withX.toLowerCase())).toMatchObject({
      id: person.id,
    });
    expect(await auditCount()).toBe(before);
  });

  it('answers null for a number no one has, and invalid for a wrong check character or no number at all', async () => {
    const nobody = makeResidentId('610113', '1980-02-02', '398');
    expect(await findPersonByResidentId(t.database.db, t.keyring, nobody)).toBeNull();
    const mistyped = `${nobody.slice(0, 17)}${nobody.endsWith('0') ? '1' : '0'}`;
    expect(await findPersonByResidentId(t.database.db, t.keyring, mistyped)).toBe('invalid');
    expect(await findPersonByResidentId(t.database.db, t.keyring, '12345')).toBe('invalid');
    expect(await findPersonByResidentId(t.database.db, t.keyring, '')).toBe('invalid');
  });
});

describe('binding a resident’s account', () => {
  it('binds at registration when an account holds the same ID number', async () => {
    const residentId = makeResidentId('610113', '1980-02-02', '107');
    await t.database.db.query(
      sql`insert into app_user (kind, display_name, resident_id_sealed, resident_id_hash, district_code)
          values ('resident', '绑定测试', ${t.keyring.seal(residentId)},
                  ${t.keyring.lookupHash(residentIdHashKind, residentId)}, '610113')`,
    );
    const person = await registerPerson(t.database.db, t.keyring, systemContext, details('107'), null);
    const account = await one<{ id: string }>(sql`select id from app_user where display_name = '绑定测试'`);
    expect(person.userId).toBe(account.id);
  });

  it('binds at read time when the resident adds their ID number later, once, with one audit row', async () => {
    const person = await registerPerson(t.database.db, t.keyring, systemContext, details('109'), null);
    expect(person.userId).toBeNull();
    const residentId = makeResidentId('610113', '1980-02-02', '109');
    const account = await one<{ id: string }>(
      sql`insert into app_user (kind, display_name, resident_id_sealed, resident_id_hash, district_code)
          values ('resident', '后绑定', ${t.keyring.seal(residentId)},
                  ${t.keyring.lookupHash(residentIdHashKind, residentId)}, '610113') returning id`,
    );
    const before = await auditCount();
    expect((await personOfUser(t.database.db, account.id))?.id).toBe(person.id);
    expect(await auditCount()).toBe(before + 1);
    const [row] = await t.database.db.query<{ action: string; detail: Record<string, unknown> }>(
      sql`select action, detail from audit_event order by seq desc limit 1`,
    );
    expect(row).toMatchObject({ action: 'person.bind', detail: { userId: account.id } });
    // Bound already: nothing more to do, nothing more written.
    expect(await bindAccountToPerson(t.database.db, account.id)).toBeNull();
    expect((await personOfUser(t.database.db, account.id))?.id).toBe(person.id);
    expect(await auditCount()).toBe(before + 1);
  });
});
