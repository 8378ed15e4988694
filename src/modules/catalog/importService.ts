import { appendAudit } from '../../platform/audit/index.ts';
import { type Db, type Queryable, sql } from '../../platform/db/index.ts';
import type { ProductDetails } from './domain/product.ts';
import type { CommandContext } from './productsService.ts';
import { readSheetRows, SheetError } from './spreadsheet/read.ts';
import { parseProductRow } from './spreadsheet/validate.ts';

/** One line of an import report: where the problem is and what it is. */
export interface ImportProblem {
  /** The spreadsheet row (1 is the header), or 0 for the file as a whole. */
  readonly row: number;
  readonly column: string;
  readonly message: string;
  readonly params?: Readonly<Record<string, string | number>>;
}

export interface ImportRecord {
  readonly id: string;
  readonly supplierId: string;
  readonly fileName: string;
  readonly format: 'xlsx' | 'csv';
  readonly status: 'running' | 'imported' | 'refused' | 'failed';
  readonly totalRows: number;
  readonly importedRows: number;
  readonly problems: readonly ImportProblem[];
  readonly createdAt: Date;
  readonly finishedAt: Date | null;
}

/** Rows a report keeps: enough to fix a file, without storing a copy of a bad one. */
const maxReportedProblems = 1000;
/** Progress is written every so many rows, so the report page can show how far it got. */
const progressEvery = 2000;
const insertBatch = 500;

export async function startImport(
  db: Db,
  context: CommandContext,
  input: { supplierId: string; fileName: string; format: 'xlsx' | 'csv' },
): Promise<string> {
  const [row] = await db.query<{ id: string }>(
    sql`insert into product_import (supplier_id, file_name, format, status, created_by)
        values (${input.supplierId}, ${input.fileName}, ${input.format}, 'running', ${context.actor.userId}::uuid)
        returning id`,
  );
  return (row as { id: string }).id;
}

export async function findImport(db: Queryable, id: string): Promise<ImportRecord | undefined> {
  if (!/^[0-9a-f-]{36}$/.test(id)) return undefined;
  const [row] = await db.query<{
    id: string;
    supplier_id: string;
    file_name: string;
    format: 'xlsx' | 'csv';
    status: ImportRecord['status'];
    total_rows: number;
    imported_rows: number;
    problems: ImportProblem[] | string;
    created_at: Date;
    finished_at: Date | null;
  }>(sql`select * from product_import where id = ${id}`);
  if (!row) return undefined;
  return {
    id: row.id,
    supplierId: row.supplier_id,
    fileName: row.file_name,
    format: row.format,
    status: row.status,
    totalRows: row.total_rows,
    importedRows: row.imported_rows,
    problems: typeof row.problems === 'string' ? (JSON.parse(row.problems) as ImportProblem[]) : row.problems,
    createdAt: new Date(row.created_at),
    finishedAt: row.finished_at && new Date(row.finished_at),
  };
}

export async function listImports(
  db: Queryable,
  supplierIds: readonly string[] | 'all',
): Promise<ImportRecord[]> {
  const rows = await db.query<{ id: string }>(
    sql`select id from product_import where ${supplierIds === 'all' ? sql`true` : sql`supplier_id = any(${supplierIds}::uuid[])`}
        order by created_at desc limit 50`,
  );
  const records = await Promise.all(rows.map((r) => findImport(db, r.id)));
  return records.filter((r): r is ImportRecord => r !== undefined);
}

interface ParsedRow {
  readonly row: number;
  readonly details: ProductDetails;
  readonly replacesModel: string | null;
}

/**
 * Reads and checks a whole file, then writes every row in one transaction or
 * none at all: a file with any problem imports nothing and gets a report
 * (row, column, message). A row whose model the supplier already has becomes
 * a new draft version of that product; any other row a new product.
 */
