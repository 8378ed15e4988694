import { dayOf, isUuid, type Queryable, sql } from '../../platform/db/index.ts';
import type { DisabilityCategory, DisabilityGrade } from '../../platform/ids/index.ts';
import type {
  AdmittedProduct,
  CatalogKind,
  CatalogStatus,
  RehabItem,
  SubsidyItem,
  SubsidyRatios,
} from './domain/items.ts';

/** One version of a policy catalog: a kind and a policy year. */
export interface CatalogVersion {
  readonly id: string;
  readonly kind: CatalogKind;
  readonly year: number;
  readonly titleZh: string;
  readonly titleEn: string;
  readonly source: string;
  readonly status: CatalogStatus;
  readonly startsOn: string;
  readonly endsOn: string;
  readonly noticeStartedAt: Date | null;
  readonly inForceAt: Date | null;
  readonly isDemo: boolean;
  readonly itemCount: number;
  /** Changes with every change to the items or the admitted products (see versionCache.ts). */
  readonly revision: number;
}

interface CatalogRow {
  id: string;
  kind: CatalogKind;
  year: number;
  title_zh: string;
  title_en: string;
  source: string;
  status: CatalogStatus;
  starts_on: string | Date;
  ends_on: string | Date;
  notice_started_at: Date | null;
  in_force_at: Date | null;
  is_demo: boolean;
  item_count: string | number;
  revision: number;
}

const toCatalog = (r: CatalogRow): CatalogVersion => ({
  id: r.id,
  kind: r.kind,
  year: Number(r.year),
  titleZh: r.title_zh,
  titleEn: r.title_en,
  source: r.source,
  status: r.status,
  startsOn: dayOf(r.starts_on),
  endsOn: dayOf(r.ends_on),
  noticeStartedAt: r.notice_started_at && new Date(r.notice_started_at),
  inForceAt: r.in_force_at && new Date(r.in_force_at),
  isDemo: r.is_demo,
  itemCount: Number(r.item_count),
  revision: Number(r.revision),
});

const catalogSelect = sql`select c.id, c.kind, c.year, c.title_zh, c.title_en, c.source, c.status,
    c.starts_on::text as starts_on, c.ends_on::text as ends_on, c.notice_started_at, c.in_force_at, c.is_demo, c.revision,
    (case when c.kind = 'subsidy' then (select count(*) from subsidy_item i where i.catalog_id = c.id)
          else (select count(*) from rehab_item i where i.catalog_id = c.id) end) as item_count
  from policy_catalog c`;

/** Every version of a kind, newest year first; drafts only when asked for. */
export async function listCatalogs(
  db: Queryable,
  kind: CatalogKind,
  options: { includeDrafts: boolean },
): Promise<CatalogVersion[]> {
  const rows = await db.query<CatalogRow>(
    sql`${catalogSelect} where c.kind = ${kind} and (${options.includeDrafts} or c.status <> 'draft')
        order by c.year desc`,
  );
  return rows.map(toCatalog);
}

export async function findCatalog(
  db: Queryable,
  kind: CatalogKind,
  year: number,
): Promise<CatalogVersion | undefined> {
  const [row] = await db.query<CatalogRow>(sql`${catalogSelect} where c.kind = ${kind} and c.year = ${year}`);
  return row && toCatalog(row);
}

export async function findCatalogById(db: Queryable, id: string): Promise<CatalogVersion | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await db.query<CatalogRow>(sql`${catalogSelect} where c.id = ${id}`);
  return row && toCatalog(row);
}

/** The version of a kind in force now, if any. */
export async function catalogInForce(db: Queryable, kind: CatalogKind): Promise<CatalogVersion | undefined> {
  const [row] = await db.query<CatalogRow>(
    sql`${catalogSelect} where c.kind = ${kind} and c.status = 'in_force'`,
  );
  return row && toCatalog(row);
}

/**
 * The version whose policy year covers a day, among those that have been in
 * force (a draft or a notice never governs an application); the version in
 * force when none covers it.
 */
