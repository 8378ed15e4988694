import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { type Db, sql } from '../db/index.ts';

const Status = Type.Object({ status: Type.String() });
const readyTimeoutMs = 2000;

/** Liveness and readiness for an orchestrator or load balancer. */
export function healthRoutes(app: FastifyInstance, db: Db): void {
  app.get(
    '/healthz',
    { config: { access: 'public' }, schema: { hide: true, response: { 200: Status } } },
    async () => ({ status: 'ok' }),
  );

  app.get(
    '/readyz',
    { config: { access: 'public' }, schema: { hide: true, response: { 200: Status, 503: Status } } },
    async (request, reply) => {
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          db.query(sql`select 1`),
          new Promise((_, reject) => {
            timer = setTimeout(() => reject(new Error('database did not answer in time')), readyTimeoutMs);
          }),
        ]);
        return { status: 'ok' };
      } catch (error) {
        request.log.warn({ err: error }, 'database not ready');
        return reply.status(503).send({ status: 'database unavailable' });
      } finally {
        clearTimeout(timer);
      }
    },
  );
}
