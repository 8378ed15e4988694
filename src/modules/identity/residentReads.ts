import type { FastifyRequest } from 'fastify';
import { recordAudit } from '../../platform/audit/index.ts';
import { auditActor } from '../../platform/auth/index.ts';
import type { Db } from '../../platform/db/index.ts';

/** Masked views of residents' data are reads of personal data too (SECURITY.md 25): one row each. */
export function recordResidentRead(
  db: Db,
  request: FastifyRequest,
  action: 'resident.read' | 'resident.list',
  residentId: string | null,
  detail: Record<string, string | number | boolean | null> = {},
) {
  return recordAudit(db, {
    actor: auditActor(request.actor),
    action,
    object: residentId === null ? null : { type: 'resident', id: residentId },
    outcome: 'success',
    sourceAddress: request.ip,
    detail,
  });
}