export async function catalogOn(
  db: Queryable,
  kind: CatalogKind,
  day: string,
): Promise<CatalogVersion | undefined> {
  const [row] = await db.query<CatalogRow>(
    sql`${catalogSelect} where c.kind = ${kind} and c.status in ('in_force', 'superseded')
          and c.starts_on <= ${day}::date and c.ends_on >= ${day}::date
        order by c.year desc limit 1`,
  );
  return row ? toCatalog(row) : catalogInForce(db, kind);
}

export async function lockCatalog(tx: Queryable, id: string): Promise<CatalogStatus | undefined> {
  const [row] = await tx.query<{ status: CatalogStatus }>(
    sql`select status from policy_catalog where id = ${id} for update`,
  );
  return row?.status;
}

export async function insertCatalog(
  tx: Queryable,
  catalog: {
    kind: CatalogKind;
    year: number;
    titleZh: string;
    titleEn: string;
    source: string;
    startsOn: string;
    endsOn: string;
    isDemo: boolean;
  },
  createdBy: string | null,
): Promise<string> {
  const [row] = await tx.query<{ id: string }>(
    sql`insert into policy_catalog (kind, year, title_zh, title_en, source, status, starts_on, ends_on, is_demo, created_by)
        values (${catalog.kind}, ${catalog.year}, ${catalog.titleZh}, ${catalog.titleEn}, ${catalog.source}, 'draft',
          ${catalog.startsOn}::date, ${catalog.endsOn}::date, ${catalog.isDemo}, ${createdBy}::uuid)
        returning id`,
  );
  return (row as { id: string }).id;
}

/** Marks a version changed, so every process recomputes what it derived from it. */
async function bumpRevision(tx: Queryable, catalogId: string): Promise<void> {
  await tx.query(
    sql`update policy_catalog set revision = revision + 1, updated_at = now() where id = ${catalogId}`,
  );
}

export async function setCatalogStatus(tx: Queryable, id: string, status: CatalogStatus): Promise<void> {
  await tx.query(
    sql`update policy_catalog set status = ${status}, updated_at = now(), revision = revision + 1,
          notice_started_at = case when ${status} = 'notice' then now() else notice_started_at end,
          in_force_at = case when ${status} = 'in_force' then now() else in_force_at end,
          superseded_at = case when ${status} = 'superseded' then now() else superseded_at end
        where id = ${id}`,
  );
}

/** A subsidy item as stored, with its id and the products admitted to it. */
export interface StoredSubsidyItem extends SubsidyItem {
  readonly id: string;
  readonly products: readonly AdmittedProduct[];
}

interface SubsidyItemRow {
  id: string;
  code: string;
  name_zh: string;
  name_en: string;
  description_zh: string;
  description_en: string;
  iso_codes: string[];
  max_subsidy_fen: string | number;
  product_part_fen: string | number;
  service_part_fen: string | number;
  ratios: SubsidyRatios | string;
  eligible_categories: DisabilityCategory[];
  eligible_grades: number[];
  age_min: number | null;
  age_max: number | null;
  service_life_years: number;
  quantity_limit: number;
  medical_insurance: boolean;
  medical_insurance_code: string | null;
  first_of_kind: boolean;
  products: { productId: string; priceFen: number | string; admissionId: string | null }[] | string | null;
}

const json = <T>(value: T | string): T => (typeof value === 'string' ? (JSON.parse(value) as T) : value);

const toSubsidyItem = (r: SubsidyItemRow): StoredSubsidyItem => ({
  id: r.id,
  code: r.code,
  nameZh: r.name_zh,
  nameEn: r.name_en,
  descriptionZh: r.description_zh,
  descriptionEn: r.description_en,
  isoCodes: r.iso_codes,
  maxSubsidyFen: Number(r.max_subsidy_fen),
  productPartFen: Number(r.product_part_fen),
  servicePartFen: Number(r.service_part_fen),
  ratios: json(r.ratios),
  eligibleCategories: r.eligible_categories,
  eligibleGrades: r.eligible_grades.map(Number) as DisabilityGrade[],
  ageMin: r.age_min,
  ageMax: r.age_max,
  serviceLifeYears: Number(r.service_life_years),
  quantityLimit: Number(r.quantity_limit),
  medicalInsurance: r.medical_insurance,
  medicalInsuranceCode: r.medical_insurance_code,
  firstOfKind: r.first_of_kind,
  products: (json(r.products ?? '[]') ?? []).map((p) => ({
    productId: p.productId,
    priceFen: Number(p.priceFen),
    admissionId: p.admissionId,
  })),
});

