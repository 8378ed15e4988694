/** What changed in one item between two versions, field by field. */
export interface FieldChange {
  readonly field: string;
  readonly from: unknown;
  readonly to: unknown;
}

export interface ItemChange<T> {
  readonly code: string;
  readonly from: T;
  readonly to: T;
  readonly changes: readonly FieldChange[];
}

export interface CatalogDiff<T> {
  readonly added: readonly T[];
  readonly removed: readonly T[];
  readonly changed: readonly ItemChange<T>[];
  readonly unchanged: number;
}

/** Values compare by content: arrays and records by their JSON with sorted keys. */
function same(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}

/**
 * The difference between an older and a newer version of a catalog: items
 * matched by code; an item is changed when any of the compared fields
 * differs. Results keep the newer version's order (the older's for removals).
 */
export function diffCatalogs<T extends { readonly code: string }>(
  older: readonly T[],
  newer: readonly T[],
  fields: readonly (keyof T & string)[],
): CatalogDiff<T> {
  const olderByCode = new Map(older.map((item) => [item.code, item]));
  const newerCodes = new Set(newer.map((item) => item.code));
  const added: T[] = [];
  const changed: ItemChange<T>[] = [];
  let unchanged = 0;
  for (const item of newer) {
    const before = olderByCode.get(item.code);
    if (before === undefined) {
      added.push(item);
      continue;
    }
    const changes = fields
      .filter((field) => !same(before[field], item[field]))
      .map((field) => ({ field, from: before[field], to: item[field] }));
    if (changes.length === 0) unchanged += 1;
    else changed.push({ code: item.code, from: before, to: item, changes });
  }
  const removed = older.filter((item) => !newerCodes.has(item.code));
  return { added, removed, changed, unchanged };
}
