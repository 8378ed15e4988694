import { appendAudit } from '../../platform/audit/index.ts';
import { type Db, type Queryable, sql } from '../../platform/db/index.ts';
import { HttpError } from '../../platform/http/index.ts';
import { setSubsidyCatalogMembership } from '../catalog/index.ts';
import {
  type CatalogVersion,
  catalogInForce,
  deleteRehabItem,
  deleteSubsidyItem,
  findCatalog,
  type ItemDeleteOutcome,
  type ItemProductLink,
  type ItemSaveOutcome,
  insertCatalog,
  lockCatalog,
  productsInForce,
  readSettings,
  rehabItems,
  replaceRehabItems,
  replaceSubsidyItems,
  setCatalogStatus,
  subsidyCodesWithAdmissions,
  subsidyItems,
  upsertRehabItem,
  upsertSubsidyItem,
} from './catalogsRepo.ts';
import { type CatalogCommand, catalogAllows } from './domain/catalogWorkflow.ts';
import {
  type CatalogKind,
  type RehabItem,
  rehabItemProblems,
  type SubsidyItem,
  subsidyItemProblems,
} from './domain/items.ts';
import { policyYearBounds } from './domain/policyYear.ts';

/** Who does something, as the audit trail records them. */
export interface CommandContext {
  readonly actor: {
    readonly userId: string | null;
    readonly label: string;
    readonly organisationId: string | null;
  };
  readonly sourceAddress: string | null;
}

const conflict = (message: string) => new HttpError(409, 'conflict', message);

async function audit(
  tx: Queryable,
  context: CommandContext,
  action: string,
  catalogId: string,
  detail: Record<string, string | number | boolean>,
): Promise<void> {
  await appendAudit(tx, {
    actor: context.actor,
    action,
    object: { type: 'policy_catalog', id: catalogId },
    outcome: 'success',
    sourceAddress: context.sourceAddress,
    detail,
  });
}

/**
 * A new draft for a policy year, starting as a copy of the latest earlier
 * version of the same kind (catalogs change a little each year).
 */
export async function createDraft(
  db: Db,
  context: CommandContext,
  draft: { kind: CatalogKind; year: number; titleZh: string; titleEn: string },
): Promise<string> {
  return db.transaction(async (tx) => {
    if (await findCatalog(tx, draft.kind, draft.year)) throw conflict('a version for this year exists');
    const settings = await readSettings(tx);
    const bounds = policyYearBounds(draft.year, settings.yearStart);
    const id = await insertCatalog(
      tx,
      { ...draft, source: '', startsOn: bounds.startsOn, endsOn: bounds.endsOn, isDemo: false },
      context.actor.userId,
    );
    const [previous] = await tx.query<{ id: string }>(
      sql`select id from policy_catalog where kind = ${draft.kind} and year < ${draft.year} order by year desc limit 1`,
    );
    let copied = 0;
    if (previous !== undefined) {
      if (draft.kind === 'subsidy') {
        const items = await subsidyItems(tx, previous.id);
        const links: ItemProductLink[] = items.flatMap((item) =>
          item.products.map((p) => ({ code: item.code, productId: p.productId, priceFen: p.priceFen })),
        );
        await replaceSubsidyItems(tx, id, items, links);
        copied = items.length;
      } else {
        const items = await rehabItems(tx, previous.id);
        await replaceRehabItems(tx, id, items);
        copied = items.length;
      }
    }
    await audit(tx, context, 'policy_catalog.create', id, { kind: draft.kind, year: draft.year, copied });
    return id;
  });
}

async function lockFor(tx: Queryable, catalog: CatalogVersion, command: CatalogCommand): Promise<void> {
  const status = await lockCatalog(tx, catalog.id);
  if (status === undefined || !catalogAllows(status, command))
    throw conflict(`a catalog in status ${status ?? 'unknown'} does not allow ${command}`);
}

/** Replaces a draft's items (from a spreadsheet); the products listed under them stay where codes match. */
export async function replaceItems(
  db: Db,
  context: CommandContext,
  catalog: CatalogVersion,
  items: { kind: 'subsidy'; items: readonly SubsidyItem[] } | { kind: 'rehab'; items: readonly RehabItem[] },
): Promise<void> {
  await db.transaction(async (tx) => {
    await lockFor(tx, catalog, 'editItems');
    if (items.kind === 'subsidy') {
      // An item an application names is that application's record: a file that drops it is refused.
      const kept = new Set(items.items.map((item) => item.code));
      const named = (await subsidyCodesWithAdmissions(tx, catalog.id)).find((code) => !kept.has(code));
      if (named !== undefined) throw new ItemHasAdmissions(named);
      // Kept codes are updated in place, so their admitted products stay listed.
      await replaceSubsidyItems(tx, catalog.id, items.items, []);
    } else {
      await replaceRehabItems(tx, catalog.id, items.items);
    }
    await audit(tx, context, 'policy_catalog.items', catalog.id, { items: items.items.length });
  });
}

