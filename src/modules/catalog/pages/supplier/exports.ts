import { PassThrough } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { recordAudit } from '../../../../platform/audit/index.ts';
import { auditActor, reach, sourceAddress } from '../../../../platform/auth/index.ts';
import { PageQuery } from '../../../../platform/http/index.ts';
import type { CatalogServices } from '../../catalogServices.ts';
import { type ExportRow, writeProductsCsv, writeProductsXlsx } from '../../spreadsheet/write.ts';
import { countProductsWithin, exportRows } from './queries.ts';
import { signedIn } from './shared.tsx';

type Format = 'xlsx' | 'csv';

const contentTypes: Record<Format, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

/**
 * Streams a spreadsheet: rows are written as they are read, so the response
 * starts at once and memory stays flat. A failure half way cuts the download
 * short (the browser reports it) rather than sending a partial file as whole.
 */
function sendSheet(
  request: FastifyRequest,
  reply: FastifyReply,
  format: Format,
  fileName: string,
  rows: AsyncIterable<ExportRow> | Iterable<ExportRow>,
) {
  const body = new PassThrough();
  const write = format === 'xlsx' ? writeProductsXlsx : writeProductsCsv;
  write(body, rows, request.locale).catch((error: unknown) => {
    request.log.error({ err: error }, 'product export failed');
    body.destroy(error instanceof Error ? error : new Error(String(error)));
  });
  return reply
    .header('content-disposition', `attachment; filename="${fileName}"`)
    .header('x-content-type-options', 'nosniff')
    .type(contentTypes[format])
    .send(body);
}

/** Exports of a supplier's products and the empty import templates, in both formats. */
export function exportRoutes(app: FastifyInstance, services: CatalogServices): void {
  const { db } = services;

  for (const format of ['xlsx', 'csv'] as const) {
    app.get(
      `/supplier/products/export.${format}`,
      {
        // A bulk export is rate limited on its own (SECURITY.md 16).
        config: { access: 'product.read', rateLimit: { max: 20, timeWindow: 60_000 } },
        schema: { hide: true, querystring: PageQuery },
      },
      async (request, reply) => {
        const actor = signedIn(request);
        const within = reach(actor, 'product.read');
        const rows = await countProductsWithin(db, within);
        const [only] = within.organisationIds;
        // What was exported and how much, never what it held.
        await recordAudit(db, {
          actor: auditActor(actor),
          action: 'product.export',
          object:
            !within.all && within.organisationIds.length === 1 && only
              ? { type: 'organisation', id: only }
              : null,
          outcome: 'success',
          sourceAddress: sourceAddress(request),
          detail: { rows, format, allSuppliers: within.all },
        });
        const date = new Date().toISOString().slice(0, 10);
        return sendSheet(request, reply, format, `fuju-products-${date}.${format}`, exportRows(db, within));
      },
    );

    app.get(
      `/supplier/imports/template.${format}`,
      { config: { access: 'product.edit' }, schema: { hide: true, querystring: PageQuery } },
      async (request, reply) => sendSheet(request, reply, format, `fuju-products-template.${format}`, []),
    );
  }
}
