// Who a survey command is done by, and the one audit row it writes inside its transaction.
import type { FastifyRequest } from 'fastify';
import { type AuditDetailValue, type AuditEntry, appendAudit } from '../../platform/audit/index.ts';
import { auditActor, sourceAddress } from '../../platform/auth/index.ts';
import type { Queryable } from '../../platform/db/index.ts';

/** Who does something, as the audit trail records them. */
export type CommandContext = Pick<AuditEntry, 'actor' | 'sourceAddress'>;

export const commandContext = (request: FastifyRequest): CommandContext => ({
  actor: auditActor(request.actor),
  sourceAddress: sourceAddress(request),
});

/** The success row of a command on one object (a campaign, a need topic). */
export async function auditCommand(
  tx: Queryable,
  context: CommandContext,
  action: string,
  object: { readonly type: string; readonly id: string },
  detail: Readonly<Record<string, AuditDetailValue>> = {},
): Promise<void> {
  await appendAudit(tx, {
    actor: context.actor,
    action,
    object,
    outcome: 'success',
    sourceAddress: context.sourceAddress,
    detail,
  });
}