const statusAuditActions = {
  startNotice: 'policy_catalog.start_notice',
  reopen: 'policy_catalog.reopen',
  putInForce: 'policy_catalog.put_in_force',
} as const;

/** Moves a version on: draft → notice → (draft | in force). Entry into force supersedes the previous version. */
export async function changeCatalogStatus(
  db: Db,
  context: CommandContext,
  catalog: CatalogVersion,
  command: 'startNotice' | 'reopen' | 'putInForce',
): Promise<void> {
  await db.transaction(async (tx) => {
    await lockFor(tx, catalog, command);
    if (command === 'startNotice') await setCatalogStatus(tx, catalog.id, 'notice');
    else if (command === 'reopen') await setCatalogStatus(tx, catalog.id, 'draft');
    else {
      const previous = await catalogInForce(tx, catalog.kind);
      if (previous !== undefined) {
        await lockCatalog(tx, previous.id);
        await setCatalogStatus(tx, previous.id, 'superseded');
      }
      await setCatalogStatus(tx, catalog.id, 'in_force');
      if (catalog.kind === 'subsidy') await setSubsidyCatalogMembership(tx, await productsInForce(tx));
    }
    await audit(tx, context, statusAuditActions[command], catalog.id, {
      kind: catalog.kind,
      year: catalog.year,
    });
  });
}

/** One item to save: new (previousCode null) or a change to the item that had previousCode. */
export type ItemChange =
  | { readonly kind: 'subsidy'; readonly item: SubsidyItem; readonly previousCode: string | null }
  | { readonly kind: 'rehab'; readonly item: RehabItem; readonly previousCode: string | null };

/** Another item of the version has the code: a mistake on the form, shown next to the code. */
export class ItemCodeTaken extends Error {
  constructor(readonly code: string) {
    super(`an item of the version has code ${code}`);
  }
}

/** Applications for admission were made for the item: it is their record, so it stays. */
export class ItemHasAdmissions extends Error {
  constructor(readonly code: string) {
    super(`applications refer to item ${code}`);
  }
}

const itemNotFound = () => new HttpError(404, 'not_found', 'no such item in this version');

/** The rules every item obeys: a caller that skipped them has a bug, not a user mistake. */
function assertValid(change: ItemChange): void {
  const problems =
    change.kind === 'subsidy' ? subsidyItemProblems(change.item) : rehabItemProblems(change.item);
  if (problems.length > 0)
    throw new HttpError(400, 'invalid_item', `invalid item: ${problems.map((p) => p.field).join(', ')}`);
}

/** Adds one item to a draft, or changes one (a new code keeps the item's admitted products). */
export async function saveItem(
  db: Db,
  context: CommandContext,
  catalog: CatalogVersion,
  change: ItemChange,
): Promise<void> {
  if (change.kind !== catalog.kind) throw new HttpError(400, 'wrong_kind', 'item of another kind');
  assertValid(change);
  await db.transaction(async (tx) => {
    await lockFor(tx, catalog, 'editItems');
    const outcome: ItemSaveOutcome =
      change.kind === 'subsidy'
        ? await upsertSubsidyItem(tx, catalog.id, change.item, change.previousCode)
        : await upsertRehabItem(tx, catalog.id, change.item, change.previousCode);
    if (outcome === 'codeTaken') throw new ItemCodeTaken(change.item.code);
    if (outcome === 'previousMissing') throw itemNotFound();
    const { previousCode } = change;
    await audit(tx, context, 'policy_catalog.item_save', catalog.id, {
      kind: change.kind,
      code: change.item.code,
      // A new code is recorded with the old one, so the trail follows the item.
      ...(previousCode !== null && previousCode !== change.item.code ? { previousCode } : {}),
    });
  });
}

/** Deletes one item of a draft (a subsidy item with the products listed under it in this version). */
export async function deleteItem(
  db: Db,
  context: CommandContext,
  catalog: CatalogVersion,
  kind: CatalogKind,
  code: string,
): Promise<void> {
  if (kind !== catalog.kind) throw new HttpError(400, 'wrong_kind', 'item of another kind');
  await db.transaction(async (tx) => {
    await lockFor(tx, catalog, 'editItems');
    const outcome: ItemDeleteOutcome =
      kind === 'subsidy'
        ? await deleteSubsidyItem(tx, catalog.id, code)
        : await deleteRehabItem(tx, catalog.id, code);
    if (outcome === 'missing') throw itemNotFound();
    if (outcome === 'hasAdmissions') throw new ItemHasAdmissions(code);
    await audit(tx, context, 'policy_catalog.item_delete', catalog.id, { kind, code });
  });
}
