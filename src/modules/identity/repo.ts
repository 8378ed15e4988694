import { type Queryable, sql } from '../../platform/db/index.ts';

export const organisationTypes = [
  'city_federation',
  'district_federation',
  'service_centre',
  'supplier',
  'department',
  'research',
  'volunteer',
  'community',
] as const;
export type OrganisationType = (typeof organisationTypes)[number];

export interface District {
  code: string;
  nameZh: string;
  nameEn: string;
  kind: 'district' | 'county';
}

export interface Organisation {
  id: string;
  type: OrganisationType;
  nameZh: string;
  nameEn: string;
  shortNameZh: string | null;
  districtCode: string | null;
}

export function listDistricts(db: Queryable): Promise<District[]> {
  return db.query<District>(
    sql`select code, name_zh as "nameZh", name_en as "nameEn", kind from district order by code`,
  );
}

export function listOrganisations(
  db: Queryable,
  filter: { type?: OrganisationType | undefined; districtCode?: string | undefined },
): Promise<Organisation[]> {
  return db.query<Organisation>(sql`
    select id, type, name_zh as "nameZh", name_en as "nameEn", short_name_zh as "shortNameZh",
           district_code as "districtCode"
      from organisation
     where (${filter.type ?? null}::text is null or type = ${filter.type ?? null})
       and (${filter.districtCode ?? null}::text is null or district_code = ${filter.districtCode ?? null})
     order by type, district_code nulls first, name_zh`);
}