export async function runImport(
  db: Db,
  context: CommandContext,
  importId: string,
  filePath: string,
  knownIsoCodes: ReadonlySet<string>,
): Promise<ImportRecord['status']> {
  const record = await findImport(db, importId);
  if (!record) throw new Error('no such import');
  const problems: ImportProblem[] = [];
  const parsed: ParsedRow[] = [];
  const seenModels = new Map<string, number>();
  let total = 0;
  const problem = (p: ImportProblem) => {
    if (problems.length < maxReportedProblems) problems.push(p);
  };
  try {
    for await (const { rowNumber, cells } of readSheetRows(filePath, record.format)) {
      total++;
      const result = parseProductRow(cells, { knownIsoCodes });
      if (!result.ok) {
        for (const p of result.problems)
          problem({
            row: rowNumber,
            column: p.column,
            message: p.message,
            ...(p.params ? { params: p.params } : {}),
          });
      } else {
        const earlier = seenModels.get(result.details.model);
        if (earlier !== undefined)
          problem({ row: rowNumber, column: 'model', message: 'duplicateModel', params: { row: earlier } });
        else seenModels.set(result.details.model, rowNumber);
        parsed.push({ row: rowNumber, details: result.details, replacesModel: result.replacesModel });
      }
      if (total % progressEvery === 0)
        await db.query(sql`update product_import set total_rows = ${total} where id = ${importId}`);
    }
  } catch (error) {
    if (!(error instanceof SheetError)) throw error;
    problem({ row: 0, column: error.column ?? '', message: error.code });
  }
  if (total === 0 && problems.length === 0) problem({ row: 0, column: '', message: 'empty' });
  if (problems.length > 0) {
    await finish(db, context, importId, { status: 'refused', total, imported: 0, problems });
    return 'refused';
  }
  try {
    const imported = await db.transaction(async (tx) => {
      const refused = await writeRows(tx, context, record.supplierId, parsed);
      if (refused.length > 0) return refused;
      await appendAudit(tx, {
        actor: context.actor,
        action: 'product.import',
        object: { type: 'product_import', id: importId },
        outcome: 'success',
        sourceAddress: context.sourceAddress,
        detail: { rows: parsed.length, format: record.format },
      });
      await tx.query(
        sql`update product_import set status = 'imported', total_rows = ${total}, imported_rows = ${parsed.length},
              finished_at = now() where id = ${importId}`,
      );
      return [];
    });
    if (imported.length > 0) {
      await finish(db, context, importId, { status: 'refused', total, imported: 0, problems: imported });
      return 'refused';
    }
    return 'imported';
  } catch (error) {
    await finish(db, context, importId, { status: 'failed', total, imported: 0, problems: [] });
    throw error;
  }
}

async function finish(
  db: Db,
  context: CommandContext,
  importId: string,
  outcome: { status: 'refused' | 'failed'; total: number; imported: number; problems: ImportProblem[] },
) {
  await db.transaction(async (tx) => {
    await tx.query(
      sql`update product_import set status = ${outcome.status}, total_rows = ${outcome.total},
            imported_rows = ${outcome.imported}, problems = ${JSON.stringify(outcome.problems)}::jsonb,
            finished_at = now() where id = ${importId}`,
    );
    await appendAudit(tx, {
      actor: context.actor,
      action: 'product.import',
      object: { type: 'product_import', id: importId },
      outcome: 'failure',
      sourceAddress: context.sourceAddress,
      detail: { status: outcome.status, problems: outcome.problems.length },
    });
  });
}

/**
 * Writes checked rows as drafts in multi-row statements (DESIGN.md: bulk loads
 * in raw multi-row SQL). Returns problems found against the database, such as
 * a revision of a product whose version is under review; then the caller's
 * transaction writes nothing.
 */