const subsidySelect = sql`select i.id, i.catalog_id, i.code, i.name_zh, i.name_en, i.description_zh, i.description_en, i.iso_codes,
    i.max_subsidy_fen, i.product_part_fen, i.service_part_fen, i.ratios, i.eligible_categories, i.eligible_grades,
    i.age_min, i.age_max, i.service_life_years, i.quantity_limit, i.medical_insurance, i.medical_insurance_code,
    i.first_of_kind,
    (select coalesce(json_agg(json_build_object('productId', sp.product_id, 'priceFen', sp.price_fen,
        'admissionId', sp.admission_id) order by sp.admitted_at, sp.product_id), '[]'::json)
      from subsidy_item_product sp where sp.item_id = i.id) as products
  from subsidy_item i`;

export async function subsidyItems(db: Queryable, catalogId: string): Promise<StoredSubsidyItem[]> {
  const rows = await db.query<SubsidyItemRow>(
    sql`${subsidySelect} where i.catalog_id = ${catalogId} order by i.position, i.code`,
  );
  return rows.map(toSubsidyItem);
}

export async function findSubsidyItem(
  db: Queryable,
  catalogId: string,
  code: string,
): Promise<StoredSubsidyItem | undefined> {
  const [row] = await db.query<SubsidyItemRow>(
    sql`${subsidySelect} where i.catalog_id = ${catalogId} and i.code = ${code}`,
  );
  return row && toSubsidyItem(row);
}

export async function findSubsidyItemById(
  db: Queryable,
  id: string,
): Promise<(StoredSubsidyItem & { readonly catalogId: string }) | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await db.query<SubsidyItemRow & { catalog_id: string }>(
    sql`${subsidySelect} where i.id = ${id}`,
  );
  return row && { ...toSubsidyItem(row), catalogId: row.catalog_id };
}

export interface ItemProductLink {
  readonly code: string;
  readonly productId: string;
  readonly priceFen: number;
}

/** Replaces a draft's items (and the products listed under them) with these. */
/**
 * Makes a version's items exactly these: items whose code is kept are
 * updated in place (their id, and so their admitted products and the
 * applications naming them, stay), new codes are added, the rest removed.
 * The caller makes sure no application names a removed item
 * (`subsidyCodesWithAdmissions`). `links` lists products under items by code
 * (a new draft copying the year before); products already listed stay.
 */
