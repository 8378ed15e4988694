import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { PageQuery, pageContext, sendPage } from '../../../../platform/http/index.ts';
import { formatDateTime } from '../../../../platform/i18n/index.ts';
import type { ModuleDeps } from '../../../../platform/module.ts';
import { Button, Select, Table, type TableCell } from '../../../../platform/ui/index.ts';
import { productSummaries } from '../../../catalog/index.ts';
import { listAdmissions } from '../../admissionsRepo.ts';
import { type AdmissionStatus, admissionStatuses } from '../../domain/admission.ts';
import { admissionStatusText, policyLabels } from '../labels.ts';
import { AdmissionStatusTag, inLocale } from '../shared.tsx';
import { policyAdminMessages } from './messages.ts';
import { PolicyAdminPage } from './shared.tsx';

const ListQuery = Type.Object({
  ...PageQuery.properties,
  // An unknown status is ignored rather than refused: the filter then shows everything.
  status: Type.Optional(Type.String({ maxLength: 40 })),
});

const isStatus = (value: string | undefined): value is AdmissionStatus =>
  (admissionStatuses as readonly (string | undefined)[]).includes(value);

/** GET /admin/admissions: every application to admit a product, newest change first, by status. */
export function admissionListPages(app: FastifyInstance, deps: ModuleDeps): void {
  const { db, config, assets } = deps;

  app.get(
    '/admin/admissions',
    {
      config: { access: 'admission.manage', languageKeepsQuery: true },
      schema: { hide: true, querystring: ListQuery },
    },
    async (request, reply) => {
      const query = request.query as { status?: string };
      const status = isStatus(query.status) ? query.status : undefined;
      const ctx = pageContext(config, assets, request, reply);
      const t = policyAdminMessages.for(ctx.locale);
      const l = policyLabels.for(ctx.locale);
      const admissions = await listAdmissions(
        db,
        { all: true, organisationIds: [], reviewerId: null },
        status === undefined ? {} : { statuses: [status] },
      );
      const products = await productSummaries(db, [...new Set(admissions.map((a) => a.productId))]);
      return sendPage(
        reply,
        <PolicyAdminPage ctx={ctx} area="admissions" title={t('admissionsTitle')} crumbs={[]}>
          <h1 class="fj-heading-l">{t('admissionsTitle')}</h1>
          <p class="fj-body">{t('admissionsLead')}</p>
          <p class="fj-body">
            <Button href="/admin/admissions/new" variant="secondary">
              {t('applyForCity')}
            </Button>
          </p>
          <form method="get" action="/admin/admissions" class="fj-filters" novalidate>
            <div class="fj-filters__grid">
              <Select
                id="status"
                name="status"
                label={t('filterStatus')}
                value={status ?? ''}
                options={[
                  { value: '', text: t('allStatuses') },
                  ...admissionStatuses.map((s) => ({ value: s, text: admissionStatusText(l, s) })),
                ]}
              />
            </div>
            <Button variant="secondary">{t('applyFilter')}</Button>
          </form>
          <p class="fj-body" role="status">
            {status === undefined
              ? t('admissionsCount', { count: admissions.length })
              : t('admissionsCountStatus', {
                  count: admissions.length,
                  status: admissionStatusText(l, status),
                })}
          </p>
          {admissions.length === 0 ? (
            <p class="fj-body">{t('noAdmissions')}</p>
          ) : (
            <Table
              id="admissions"
              caption={t('admissionsCaption')}
              captionSize="s"
              captionVisuallyHidden
              columns={[
                { header: t('colProduct') },
                { header: t('colSupplier') },
                { header: t('colItem') },
                { header: t('colStatus') },
                { header: t('colUpdated') },
              ]}
              rows={admissions.map((a): TableCell[] => {
                const product = products.get(a.productId);
                const name = product
                  ? inLocale(ctx.locale, product.nameZh, product.nameEn)
                  : t('unknownProduct');
                return [
                  {
                    content: (
                      <>
                        <a href={`/admin/admissions/${a.id}`}>{name}</a>
                        {product && (
                          <>
                            <br />
                            {t('modelText', { model: product.model })}
                          </>
                        )}
                      </>
                    ),
                  },
                  product
                    ? inLocale(ctx.locale, product.supplierNameZh, product.supplierNameEn)
                    : inLocale(ctx.locale, a.applicantNameZh, a.applicantNameEn),
                  t('itemText', {
                    code: a.itemCode,
                    name: inLocale(ctx.locale, a.itemNameZh, a.itemNameEn),
                    year: a.catalogYear,
                  }),
                  { content: <AdmissionStatusTag locale={ctx.locale} status={a.status} /> },
                  formatDateTime(a.updatedAt, ctx.locale),
                ];
              })}
            />
          )}
        </PolicyAdminPage>,
      );
    },
  );
}
