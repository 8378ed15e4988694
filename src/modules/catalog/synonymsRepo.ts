import { isUuid, type Queryable, sql } from '../../platform/db/index.ts';

/** Words search treats as one (拐杖/手杖/拐棍): searching for any of them finds the others. */
export interface SynonymGroup {
  readonly id: string;
  readonly terms: readonly string[];
  readonly updatedAt: Date;
}

interface SynonymRow {
  id: string;
  terms: string[];
  updated_at: Date;
}

const toGroup = (row: SynonymRow): SynonymGroup => ({
  id: row.id,
  terms: row.terms,
  updatedAt: new Date(row.updated_at),
});

export async function listSynonymGroups(db: Queryable): Promise<SynonymGroup[]> {
  const rows = await db.query<SynonymRow>(
    sql`select id, terms, updated_at from search_synonym order by terms[1], id`,
  );
  return rows.map(toGroup);
}

export async function findSynonymGroup(db: Queryable, id: string): Promise<SynonymGroup | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await db.query<SynonymRow>(
    sql`select id, terms, updated_at from search_synonym where id = ${id}`,
  );
  return row && toGroup(row);
}

export async function insertSynonymGroup(
  tx: Queryable,
  terms: readonly string[],
  updatedBy: string | null,
): Promise<string> {
  const [row] = await tx.query<{ id: string }>(
    sql`insert into search_synonym (terms, updated_by) values (${[...terms]}::text[], ${updatedBy}::uuid) returning id`,
  );
  return (row as { id: string }).id;
}

/** Replaces a group's terms; false when there is no such group. */
export async function updateSynonymGroup(
  tx: Queryable,
  id: string,
  terms: readonly string[],
  updatedBy: string | null,
): Promise<boolean> {
  const rows = await tx.query<{ id: string }>(
    sql`update search_synonym set terms = ${[...terms]}::text[], updated_by = ${updatedBy}::uuid, updated_at = now()
        where id = ${id} returning id`,
  );
  return rows.length > 0;
}

/** Deletes a group; false when there is no such group. */
export async function deleteSynonymGroup(tx: Queryable, id: string): Promise<boolean> {
  const rows = await tx.query<{ id: string }>(sql`delete from search_synonym where id = ${id} returning id`);
  return rows.length > 0;
}
