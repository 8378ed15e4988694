import { readFileSync } from 'node:fs';
import {
  type DisabilityCategory,
  type DisabilityGrade,
  disabilityCategories,
} from '../../platform/ids/index.ts';
import {
  type CatalogKind,
  type ItemProblem,
  type RehabItem,
  rehabItemProblems,
  type SubsidyItem,
  type SubsidyRatios,
  subsidyItemProblems,
} from './domain/items.ts';

/**
 * The catalogs as published each year, kept as data in
 * seed/xian/policy-catalogs/<kind>-<year>.json. Disability categories are
 * written as their GB/T 26341 code digits (1 visual … 7 multiple), as the
 * city's own tables do.
 */
interface SeedFile<I> {
  kind: CatalogKind;
  year: number;
  titleZh: string;
  titleEn: string;
  source: string;
  items: I[];
}

type SeedSubsidyItem = Omit<SubsidyItem, 'eligibleCategories' | 'eligibleGrades' | 'ratios'> & {
  eligibleCategories: number[];
  eligibleGrades: number[];
  ratios: SubsidyRatios;
  products: { model: string; priceFen?: number }[];
};
type SeedRehabItem = Omit<RehabItem, 'eligibleCategories'> & { eligibleCategories: number[] };

export interface SeedCatalog<I> {
  readonly kind: CatalogKind;
  readonly year: number;
  readonly titleZh: string;
  readonly titleEn: string;
  readonly source: string;
  readonly items: readonly I[];
}

export type SeedSubsidyEntry = SubsidyItem & {
  readonly products: readonly { model: string; priceFen?: number }[];
};

const categoryOf = (code: number): DisabilityCategory => {
  const category = disabilityCategories[code - 1];
  if (category === undefined) throw new Error(`unknown disability category code ${code}`);
  return category;
};

const seedUrl = (kind: CatalogKind, year: number) =>
  new URL(`../../../seed/xian/policy-catalogs/${kind}-${year}.json`, import.meta.url);

function refuse(file: string, code: string, problems: readonly ItemProblem[]): never {
  throw new Error(`${file} item ${code}: ${problems.map((p) => `${p.field} ${p.problem}`).join(', ')}`);
}

export function readSubsidySeed(year: number): SeedCatalog<SeedSubsidyEntry> {
  const file = JSON.parse(readFileSync(seedUrl('subsidy', year), 'utf8')) as SeedFile<SeedSubsidyItem>;
  const items = file.items.map((raw): SeedSubsidyEntry => {
    const item: SeedSubsidyEntry = {
      ...raw,
      descriptionZh: raw.descriptionZh ?? '',
      descriptionEn: raw.descriptionEn ?? '',
      eligibleCategories: raw.eligibleCategories.map(categoryOf),
      eligibleGrades: raw.eligibleGrades as DisabilityGrade[],
      products: raw.products ?? [],
    };
    const problems = subsidyItemProblems(item);
    if (problems.length > 0) refuse(`subsidy-${year}.json`, raw.code, problems);
    return item;
  });
  return { ...file, items };
}

export function readRehabSeed(year: number): SeedCatalog<RehabItem> {
  const file = JSON.parse(readFileSync(seedUrl('rehab', year), 'utf8')) as SeedFile<SeedRehabItem>;
  const items = file.items.map((raw): RehabItem => {
    const item: RehabItem = { ...raw, eligibleCategories: raw.eligibleCategories.map(categoryOf) };
    const problems = rehabItemProblems(item);
    if (problems.length > 0) refuse(`rehab-${year}.json`, raw.code, problems);
    return item;
  });
  return { ...file, items };
}

/** The policy years shipped as seed data: the earlier one superseded, the later one in force. */
export const seedYears = [2025, 2026] as const;
