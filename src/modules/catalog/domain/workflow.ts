import type { ProductStatus, VersionState } from './product.ts';

/** What can be done to a product: a supplier edits and submits, the city reviews, either withdraws. */
export type ProductCommand = 'save' | 'submit' | 'approve' | 'reject' | 'withdraw';

/** The state of the version being worked on; 'none' when only the published version exists. */
export type WorkingState = 'none' | Extract<VersionState, 'draft' | 'submitted' | 'rejected'>;

/**
 * The next commands by the working version's state (DESIGN.md habit 3).
 * Saving with no working version starts a new version from the published one.
 * A version under review is frozen until it is approved or sent back.
 */
export const commandsByWorkingState = {
  none: ['save'],
  draft: ['save', 'submit'],
  rejected: ['save', 'submit'],
  submitted: ['approve', 'reject'],
} as const satisfies Record<WorkingState, readonly ProductCommand[]>;

export function allowedCommands(status: ProductStatus, working: WorkingState): ProductCommand[] {
  const commands: ProductCommand[] = [...commandsByWorkingState[working]];
  // Withdrawing takes a product off the public catalog; only a published one is on it.
  if (status === 'published') commands.push('withdraw');
  return commands;
}

/**
 * The product's status after a command. A published product stays published
 * while a revision is drafted and reviewed: the public keeps seeing the
 * published version until the revision is approved.
 */
export function statusAfter(status: ProductStatus, command: ProductCommand): ProductStatus {
  switch (command) {
    case 'approve':
      return 'published';
    case 'withdraw':
      return 'withdrawn';
    case 'submit':
      return status === 'published' ? status : 'submitted';
    case 'reject':
      return status === 'published' ? status : 'draft';
    case 'save':
      return status === 'published' || status === 'withdrawn' ? status : 'draft';
  }
}