export async function replaceSubsidyItems(
  tx: Queryable,
  catalogId: string,
  items: readonly SubsidyItem[],
  links: readonly ItemProductLink[],
): Promise<void> {
  await bumpRevision(tx, catalogId);
  const codes = items.map((item) => item.code);
  await tx.query(
    sql`delete from subsidy_item where catalog_id = ${catalogId} and not (code = any(${codes}::text[]))`,
  );
  if (items.length === 0) return;
  const values = items.map(
    (item, position) =>
      sql`(${catalogId}::uuid, ${item.code}, ${item.nameZh}, ${item.nameEn}, ${item.descriptionZh}, ${item.descriptionEn},
        ${[...item.isoCodes]}::text[], ${item.maxSubsidyFen}, ${item.productPartFen}, ${item.servicePartFen},
        ${JSON.stringify(item.ratios)}::jsonb, ${[...item.eligibleCategories]}::text[], ${[...item.eligibleGrades]}::smallint[],
        ${item.ageMin}::smallint, ${item.ageMax}::smallint, ${item.serviceLifeYears}, ${item.quantityLimit},
        ${item.medicalInsurance}, ${item.medicalInsuranceCode}::text, ${item.firstOfKind}, ${position})`,
  );
  await tx.query(
    sql`insert into subsidy_item (catalog_id, code, name_zh, name_en, description_zh, description_en, iso_codes,
          max_subsidy_fen, product_part_fen, service_part_fen, ratios, eligible_categories, eligible_grades,
          age_min, age_max, service_life_years, quantity_limit, medical_insurance, medical_insurance_code,
          first_of_kind, position)
        values ${sql.join(values, ', ')}
        on conflict (catalog_id, code) do update set name_zh = excluded.name_zh, name_en = excluded.name_en,
          description_zh = excluded.description_zh, description_en = excluded.description_en,
          iso_codes = excluded.iso_codes, max_subsidy_fen = excluded.max_subsidy_fen,
          product_part_fen = excluded.product_part_fen, service_part_fen = excluded.service_part_fen,
          ratios = excluded.ratios, eligible_categories = excluded.eligible_categories,
          eligible_grades = excluded.eligible_grades, age_min = excluded.age_min, age_max = excluded.age_max,
          service_life_years = excluded.service_life_years, quantity_limit = excluded.quantity_limit,
          medical_insurance = excluded.medical_insurance, medical_insurance_code = excluded.medical_insurance_code,
          first_of_kind = excluded.first_of_kind, position = excluded.position`,
  );
  if (links.length === 0) return;
  const linkValues = links.map((l) => sql`(${l.code}, ${l.productId}::uuid, ${l.priceFen}::bigint)`);
  await tx.query(
    sql`insert into subsidy_item_product (item_id, product_id, price_fen)
        select i.id, l.product_id, l.price_fen
        from (values ${sql.join(linkValues, ', ')}) as l (code, product_id, price_fen)
        join subsidy_item i on i.catalog_id = ${catalogId} and i.code = l.code
        on conflict do nothing`,
  );
}

/** Codes of a version's items that applications for admission name (those items cannot be removed). */
export async function subsidyCodesWithAdmissions(db: Queryable, catalogId: string): Promise<string[]> {
  const rows = await db.query<{ code: string }>(
    sql`select distinct i.code from subsidy_item i join admission a on a.item_id = i.id
        where i.catalog_id = ${catalogId} order by i.code`,
  );
  return rows.map((r) => r.code);
}

interface RehabItemRow {
  code: string;
  name_zh: string;
  name_en: string;
  target_group_zh: string;
  target_group_en: string;
  content_zh: string;
  content_en: string;
  frequency_zh: string;
  frequency_en: string;
  standard_price_fen: string | number;
  subsidy_fen: string | number;
  eligible_categories: DisabilityCategory[];
  age_min: number | null;
  age_max: number | null;
}

const toRehabItem = (r: RehabItemRow): RehabItem => ({
  code: r.code,
  nameZh: r.name_zh,
  nameEn: r.name_en,
  targetGroupZh: r.target_group_zh,
  targetGroupEn: r.target_group_en,
  contentZh: r.content_zh,
  contentEn: r.content_en,
  frequencyZh: r.frequency_zh,
  frequencyEn: r.frequency_en,
  standardPriceFen: Number(r.standard_price_fen),
  subsidyFen: Number(r.subsidy_fen),
  eligibleCategories: r.eligible_categories,
  ageMin: r.age_min,
  ageMax: r.age_max,
});

export async function rehabItems(db: Queryable, catalogId: string): Promise<RehabItem[]> {
  const rows = await db.query<RehabItemRow>(
    sql`select code, name_zh, name_en, target_group_zh, target_group_en, content_zh, content_en, frequency_zh,
          frequency_en, standard_price_fen, subsidy_fen, eligible_categories, age_min, age_max
        from rehab_item where catalog_id = ${catalogId} order by position, code`,
  );
  return rows.map(toRehabItem);
}

