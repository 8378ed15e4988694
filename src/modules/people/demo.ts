import { readFileSync } from 'node:fs';
import type { Keyring } from '../../platform/crypto/index.ts';
import { type Queryable, sql } from '../../platform/db/index.ts';
import {
  type DisabilityCategory,
  type DisabilityGrade,
  disabilityCategories,
  makeResidentId,
  parseResidentId,
} from '../../platform/ids/index.ts';
import { insertConsent } from './consentsRepo.ts';
import { addMonths, beijingDay, type Day } from './domain/dates.ts';
import type { Certificate, PersonDetails } from './domain/person.ts';
import type { CertificateGeneration, EconomicStatus, GuardianRelation } from './domain/vocabulary.ts';
import { insertGuardian } from './guardiansRepo.ts';
import { findByResidentIdHash, insertPerson, residentIdHashKind } from './peopleRepo.ts';

interface DemoPerson {
  readonly name: string;
  readonly districtCode: string;
  /** A fixed day, or a number of years before the seeding year (children stay children). */
  readonly birth: Day | { readonly yearsAgo: number; readonly monthDay: string };
  readonly sequence: string;
  readonly certificate: null | {
    readonly generation: CertificateGeneration;
    readonly category: DisabilityCategory;
    readonly grade: DisabilityGrade;
    /** Months from the seeding day; negative for one that has ended. None: no end date. */
    readonly validForMonths?: number;
    /** Months before the seeding day the grade changed. */
    readonly gradeChangedMonthsAgo?: number;
  };
  readonly localHousehold: boolean;
  readonly economicStatus: EconomicStatus;
  readonly phone?: string;
  readonly street?: string;
  readonly guardian?: {
    readonly name: string;
    readonly relation: GuardianRelation;
    readonly isProxy: boolean;
  };
  readonly fittingConsent: 'person' | 'guardian' | null;
}

const cert = (
  generation: CertificateGeneration,
  category: DisabilityCategory,
  grade: DisabilityGrade,
  more: { validForMonths?: number; gradeChangedMonthsAgo?: number } = {},
) => ({ generation, category, grade, ...more });

/** The children's parents and one spouse act for them; one adult child is a contact only. */
const demoGuardians: Readonly<Record<string, DemoPerson['guardian']>> = {
  丙: { name: '示例家属丙', relation: 'child', isProxy: false },
  己: { name: '示例家属己', relation: 'spouse', isProxy: true },
  子: { name: '示例家长子', relation: 'parent', isProxy: true },
  丑: { name: '示例家长丑', relation: 'parent', isProxy: true },
};

/**
 * The registry's demo people: obviously synthetic names, valid ID numbers
 * built from district, birth date and sequence. The first two are the demo
 * residents' own records (same ID numbers as their accounts, so they bind).
 */
const demoPeople: readonly DemoPerson[] = [
  {
    name: '示例居民（雁塔区）',
    districtCode: '610113',
    birth: '1968-05-12',
    sequence: '031',
    certificate: cert(2, 'physical', 2),
    localHousehold: true,
    economicStatus: 'subsistence',
    phone: '13900000001',
    street: '小寨路街道',
    fittingConsent: 'person',
  },
  {
    name: '示例居民（未央区）',
    districtCode: '610112',
    birth: '1975-09-03',
    sequence: '042',
    certificate: cert(2, 'visual', 1),
    localHousehold: true,
    economicStatus: 'none',
    phone: '13900000002',
    street: '张家堡街道',
    fittingConsent: 'person',
  },
  ...(
    [
      ['甲', '610102', '1955-03-14', '011', cert(2, 'hearing', 3), true, 'lowIncome'],
      ['乙', '610103', '1982-07-21', '022', cert(3, 'speech', 4, { validForMonths: 60 }), true, 'none'],
      ['丙', '610104', '1949-11-02', '035', cert(2, 'physical', 1), true, 'extremePoverty'],
      ['丁', '610111', '1990-01-30', '046', cert(2, 'intellectual', 2), true, 'subsistence'],
      ['戊', '610113', '1971-06-08', '057', cert(3, 'mental', 3, { validForMonths: 48 }), true, 'lowIncome'],
      ['己', '610112', '1963-09-19', '068', cert(2, 'multiple', 1), true, 'subsistence'],
      ['庚', '610114', '1958-12-25', '079', cert(2, 'visual', 4, { validForMonths: -6 }), true, 'none'],
      ['辛', '610115', '1986-04-11', '084', cert(2, 'hearing', 2), false, 'none'],
      [
        '壬',
        '610116',
        '1977-08-16',
        '093',
        cert(3, 'physical', 3, { gradeChangedMonthsAgo: 8 }),
        true,
        'lowIncome',
      ],
      [
        '癸',
        '610117',
        '1966-02-03',
        '102',
        cert(2, 'visual', 2, { gradeChangedMonthsAgo: 20 }),
        true,
        'subsistence',
      ],
      ['子', '610113', { yearsAgo: 7, monthDay: '04-18' }, '113', null, true, 'none'],
      ['丑', '610122', { yearsAgo: 12, monthDay: '10-05' }, '124', null, true, 'subsistence'],
      ['寅', '610118', '1995-05-27', '135', cert(2, 'speech', 3), true, 'none'],
      ['卯', '610124', '1952-07-07', '146', cert(3, 'intellectual', 4), true, 'extremePoverty'],
      ['辰', '610102', '1980-10-10', '157', cert(2, 'mental', 2), false, 'lowIncome'],
      ['巳', '610103', '1969-03-03', '168', cert(2, 'physical', 4), true, 'none'],
      ['午', '610104', '1988-12-12', '179', cert(3, 'hearing', 1), true, 'subsistence'],
      ['未', '610111', '1945-01-20', '182', cert(2, 'physical', 3), true, 'extremePoverty'],
      ['申', '610113', '1973-11-11', '193', cert(2, 'multiple', 2), true, 'lowIncome'],
      ['酉', '610112', '1960-06-06', '204', cert(2, 'visual', 3), true, 'none'],
      ['戌', '610116', '1983-09-09', '215', cert(3, 'speech', 1), true, 'subsistence'],
      ['亥', '610117', '1998-02-14', '226', cert(2, 'intellectual', 1), true, 'none'],
    ] as const
  ).map(
    ([suffix, districtCode, birth, sequence, certificate, localHousehold, economicStatus]): DemoPerson => ({
      name: `示例居民${suffix}`,
      districtCode,
      birth,
      sequence,
      certificate,
      localHousehold,
      economicStatus,
      guardian: demoGuardians[suffix],
      // Two have not (yet) consented to fitting: the pages show that applications need it.
      fittingConsent:
        suffix === '巳' || suffix === '未' ? null : certificate === null ? 'guardian' : 'person',
    }),
  ),
];

