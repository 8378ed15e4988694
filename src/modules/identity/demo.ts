import { readFileSync } from 'node:fs';
import type { Role } from '../../platform/auth/index.ts';
import { hashPassword } from '../../platform/crypto/index.ts';
import { type Queryable, sql } from '../../platform/db/index.ts';
import { makeResidentId } from '../../platform/ids/index.ts';
import type { DemoContext } from '../../platform/module.ts';
import type { District, OrganisationType } from './repo.ts';

const seedDir = new URL('../../../seed/xian/', import.meta.url);

interface DistrictFile {
  source: string;
  districts: District[];
}
interface OrganisationFile {
  source: string;
  organisations: {
    type: OrganisationType;
    nameZh: string;
    nameEn: string;
    shortNameZh?: string;
    districtCode?: string;
  }[];
}

const readJson = <T>(name: string): T => JSON.parse(readFileSync(new URL(name, seedDir), 'utf8')) as T;

/** Xi'an's districts and counties with their codes, and demo organisations of every type. */
export async function seedIdentityDemo(tx: Queryable): Promise<{ districts: number; organisations: number }> {
  const { source, districts } = readJson<DistrictFile>('districts.json');
  await tx.query(
    sql`insert into district (code, name_zh, name_en, kind, source) values ${sql.join(
      districts.map((d) => sql`(${d.code}, ${d.nameZh}, ${d.nameEn}, ${d.kind}, ${source})`),
      ', ',
    )} on conflict (code) do nothing`,
  );
  const { organisations } = readJson<OrganisationFile>('demo-organisations.json');
  await tx.query(
    sql`insert into organisation (type, name_zh, name_en, short_name_zh, district_code, is_demo) values ${sql.join(
      organisations.map(
        (o) =>
          sql`(${o.type}, ${o.nameZh}, ${o.nameEn}, ${o.shortNameZh ?? null}, ${o.districtCode ?? null}, true)`,
      ),
      ', ',
    )} on conflict (name_zh) do nothing`,
  );
  return { districts: districts.length, organisations: organisations.length };
}

interface AccountFile {
  staff: {
    username: string;
    displayNameZh: string;
    role: Role;
    organisation?: string;
    organisationShortName?: string;
  }[];
  residents: {
    username: string;
    displayNameZh: string;
    districtCode: string;
    birthDate: string;
    sequence: string;
    phone: string;
  }[];
}

/**
 * One demo account per role (demo mode only; SECURITY.md 5), all with the
 * demo password. Residents get a demo ID number that passes the checksum.
 */
export async function seedDemoAccounts(
  tx: Queryable,
  { demoPassword, keyring }: DemoContext,
): Promise<{ accounts: number }> {
  const { staff, residents } = readJson<AccountFile>('demo-accounts.json');
  let created = 0;
  for (const account of staff) {
    const [organisation] = await tx.query<{ id: string }>(
      account.organisation !== undefined
        ? sql`select id from organisation where name_zh = ${account.organisation}`
        : sql`select id from organisation where short_name_zh = ${account.organisationShortName ?? ''}`,
    );
    if (!organisation) throw new Error(`demo account ${account.username}: organisation not found`);
    const [user] = await tx.query<{ id: string }>(
      sql`insert into app_user (kind, username, display_name, password_hash, password_changed_at, is_demo)
          values ('staff', ${account.username}, ${account.displayNameZh}, ${await hashPassword(demoPassword)}, now(), true)
          on conflict (username) do nothing returning id`,
    );
    if (!user) continue;
    await tx.query(
      sql`insert into role_grant (user_id, role, organisation_id) values (${user.id}, ${account.role}, ${organisation.id})`,
    );
    created++;
  }
  for (const resident of residents) {
    const residentId = makeResidentId(resident.districtCode, resident.birthDate, resident.sequence);
    const [user] = await tx.query<{ id: string }>(
      sql`insert into app_user (kind, username, display_name, password_hash, password_changed_at,
            phone_sealed, phone_hash, resident_id_sealed, resident_id_hash, district_code, is_demo)
          values ('resident', ${resident.username}, ${resident.displayNameZh}, ${await hashPassword(demoPassword)}, now(),
            ${keyring.seal(resident.phone)}, ${keyring.lookupHash('phone', resident.phone)},
            ${keyring.seal(residentId)}, ${keyring.lookupHash('resident-id', residentId)},
            ${resident.districtCode}, true)
          on conflict (username) do nothing returning id`,
    );
    if (!user) continue;
    await tx.query(sql`insert into role_grant (user_id, role) values (${user.id}, 'resident')`);
    created++;
  }
  return { accounts: created };
}
