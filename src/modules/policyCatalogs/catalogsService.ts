import { appendAudit } from '../../platform/audit/index.ts';
import { type Db, type Queryable, sql } from '../../platform/db/index.ts';
import { HttpError } from '../../platform/http/index.ts';
import { setSubsidyCatalogMembership } from '../catalog/index.ts';
import {
  type CatalogVersion,
  catalogInForce,
  findCatalog,
  type ItemProductLink,
  insertCatalog,
  lockCatalog,
  productsInForce,
  readSettings,
  rehabItems,
  replaceRehabItems,
  replaceSubsidyItems,
  setCatalogStatus,
  subsidyItems,
} from './catalogsRepo.ts';
import { type CatalogCommand, catalogAllows } from './domain/catalogWorkflow.ts';
import type { CatalogKind, RehabItem, SubsidyItem } from './domain/items.ts';
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
      // Products stay listed under items whose code survives; replaceSubsidyItems drops the rest.
      const kept = await subsidyItems(tx, catalog.id);
      const links = kept.flatMap((old) =>
        old.products.map((p) => ({ code: old.code, productId: p.productId, priceFen: p.priceFen })),
      );
      await replaceSubsidyItems(tx, catalog.id, items.items, links);
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
