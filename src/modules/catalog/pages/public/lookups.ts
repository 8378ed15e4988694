import { type Db, sql } from '../../../../platform/db/index.ts';
import type { Locale } from '../../../../platform/i18n/index.ts';
import {
  type ClassificationNode,
  currentClassificationVersion,
  listClassificationNodes,
} from '../../classificationRepo.ts';

/** The current edition of the classification, by code. */
export interface ClassTree {
  readonly byCode: ReadonlyMap<string, ClassificationNode>;
  /** The classes (2 digits), in code order. */
  readonly classes: readonly ClassificationNode[];
}

/** Titles change rarely (an administrator's edit); a few seconds' delay on the public pages is fine. */
const cacheMs = 10_000;
const cache = new WeakMap<Db, { at: number; tree: Promise<ClassTree> }>();

export function classTree(db: Db): Promise<ClassTree> {
  const cached = cache.get(db);
  if (cached && Date.now() - cached.at < cacheMs) return cached.tree;
  const tree = loadClassTree(db);
  cache.set(db, { at: Date.now(), tree });
  // A failed load is not kept: the next request tries again.
  tree.catch(() => cache.delete(db));
  return tree;
}

async function loadClassTree(db: Db): Promise<ClassTree> {
  const version = await currentClassificationVersion(db);
  const nodes = version === undefined ? [] : await listClassificationNodes(db, version);
  return {
    byCode: new Map(nodes.map((n) => [n.code, n])),
    classes: nodes.filter((n) => n.level === 1),
  };
}

export const nodeTitle = (node: ClassificationNode, locale: Locale): string =>
  locale === 'en' && node.titleEn.trim() !== '' ? node.titleEn : node.titleZh;

/** The class, subclass and division a code belongs to, as far as the edition knows them. */
export function classPath(tree: ClassTree, code: string): ClassificationNode[] {
  const path: ClassificationNode[] = [];
  for (let length = 2; length <= code.length; length += 2) {
    const node = tree.byCode.get(code.slice(0, length));
    if (node) path.push(node);
  }
  return path;
}

/** Suppliers' names in both languages (the search facets carry only the Chinese one). */
export async function supplierNames(
  db: Db,
  ids: readonly string[],
): Promise<Map<string, { zh: string; en: string }>> {
  if (ids.length === 0) return new Map();
  const rows = await db.query<{ id: string; name_zh: string; name_en: string | null }>(
    sql`select id, name_zh, name_en from organisation where id = any(${[...ids]}::uuid[])`,
  );
  return new Map(rows.map((r) => [r.id, { zh: r.name_zh, en: r.name_en ?? '' }]));
}
