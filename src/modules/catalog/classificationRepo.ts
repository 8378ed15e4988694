import { type Queryable, sql } from '../../platform/db/index.ts';

/** One edition of ISO 9999 / GB/T 16432. */
export interface ClassificationVersion {
  readonly id: string;
  readonly titleZh: string;
  readonly titleEn: string;
  readonly source: string;
  readonly inForceFrom: string | null;
  readonly isCurrent: boolean;
}

/** A class (2 digits), subclass (4) or division (6). */
export interface ClassificationNode {
  readonly code: string;
  readonly parentCode: string | null;
  readonly level: 1 | 2 | 3;
  readonly titleZh: string;
  readonly titleEn: string;
  readonly source: string;
  readonly verified: boolean;
  readonly apl: boolean;
}

export interface CrosswalkEntry {
  readonly fromVersion: string;
  readonly fromCode: string;
  readonly toVersion: string;
  readonly toCode: string;
  readonly relation: 'same' | 'split' | 'merged' | 'moved';
  readonly verified: boolean;
  readonly note: string;
}

export async function listClassificationVersions(db: Queryable): Promise<ClassificationVersion[]> {
  const rows = await db.query<{
    id: string;
    title_zh: string;
    title_en: string;
    source: string;
    in_force_from: string | Date | null;
    is_current: boolean;
  }>(sql`select * from classification_version order by in_force_from nulls first, id`);
  return rows.map((r) => ({
    id: r.id,
    titleZh: r.title_zh,
    titleEn: r.title_en,
    source: r.source,
    inForceFrom:
      r.in_force_from === null
        ? null
        : typeof r.in_force_from === 'string'
          ? r.in_force_from.slice(0, 10)
          : r.in_force_from.toISOString().slice(0, 10),
    isCurrent: r.is_current,
  }));
}

export async function currentClassificationVersion(db: Queryable): Promise<string | undefined> {
  const [row] = await db.query<{ id: string }>(
    sql`select id from classification_version where is_current order by in_force_from desc nulls last limit 1`,
  );
  return row?.id;
}

export async function listClassificationNodes(db: Queryable, version: string): Promise<ClassificationNode[]> {
  const rows = await db.query<{
    code: string;
    parent_code: string | null;
    level: number;
    title_zh: string;
    title_en: string;
    source: string;
    verified: boolean;
    apl: boolean;
  }>(sql`select * from classification_node where version_id = ${version} order by code`);
  return rows.map((r) => ({
    code: r.code,
    parentCode: r.parent_code,
    level: r.level as 1 | 2 | 3,
    titleZh: r.title_zh,
    titleEn: r.title_en,
    source: r.source,
    verified: r.verified,
    apl: r.apl,
  }));
}

export async function listCrosswalk(db: Queryable, fromVersion: string): Promise<CrosswalkEntry[]> {
  const rows = await db.query<{
    from_version: string;
    from_code: string;
    to_version: string;
    to_code: string;
    relation: CrosswalkEntry['relation'];
    verified: boolean;
    note: string;
  }>(
    sql`select * from classification_crosswalk where from_version = ${fromVersion} order by from_code, to_code`,
  );
  return rows.map((r) => ({
    fromVersion: r.from_version,
    fromCode: r.from_code,
    toVersion: r.to_version,
    toCode: r.to_code,
    relation: r.relation,
    verified: r.verified,
    note: r.note,
  }));
}

export async function insertClassificationVersion(
  tx: Queryable,
  version: Omit<ClassificationVersion, 'isCurrent'> & { isCurrent: boolean },
): Promise<void> {
  await tx.query(
    sql`insert into classification_version (id, title_zh, title_en, source, in_force_from, is_current)
        values (${version.id}, ${version.titleZh}, ${version.titleEn}, ${version.source},
                ${version.inForceFrom}::date, ${version.isCurrent})`,
  );
}

/** Adds nodes, or replaces the titles, source and flags of existing ones (an administrator's edit or import). */
export async function upsertClassificationNodes(
  tx: Queryable,
  version: string,
  nodes: readonly ClassificationNode[],
): Promise<void> {
  for (let start = 0; start < nodes.length; start += 500) {
    const rows = nodes
      .slice(start, start + 500)
      .map(
        (n) =>
          sql`(${version}, ${n.code}, ${n.parentCode}, ${n.level}, ${n.titleZh}, ${n.titleEn}, ${n.source}, ${n.verified}, ${n.apl})`,
      );
    await tx.query(
      sql`insert into classification_node (version_id, code, parent_code, level, title_zh, title_en, source, verified, apl)
          values ${sql.join(rows, ', ')}
          on conflict (version_id, code) do update set title_zh = excluded.title_zh, title_en = excluded.title_en,
            source = excluded.source, verified = excluded.verified, apl = excluded.apl, updated_at = now()`,
    );
  }
}

export async function insertCrosswalk(tx: Queryable, entries: readonly CrosswalkEntry[]): Promise<void> {
  for (let start = 0; start < entries.length; start += 500) {
    const rows = entries
      .slice(start, start + 500)
      .map(
        (e) =>
          sql`(${e.fromVersion}, ${e.fromCode}, ${e.toVersion}, ${e.toCode}, ${e.relation}, ${e.verified}, ${e.note})`,
      );
    await tx.query(
      sql`insert into classification_crosswalk (from_version, from_code, to_version, to_code, relation, verified, note)
          values ${sql.join(rows, ', ')} on conflict do nothing`,
    );
  }
}

/** The divisions (6-digit codes) of the edition products are classified by. */
export async function currentDivisionCodes(db: Queryable): Promise<Set<string>> {
  const rows = await db.query<{ code: string }>(
    sql`select n.code from classification_node n join classification_version v on v.id = n.version_id
        where v.is_current and n.level = 3`,
  );
  return new Set(rows.map((r) => r.code));
}
