import { readFileSync } from 'node:fs';
import { type Queryable, sql } from '../../platform/db/index.ts';
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
