import { appendAudit } from '../../platform/audit/index.ts';
import { type Db, type Queryable, sql } from '../../platform/db/index.ts';
import type { ProductDetails, ProductStatus } from './domain/product.ts';
import { allowedCommands, type ProductCommand, statusAfter, type WorkingState } from './domain/workflow.ts';
import {
  bumpCatalogRevision,
  insertProduct,
  insertVersion,
  setVersionState,
  stampProducts,
  updateProduct,
  updateVersionDetails,
} from './productsRepo.ts';

/** Why a catalog command was refused; pages and the API turn the code into a message. */
export class CatalogCommandError extends Error {
  constructor(
    readonly code: 'not_found' | 'not_allowed_now' | 'replaces_unknown' | 'not_a_supplier',
    message: string,
  ) {
    super(message);
    this.name = 'CatalogCommandError';
  }
}

interface LockedProduct {
  readonly id: string;
  readonly supplierId: string;
  readonly status: ProductStatus;
  readonly publishedVersion: number | null;
  readonly workingVersion: number | null;
  readonly workingState: WorkingState;
  readonly lastVersion: number;
}

/** Reads the product under a row lock, so two reviewers cannot act on one version at once. */
async function lockProduct(tx: Queryable, id: string): Promise<LockedProduct> {
  const [row] = await tx.query<{
    id: string;
    supplier_id: string;
    status: ProductStatus;
    published_version: number | null;
    working_version: number | null;
  }>(
    sql`select id, supplier_id, status, published_version, working_version from product where id = ${id} for update`,
  );
  if (!row) throw new CatalogCommandError('not_found', 'no such product');
  const [working] =
    row.working_version === null
      ? []
      : await tx.query<{ state: WorkingState }>(
          sql`select state from product_version where product_id = ${id} and version = ${row.working_version}`,
        );
  const [last] = await tx.query<{ max: number | null }>(
    sql`select max(version) as max from product_version where product_id = ${id}`,
  );
  return {
    id: row.id,
    supplierId: row.supplier_id,
    status: row.status,
    publishedVersion: row.published_version,
    workingVersion: row.working_version,
    workingState: working?.state ?? 'none',
    lastVersion: Number(last?.max ?? 0),
  };
}

function check(product: LockedProduct, command: ProductCommand): void {
  if (!allowedCommands(product.status, product.workingState).includes(command))
    throw new CatalogCommandError('not_allowed_now', `cannot ${command} a product in this state`);
}

/** Who acts, as the audit trail writes them: a signed-in user, or a command run by an operator. */
export interface CommandContext {
  readonly actor: {
    readonly userId: string | null;
    readonly label: string;
    readonly organisationId: string | null;
  };
  readonly sourceAddress: string | null;
}

const audit = (
  tx: Queryable,
  context: CommandContext,
  action: string,
  productId: string,
  detail: Record<string, string | number | boolean | null>,
) =>
  appendAudit(tx, {
    actor: context.actor,
    action,
    object: { type: 'product', id: productId },
    outcome: 'success',
    sourceAddress: context.sourceAddress,
    detail,
  });

async function replacedProductOf(tx: Queryable, supplierId: string, replacesProductId: string | null) {
  if (replacesProductId === null) return null;
  // A generation is replaced by its own maker's next one.
  const [row] = await tx.query<{ id: string }>(
    sql`select id from product where id = ${replacesProductId} and supplier_id = ${supplierId}`,
  );
  if (!row)
    throw new CatalogCommandError('replaces_unknown', 'the product it replaces is not this supplier’s');
  return row.id;
}

/** A new product: its first version, as a draft. */
export async function createProduct(
  db: Db,
  context: CommandContext,
  input: { supplierId: string; details: ProductDetails; replacesProductId: string | null },
): Promise<{ productId: string; version: number }> {
  return db.transaction(async (tx) => {
    const replaces = await replacedProductOf(tx, input.supplierId, input.replacesProductId);
    const productId = await insertProduct(tx, {
      supplierId: input.supplierId,
      replacesProductId: replaces,
      isDemo: false,
    });
    await insertVersion(tx, {
      productId,
      version: 1,
      state: 'draft',
      details: input.details,
      createdBy: context.actor.userId,
    });
    await audit(tx, context, 'product.create', productId, { version: 1 });
    return { productId, version: 1 };
  });
}

/** Saves the working draft, or starts a new version from the published one. */
export async function saveDraft(
  db: Db,
  context: CommandContext,
  productId: string,
  details: ProductDetails,
): Promise<{ version: number }> {
  return db.transaction(async (tx) => {
    const product = await lockProduct(tx, productId);
    check(product, 'save');
    let version = product.workingVersion;
    if (version === null) {
      version = product.lastVersion + 1;
      await insertVersion(tx, {
        productId,
        version,
        state: 'draft',
        details,
        createdBy: context.actor.userId,
      });
    } else {
      await updateVersionDetails(tx, productId, version, details);
    }
    await updateProduct(tx, productId, {
      workingVersion: version,
      status: statusAfter(product.status, 'save'),
    });
    await audit(tx, context, 'product.save', productId, { version });
    return { version };
  });
}

export async function submitProduct(db: Db, context: CommandContext, productId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const product = await lockProduct(tx, productId);
    check(product, 'submit');
    const version = product.workingVersion as number;
    await setVersionState(tx, productId, version, { state: 'submitted' });
    await updateProduct(tx, productId, { status: statusAfter(product.status, 'submit') });
    await audit(tx, context, 'product.submit', productId, { version });
  });
}

/** Publishes the submitted version; the version it replaces is kept as superseded. */
export async function approveProduct(db: Db, context: CommandContext, productId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const revision = await bumpCatalogRevision(tx);
    const product = await lockProduct(tx, productId);
    check(product, 'approve');
    const version = product.workingVersion as number;
    if (product.publishedVersion !== null)
      await setVersionState(tx, productId, product.publishedVersion, { state: 'superseded' });
    await setVersionState(tx, productId, version, {
      state: 'published',
      reviewedBy: context.actor.userId ?? undefined,
    });
    await updateProduct(tx, productId, {
      status: 'published',
      publishedVersion: version,
      workingVersion: null,
      withdrawnReason: null,
    });
    await stampProducts(tx, [productId], revision);
    await audit(tx, context, 'product.approve', productId, { version });
  });
}

export async function rejectProduct(
  db: Db,
  context: CommandContext,
  productId: string,
  reason: string,
): Promise<void> {
  await db.transaction(async (tx) => {
    const product = await lockProduct(tx, productId);
    check(product, 'reject');
    const version = product.workingVersion as number;
    await setVersionState(tx, productId, version, {
      state: 'rejected',
      reviewedBy: context.actor.userId ?? undefined,
      reason,
    });
    await updateProduct(tx, productId, { status: statusAfter(product.status, 'reject') });
    // The reason is the reviewer's words about a product, not about a person; it stays in the version row.
    await audit(tx, context, 'product.reject', productId, { version });
  });
}

export async function withdrawProduct(
  db: Db,
  context: CommandContext,
  productId: string,
  reason: string,
): Promise<void> {
  await db.transaction(async (tx) => {
    const revision = await bumpCatalogRevision(tx);
    const product = await lockProduct(tx, productId);
    check(product, 'withdraw');
    await updateProduct(tx, productId, { status: 'withdrawn', withdrawnReason: reason });
    await stampProducts(tx, [productId], revision);
    await audit(tx, context, 'product.withdraw', productId, { version: product.publishedVersion });
  });
}