const seedDir = new URL('../../../seed/xian/', import.meta.url);
const districtNames = (): Map<string, string> => {
  const file = JSON.parse(readFileSync(new URL('districts.json', seedDir), 'utf8')) as {
    districts: { code: string; nameZh: string }[];
  };
  return new Map(file.districts.map((d) => [d.code, d.nameZh]));
};

function detailsOf(person: DemoPerson, index: number, today: Day, names: Map<string, string>): PersonDetails {
  const birthDate =
    typeof person.birth === 'string'
      ? person.birth
      : `${Number(today.slice(0, 4)) - person.birth.yearsAgo}-${person.birth.monthDay}`;
  const parsed = parseResidentId(makeResidentId(person.districtCode, birthDate, person.sequence));
  if (!parsed.ok) throw new Error(`demo person ${index}: bad resident ID (${parsed.problem})`);
  const residentId = parsed.value;
  const c = person.certificate;
  const certificate: Certificate | null =
    c === null
      ? null
      : {
          generation: c.generation,
          number: `${residentId.number}${disabilityCategories.indexOf(c.category) + 1}${c.grade}`,
          category: c.category,
          grade: c.grade,
          validUntil: c.validForMonths === undefined ? null : addMonths(today, c.validForMonths),
          gradeChangedOn:
            c.gradeChangedMonthsAgo === undefined ? null : addMonths(today, -c.gradeChangedMonthsAgo),
        };
  const number = String(index + 1).padStart(2, '0');
  return {
    residentId,
    name: person.name,
    phone: person.phone ?? `137000010${number}`,
    address: `陕西省西安市${names.get(person.districtCode) ?? ''}示例路${index + 1}号`,
    districtCode: person.districtCode,
    street: person.street ?? '示例街道',
    community: `示例第${index + 1}社区`,
    localHousehold: person.localHousehold,
    certificate,
    economicStatus: person.economicStatus,
    economicStatusSource: person.economicStatus === 'none' ? null : 'civilAffairs',
    economicStatusAsOf: person.economicStatus === 'none' ? null : addMonths(today, -2),
  };
}

/** Seeds the demo people, their guardians and consents; people already there are left alone. */
export async function seedPeople(tx: Queryable, keyring: Keyring, now: Date): Promise<{ people: number }> {
  const today = beijingDay(now);
  const names = districtNames();
  let created = 0;
  for (const [index, person] of demoPeople.entries()) {
    const details = detailsOf(person, index, today, names);
    const hash = keyring.lookupHash(residentIdHashKind, details.residentId.number);
    if ((await findByResidentIdHash(tx, hash)) !== undefined) continue;
    const { id } = await insertPerson(tx, keyring, details, { isDemo: true });
    if (person.guardian) {
      await insertGuardian(tx, keyring, id, {
        ...person.guardian,
        phone: `136000010${String(index + 1).padStart(2, '0')}`,
      });
    }
    if (person.fittingConsent !== null) {
      await insertConsent(tx, id, { purpose: 'fitting', givenBy: person.fittingConsent }, null);
    }
    created++;
  }
  return { people: created };
}

/** The demo people's ids, in a fixed order (district, then birth date): other modules' demo data uses them. */
export async function demoPersonIds(db: Queryable): Promise<string[]> {
  const rows = await db.query<{ id: string }>(
    sql`select id from person where is_demo order by district_code, birth_date, id`,
  );
  return rows.map((row) => row.id);
}
