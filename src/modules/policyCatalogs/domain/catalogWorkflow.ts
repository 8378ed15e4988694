import type { CatalogStatus } from './items.ts';

/**
 * What may happen to a catalog version in each status. Items change only in
 * a draft; a version under notice goes back to draft for corrections or into
 * force, which supersedes the version of the same kind that was in force.
 */
export type CatalogCommand = 'editItems' | 'startNotice' | 'reopen' | 'putInForce';

export const commandsByCatalogStatus = {
  draft: ['editItems', 'startNotice'],
  notice: ['reopen', 'putInForce'],
  in_force: [],
  superseded: [],
} as const satisfies Record<CatalogStatus, readonly CatalogCommand[]>;

export function catalogAllows(status: CatalogStatus, command: CatalogCommand): boolean {
  return (commandsByCatalogStatus[status] as readonly CatalogCommand[]).includes(command);
}

/** The statuses the public sees: a draft is the city's working copy. */
export const publicStatuses: readonly CatalogStatus[] = ['notice', 'in_force', 'superseded'];