async function writeRows(
  tx: Queryable,
  context: CommandContext,
  supplierId: string,
  rows: readonly ParsedRow[],
): Promise<ImportProblem[]> {
  const existing = await tx.query<{
    id: string;
    model: string;
    working_version: number | null;
    state: string | null;
    last: number;
  }>(
    sql`select p.id, v.model, p.working_version, w.state,
          (select max(version) from product_version x where x.product_id = p.id) as last
        from product p
        join product_version v on v.product_id = p.id and v.version = coalesce(p.working_version, p.published_version)
        left join product_version w on w.product_id = p.id and w.version = p.working_version
        where p.supplier_id = ${supplierId}
        for update of p`,
  );
  const byModel = new Map(existing.map((e) => [e.model, e]));
  const problems: ImportProblem[] = [];
  for (const r of rows) {
    const found = byModel.get(r.details.model);
    if (found?.state === 'submitted')
      problems.push({
        row: r.row,
        column: 'model',
        message: 'underReview',
        params: { model: r.details.model },
      });
    if (
      r.replacesModel !== null &&
      !byModel.has(r.replacesModel) &&
      !rows.some((o) => o.details.model === r.replacesModel)
    )
      problems.push({
        row: r.row,
        column: 'replaces_model',
        message: 'replacesUnknown',
        params: { model: r.replacesModel },
      });
  }
  if (problems.length > 0) return problems.slice(0, maxReportedProblems);

  const fresh = rows.filter((r) => !byModel.has(r.details.model));
  const ids = new Map<string, string>(existing.map((e) => [e.model, e.id]));
  for (let start = 0; start < fresh.length; start += insertBatch) {
    const batch = fresh.slice(start, start + insertBatch);
    const inserted = await tx.query<{ id: string }>(
      sql`insert into product (supplier_id, working_version)
          values ${sql.join(
            batch.map(() => sql`(${supplierId}, 1)`),
            ', ',
          )} returning id`,
    );
    batch.forEach((r, i) => {
      ids.set(r.details.model, (inserted[i] as { id: string }).id);
    });
  }
  const versions = rows.map((r) => {
    const found = byModel.get(r.details.model);
    // A draft or sent-back version is overwritten; otherwise the import starts the next version.
    const version = !found
      ? 1
      : found.working_version !== null
        ? found.working_version
        : Number(found.last) + 1;
    return {
      productId: ids.get(r.details.model) as string,
      version,
      details: r.details,
      overwrite: found?.working_version != null,
    };
  });
  const overwrites = versions.filter((v) => v.overwrite);
  if (overwrites.length > 0)
    await tx.query(
      sql`delete from product_version v using (values ${sql.join(
        overwrites.map((v) => sql`(${v.productId}::uuid, ${v.version}::integer)`),
        ', ',
      )}) as o (product_id, version) where v.product_id = o.product_id and v.version = o.version`,
    );
  for (let start = 0; start < versions.length; start += insertBatch) {
    const batch = versions.slice(start, start + insertBatch);
    await tx.query(
      sql`insert into product_version (product_id, version, state, name_zh, name_en, model, iso_code, price_fen, details, created_by)
          values ${sql.join(
            batch.map(
              (v) =>
                sql`(${v.productId}, ${v.version}, 'draft', ${v.details.nameZh}, ${v.details.nameEn}, ${v.details.model},
                     ${v.details.isoCode}, ${v.details.priceFen}, ${JSON.stringify(v.details)}, ${context.actor.userId})`,
            ),
            ', ',
          )}`,
    );
  }
  const revised = versions.filter((v) => byModel.has(v.details.model));
  if (revised.length > 0)
    await tx.query(
      sql`update product p set working_version = o.version,
            status = case when p.status in ('published', 'withdrawn') then p.status else 'draft' end, updated_at = now()
          from (values ${sql.join(
            revised.map((v) => sql`(${v.productId}::uuid, ${v.version}::integer)`),
            ', ',
          )}) as o (id, version) where p.id = o.id`,
    );
  const lineage = rows.filter((r) => r.replacesModel !== null);
  if (lineage.length > 0)
    await tx.query(
      sql`update product p set replaces_product_id = o.replaces from (values ${sql.join(
        lineage.map(
          (r) => sql`(${ids.get(r.details.model)}::uuid, ${ids.get(r.replacesModel as string)}::uuid)`,
        ),
        ', ',
      )}) as o (id, replaces) where p.id = o.id`,
    );
  return [];
}

/**
 * An operator's import of a supplier's file (`fuju import products`): the same
 * checks, report and all-or-nothing write as an upload through the portal.
 */
export async function importFileForSupplier(
  db: Db,
  input: { supplier: string; filePath: string; operator: string; knownIsoCodes: ReadonlySet<string> },
): Promise<ImportRecord> {
  const [supplier] = await db.query<{ id: string }>(
    sql`select id from organisation where type = 'supplier' and (name_zh = ${input.supplier} or id::text = ${input.supplier})`,
  );
  if (!supplier) throw new Error(`no supplier named "${input.supplier}"`);
  const format = input.filePath.toLowerCase().endsWith('.csv') ? 'csv' : 'xlsx';
  const context: CommandContext = {
    actor: {
      userId: null,
      label: `system (fuju import products by ${input.operator})`,
      organisationId: null,
    },
    sourceAddress: null,
  };
  const fileName = input.filePath.split('/').at(-1) ?? input.filePath;
  const id = await startImport(db, context, { supplierId: supplier.id, fileName, format });
  await runImport(db, context, id, input.filePath, input.knownIsoCodes);
  return (await findImport(db, id)) as ImportRecord;
}
