import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { signedIn } from '../../../platform/auth/index.ts';
import { PageQuery, pageContext, sendPage } from '../../../platform/http/index.ts';
import { formatDate, formatDateTime, formatYuan } from '../../../platform/i18n/index.ts';
import type { ModuleDeps } from '../../../platform/module.ts';
import {
  FormPage,
  FreeText,
  type PageContext,
  SummaryList,
  shellMessages,
} from '../../../platform/ui/index.ts';
import { authorisedCase, recordCaseRead } from '../caseReads.ts';
import { prescriptionTotals } from '../domain/prescription.ts';
import { applicationRows, itemTitle, PrescriptionTable } from './caseSections.tsx';
import { type CaseView, loadCaseView } from './caseView.ts';
import { fittingLabels, statusText } from './labels.ts';
import { fittingPageMessages } from './messages.ts';
import { caseHref, dayText } from './shared.tsx';

/**
 * The application form and its receipt on paper: what the person asked for,
 * what was prescribed and what it costs whom, and the delivery. The
 * platform's print styles hide the navigation and every form.
 */
function PrintPage({ ctx, view, resident }: { ctx: PageContext; view: CaseView; resident: boolean }) {
  const { locale } = ctx;
  const t = fittingPageMessages.for(locale);
  const l = fittingLabels.for(locale);
  const shell = shellMessages.for(locale);
  const c = view.case;
  const d = view.delivery;
  const totals = prescriptionTotals(view.prescription);
  const title = t('printTitle', { reference: c.reference });
  const area = resident
    ? { text: shell('navMyApplications'), href: '/my/applications' }
    : { text: shell('navCases'), href: '/cases' };
  return (
    <FormPage
      ctx={ctx}
      title={title}
      area={area}
      crumbs={[{ text: c.reference, href: caseHref(c.id) }, { text: t('printLink') }]}
    >
      <h1 class="fj-heading-l">{title}</h1>
      <p class="fj-body">{t('printHint')}</p>
      <h2 class="fj-heading-m">{t('printApplicationHeading')}</h2>
      <SummaryList
        rows={[
          { key: t('colReference'), value: c.reference },
          { key: t('submittedAt'), value: formatDateTime(c.createdAt, locale) },
          { key: t('printedOn'), value: formatDate(new Date(), locale) },
          { key: t('personName'), value: <FreeText locale={locale} text={view.maskedName} /> },
          { key: t('personResidentId'), value: view.maskedResidentId },
          { key: t('colItem'), value: itemTitle(locale, view) },
          { key: t('colStatus'), value: statusText(l, c.status) },
          ...applicationRows(locale, view),
        ]}
      />
      <h2 class="fj-heading-m">{t('prescriptionHeading')}</h2>
      {view.prescription.length === 0 ? (
        <p class="fj-body">{t('noPrescriptionYet')}</p>
      ) : (
        <>
          <PrescriptionTable locale={locale} view={view} />
          <SummaryList
            rows={[
              { key: t('totalSubsidy'), value: formatYuan(totals.subsidyFen, locale) },
              { key: t('totalSelfPaid'), value: formatYuan(totals.selfPaidFen, locale) },
            ]}
          />
        </>
      )}
      <h2 class="fj-heading-m">{t('printReceiptHeading')}</h2>
      <SummaryList
        rows={[
          { key: t('serialNumber'), value: d?.serialNumber ?? t('notYet') },
          { key: t('deliveredOn'), value: d?.deliveredOn ? dayText(d.deliveredOn, locale) : t('notYet') },
          {
            key: t('confirmedOn'),
            value: d?.confirmedOn
              ? t('confirmedBy', {
                  day: dayText(d.confirmedOn, locale),
                  who: l(`signedBy_${d.confirmedBy ?? 'person'}`),
                })
              : t('notYet'),
          },
          { key: t('signature'), value: t('signatureLine') },
        ]}
      />
    </FormPage>
  );
}

/** GET /applications/:id/print: the printable application and receipt (404 when out of reach). */
export function printPage(app: FastifyInstance, deps: ModuleDeps): void {
  const { db, config, assets, keyring } = deps;
  app.get(
    '/applications/:id/print',
    {
      config: { access: 'case.read' },
      schema: {
        hide: true,
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        querystring: PageQuery,
      },
    },
    async (request, reply) => {
      const actor = signedIn(request);
      const { id } = request.params as { id: string };
      const found = await authorisedCase(db, request, actor, id);
      const view = await loadCaseView(db, keyring, found);
      await recordCaseRead(db, request, 'case.read', id, { print: true });
      const ctx = pageContext(config, assets, request, reply);
      return sendPage(reply, <PrintPage ctx={ctx} view={view} resident={actor.userKind === 'resident'} />);
    },
  );
}