export async function replaceRehabItems(
  tx: Queryable,
  catalogId: string,
  items: readonly RehabItem[],
): Promise<void> {
  await bumpRevision(tx, catalogId);
  await tx.query(sql`delete from rehab_item where catalog_id = ${catalogId}`);
  if (items.length === 0) return;
  const values = items.map(
    (item, position) =>
      sql`(${catalogId}::uuid, ${item.code}, ${item.nameZh}, ${item.nameEn}, ${item.targetGroupZh}, ${item.targetGroupEn},
        ${item.contentZh}, ${item.contentEn}, ${item.frequencyZh}, ${item.frequencyEn}, ${item.standardPriceFen},
        ${item.subsidyFen}, ${[...item.eligibleCategories]}::text[], ${item.ageMin}::smallint, ${item.ageMax}::smallint,
        ${position})`,
  );
  await tx.query(
    sql`insert into rehab_item (catalog_id, code, name_zh, name_en, target_group_zh, target_group_en, content_zh,
          content_en, frequency_zh, frequency_en, standard_price_fen, subsidy_fen, eligible_categories, age_min,
          age_max, position)
        values ${sql.join(values, ', ')}`,
  );
}

/** Lists a product under an item at its admitted price. */
export async function admitProduct(
  tx: Queryable,
  link: { itemId: string; productId: string; priceFen: number; admissionId: string | null },
): Promise<void> {
  const [item] = await tx.query<{ catalog_id: string }>(
    sql`select catalog_id from subsidy_item where id = ${link.itemId}::uuid`,
  );
  if (item !== undefined) await bumpRevision(tx, item.catalog_id);
  await tx.query(
    sql`insert into subsidy_item_product (item_id, product_id, price_fen, admission_id)
        values (${link.itemId}::uuid, ${link.productId}::uuid, ${link.priceFen}, ${link.admissionId}::uuid)
        on conflict (item_id, product_id) do update set price_fen = excluded.price_fen,
          admission_id = excluded.admission_id, admitted_at = now()`,
  );
}

/** The products listed in the subsidy catalog in force (what search marks as subsidised). */
export async function productsInForce(db: Queryable): Promise<string[]> {
  const rows = await db.query<{ product_id: string }>(
    sql`select distinct sp.product_id from subsidy_item_product sp
        join subsidy_item i on i.id = sp.item_id
        join policy_catalog c on c.id = i.catalog_id
        where c.kind = 'subsidy' and c.status = 'in_force'`,
  );
  return rows.map((r) => r.product_id);
}

export interface PolicySettings {
  readonly yearStart: { readonly month: number; readonly day: number };
  readonly noticeDays: number;
  readonly panelSize: number;
  readonly weights: {
    readonly maturity: number;
    readonly safety: number;
    readonly cost: number;
    readonly feedback: number;
  };
  readonly updatedAt: Date;
}

export async function readSettings(db: Queryable): Promise<PolicySettings> {
  const [r] = await db.query<{
    year_start_month: number;
    year_start_day: number;
    notice_days: number;
    panel_size: number;
    weight_maturity: number;
    weight_safety: number;
    weight_cost: number;
    weight_feedback: number;
    updated_at: Date;
  }>(sql`select * from policy_setting`);
  if (r === undefined) throw new Error('policy_setting has no row: run the migrations');
  return {
    yearStart: { month: r.year_start_month, day: r.year_start_day },
    noticeDays: r.notice_days,
    panelSize: r.panel_size,
    weights: {
      maturity: r.weight_maturity,
      safety: r.weight_safety,
      cost: r.weight_cost,
      feedback: r.weight_feedback,
    },
    updatedAt: new Date(r.updated_at),
  };
}

export async function writeSettings(
  tx: Queryable,
  settings: Omit<PolicySettings, 'updatedAt'>,
  updatedBy: string,
): Promise<void> {
  await tx.query(
    sql`update policy_setting set year_start_month = ${settings.yearStart.month}, year_start_day = ${settings.yearStart.day},
          notice_days = ${settings.noticeDays}, panel_size = ${settings.panelSize},
          weight_maturity = ${settings.weights.maturity}, weight_safety = ${settings.weights.safety},
          weight_cost = ${settings.weights.cost}, weight_feedback = ${settings.weights.feedback},
          updated_by = ${updatedBy}::uuid, updated_at = now()`,
  );
}

/**
 * What saving one item came to: saved, or refused because another item of
 * the version has the code, or because the item being changed is gone.
 */
export type ItemSaveOutcome = 'saved' | 'codeTaken' | 'previousMissing';

/** What deleting one item came to; an item applications were made for stays (they refer to it). */
export type ItemDeleteOutcome = 'deleted' | 'missing' | 'hasAdmissions';

