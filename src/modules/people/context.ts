import type { FastifyRequest } from 'fastify';
import { auditActor, sourceAddress } from '../../platform/auth/index.ts';

/** Who does something, as the audit trail records them. */
export interface CommandContext {
  readonly actor: {
    readonly userId: string | null;
    readonly label: string;
    readonly organisationId: string | null;
  };
  readonly sourceAddress: string | null;
}

export const commandContext = (request: FastifyRequest): CommandContext => ({
  actor: auditActor(request.actor),
  sourceAddress: sourceAddress(request),
});

/** The platform acting on its own (binding an account found at read time, demo data). */
export const systemContext: CommandContext = {
  actor: { userId: null, label: 'system', organisationId: null },
  sourceAddress: null,
};
