import type { Db } from '../../../platform/db/index.ts';
import type { Locale } from '../../../platform/i18n/index.ts';
import { type District, listDistricts, listOrganisations, type Organisation } from '../../identity/index.ts';

/** How long district names are kept: they change by decision of the city, a few times a decade. */
const districtsTtlMs = 60_000;

/**
 * The districts' names for the work queue, read at most once a minute: the
 * queue is one list query, one count query and one labels query per page.
 */
export function districtNames(db: Db): (locale: Locale) => Promise<(code: string) => string> {
  let cached: { at: number; districts: Promise<District[]> } | undefined;
  return async (locale) => {
    const now = Date.now();
    if (cached === undefined || now - cached.at > districtsTtlMs) {
      const districts = listDistricts(db);
      cached = { at: now, districts };
      // A failed read is not kept: the next page asks again.
      districts.catch(() => {
        cached = undefined;
      });
    }
    const byCode = new Map((await cached.districts).map((d) => [d.code, d]));
    return (code) => {
      const d = byCode.get(code);
      return d === undefined ? code : locale === 'zh-CN' ? d.nameZh : d.nameEn;
    };
  };
}

/** Whom a person contacts about their case: the federation of the district that holds it. */
export function districtFederations(db: Db, districtCode: string): Promise<Organisation[]> {
  return listOrganisations(db, { type: 'district_federation', districtCode });
}