type ItemTable = 'subsidy_item' | 'rehab_item';

/** Whether another item of the version than the one being changed already has the code. */
async function codeTaken(
  tx: Queryable,
  table: ItemTable,
  catalogId: string,
  code: string,
  previousCode: string | null,
): Promise<boolean> {
  const from = table === 'subsidy_item' ? sql`subsidy_item` : sql`rehab_item`;
  const [row] = await tx.query<{ code: string }>(
    sql`select code from ${from} where catalog_id = ${catalogId} and code = ${code}
          and code is distinct from ${previousCode}::text`,
  );
  return row !== undefined;
}

/** The position after the version's last item: a new item goes to the end of the list. */
const nextPosition = (table: ItemTable, catalogId: string) =>
  table === 'subsidy_item'
    ? sql`(select coalesce(max(position), -1) + 1 from subsidy_item where catalog_id = ${catalogId})`
    : sql`(select coalesce(max(position), -1) + 1 from rehab_item where catalog_id = ${catalogId})`;

/**
 * Adds one subsidy item (previousCode null) or changes the one with
 * previousCode. A change updates the row in place, so the products admitted
 * to it and the applications made for it follow a new code.
 */
export async function upsertSubsidyItem(
  tx: Queryable,
  catalogId: string,
  item: SubsidyItem,
  previousCode: string | null,
): Promise<ItemSaveOutcome> {
  if (await codeTaken(tx, 'subsidy_item', catalogId, item.code, previousCode)) return 'codeTaken';
  const fields = {
    isoCodes: sql`${[...item.isoCodes]}::text[]`,
    ratios: sql`${JSON.stringify(item.ratios)}::jsonb`,
    categories: sql`${[...item.eligibleCategories]}::text[]`,
    grades: sql`${[...item.eligibleGrades]}::smallint[]`,
  };
  if (previousCode === null) {
    await tx.query(
      sql`insert into subsidy_item (catalog_id, code, name_zh, name_en, description_zh, description_en, iso_codes,
            max_subsidy_fen, product_part_fen, service_part_fen, ratios, eligible_categories, eligible_grades,
            age_min, age_max, service_life_years, quantity_limit, medical_insurance, medical_insurance_code,
            first_of_kind, position)
          values (${catalogId}::uuid, ${item.code}, ${item.nameZh}, ${item.nameEn}, ${item.descriptionZh},
            ${item.descriptionEn}, ${fields.isoCodes}, ${item.maxSubsidyFen}, ${item.productPartFen},
            ${item.servicePartFen}, ${fields.ratios}, ${fields.categories}, ${fields.grades},
            ${item.ageMin}::smallint, ${item.ageMax}::smallint, ${item.serviceLifeYears}, ${item.quantityLimit},
            ${item.medicalInsurance}, ${item.medicalInsuranceCode}::text, ${item.firstOfKind},
            ${nextPosition('subsidy_item', catalogId)})`,
    );
  } else {
    const updated = await tx.query<{ id: string }>(
      sql`update subsidy_item set code = ${item.code}, name_zh = ${item.nameZh}, name_en = ${item.nameEn},
            description_zh = ${item.descriptionZh}, description_en = ${item.descriptionEn},
            iso_codes = ${fields.isoCodes}, max_subsidy_fen = ${item.maxSubsidyFen},
            product_part_fen = ${item.productPartFen}, service_part_fen = ${item.servicePartFen},
            ratios = ${fields.ratios}, eligible_categories = ${fields.categories}, eligible_grades = ${fields.grades},
            age_min = ${item.ageMin}::smallint, age_max = ${item.ageMax}::smallint,
            service_life_years = ${item.serviceLifeYears}, quantity_limit = ${item.quantityLimit},
            medical_insurance = ${item.medicalInsurance}, medical_insurance_code = ${item.medicalInsuranceCode}::text,
            first_of_kind = ${item.firstOfKind}
          where catalog_id = ${catalogId} and code = ${previousCode}
          returning id`,
    );
    if (updated.length === 0) return 'previousMissing';
  }
  await bumpRevision(tx, catalogId);
  return 'saved';
}

/** How many applications for admission name this item (any status: they are the record of a review). */
export async function admissionsForSubsidyItem(db: Queryable, itemId: string): Promise<number> {
  const [row] = await db.query<{ n: string | number }>(
    sql`select count(*) as n from admission where item_id = ${itemId}::uuid`,
  );
  return Number(row?.n ?? 0);
}

/** Deletes one subsidy item with the products listed under it in this version (other versions keep theirs). */
export async function deleteSubsidyItem(
  tx: Queryable,
  catalogId: string,
  code: string,
): Promise<ItemDeleteOutcome> {
  const item = await findSubsidyItem(tx, catalogId, code);
  if (item === undefined) return 'missing';
  if ((await admissionsForSubsidyItem(tx, item.id)) > 0) return 'hasAdmissions';
  // subsidy_item_product rows go with the item (on delete cascade).
  await tx.query(sql`delete from subsidy_item where id = ${item.id}::uuid`);
  await bumpRevision(tx, catalogId);
  return 'deleted';
}

export async function findRehabItem(
  db: Queryable,
  catalogId: string,
  code: string,
): Promise<RehabItem | undefined> {
  const [row] = await db.query<RehabItemRow>(
    sql`select code, name_zh, name_en, target_group_zh, target_group_en, content_zh, content_en, frequency_zh,
          frequency_en, standard_price_fen, subsidy_fen, eligible_categories, age_min, age_max
        from rehab_item where catalog_id = ${catalogId} and code = ${code}`,
  );
  return row && toRehabItem(row);
}

/** Adds one rehabilitation-service item (previousCode null) or changes the one with previousCode, in place. */
export async function upsertRehabItem(
  tx: Queryable,
  catalogId: string,
  item: RehabItem,
  previousCode: string | null,
): Promise<ItemSaveOutcome> {
  if (await codeTaken(tx, 'rehab_item', catalogId, item.code, previousCode)) return 'codeTaken';
  const categories = sql`${[...item.eligibleCategories]}::text[]`;
  if (previousCode === null) {
    await tx.query(
      sql`insert into rehab_item (catalog_id, code, name_zh, name_en, target_group_zh, target_group_en, content_zh,
            content_en, frequency_zh, frequency_en, standard_price_fen, subsidy_fen, eligible_categories, age_min,
            age_max, position)
          values (${catalogId}::uuid, ${item.code}, ${item.nameZh}, ${item.nameEn}, ${item.targetGroupZh},
            ${item.targetGroupEn}, ${item.contentZh}, ${item.contentEn}, ${item.frequencyZh}, ${item.frequencyEn},
            ${item.standardPriceFen}, ${item.subsidyFen}, ${categories}, ${item.ageMin}::smallint,
            ${item.ageMax}::smallint, ${nextPosition('rehab_item', catalogId)})`,
    );
  } else {
    const updated = await tx.query<{ id: string }>(
      sql`update rehab_item set code = ${item.code}, name_zh = ${item.nameZh}, name_en = ${item.nameEn},
            target_group_zh = ${item.targetGroupZh}, target_group_en = ${item.targetGroupEn},
            content_zh = ${item.contentZh}, content_en = ${item.contentEn},
            frequency_zh = ${item.frequencyZh}, frequency_en = ${item.frequencyEn},
            standard_price_fen = ${item.standardPriceFen}, subsidy_fen = ${item.subsidyFen},
            eligible_categories = ${categories}, age_min = ${item.ageMin}::smallint, age_max = ${item.ageMax}::smallint
          where catalog_id = ${catalogId} and code = ${previousCode}
          returning id`,
    );
    if (updated.length === 0) return 'previousMissing';
  }
  await bumpRevision(tx, catalogId);
  return 'saved';
}

export async function deleteRehabItem(
  tx: Queryable,
  catalogId: string,
  code: string,
): Promise<ItemDeleteOutcome> {
  const deleted = await tx.query<{ id: string }>(
    sql`delete from rehab_item where catalog_id = ${catalogId} and code = ${code} returning id`,
  );
  if (deleted.length === 0) return 'missing';
  await bumpRevision(tx, catalogId);
  return 'deleted';
}
