import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { can, reach, signedIn } from '../../../../platform/auth/index.ts';
import {
  DoneQuery,
  HttpError,
  IdParams,
  PageQuery,
  pageContext,
  StrictBody,
  sendPage,
} from '../../../../platform/http/index.ts';
import { formatDateTime } from '../../../../platform/i18n/index.ts';
import type { ModuleDeps } from '../../../../platform/module.ts';
import {
  Button,
  CsrfField,
  doneText,
  type FieldErrors,
  FormPage,
  type PageContext,
  SummaryList,
  shellMessages,
  Table,
  type TableCell,
  Tag,
  type TagColour,
} from '../../../../platform/ui/index.ts';
import { productSummaries } from '../../../catalog/index.ts';
import { type Admission, findAdmission, listAdmissions, panelOf } from '../../admissionsRepo.ts';
import { withdraw } from '../../admissionsService.ts';
import { readSettings } from '../../catalogsRepo.ts';
import { type AdmissionStatus, admissionAllows, panelState } from '../../domain/admission.ts';
import { money, policyLabels, scoreText } from '../labels.ts';
import {
  AdmissionStatusTag,
  appliedProductName,
  authorisedAdmission,
  commandContext,
  dayText,
  inLocale,
  itemHref,
} from '../shared.tsx';
import { admissionWorkMessages, type WorkKey, type WorkT } from './messages.ts';
import { type StepState, type TimelineStep, timelineStates, timelineSteps } from './progress.ts';
import { applicationsCrumbs, EvidenceList, itemText } from './shared.tsx';

const stateColours: Record<StepState, TagColour> = {
  done: 'green',
  current: 'blue',
  upcoming: 'grey',
  skipped: 'grey',
};

/** How an application ended, for the statuses that end one. */
const outcomeKeys: Partial<Record<AdmissionStatus, WorkKey>> = {
  admitted: 'outcome_admitted',
  rejected: 'outcome_rejected',
  objection_upheld: 'outcome_objection_upheld',
  withdrawn: 'outcome_withdrawn',
};

/** What the step says beyond its state: dates, the decision's reason, the notice's period. */
function StepDetail({
  ctx,
  t,
  step,
  admission,
}: {
  ctx: PageContext;
  t: WorkT;
  step: TimelineStep;
  admission: Admission;
}) {
  const { locale } = ctx;
  switch (step) {
    case 'applied':
      return (
        <p class="fj-body">{t('stepAppliedOn', { date: formatDateTime(admission.createdAt, locale) })}</p>
      );
    case 'panel':
      return (
        <p class="fj-body">
          {admission.status === 'applied'
            ? t('stepPanelWaiting')
            : admission.status === 'under_review'
              ? t('stepPanelReviewing')
              : admission.weights === null
                ? t('stepNotReached')
                : t('stepPanelDone')}
        </p>
      );
    case 'decision':
      if (admission.decidedAt === null) return <p class="fj-body">{t('stepNotYet')}</p>;
      return (
        <>
          <p class="fj-body">
            {t(admission.noticeStartsOn === null ? 'stepDecisionRejected' : 'stepDecisionNotice', {
              date: formatDateTime(admission.decidedAt, locale),
            })}
          </p>
          {admission.decisionReason && (
            <p class="fj-body">
              {t('decisionReason')}
              {admission.decisionReason}
            </p>
          )}
        </>
      );
    case 'notice':
      if (admission.noticeStartsOn === null || admission.noticeEndsOn === null)
        return <p class="fj-body">{admission.decidedAt === null ? t('stepNotYet') : t('stepNoNotice')}</p>;
      return (
        <p class="fj-body">
          {t('stepNoticePeriod', {
            from: dayText(admission.noticeStartsOn, locale),
            to: dayText(admission.noticeEndsOn, locale),
          })}{' '}
          <a href={`/notices/${admission.id}`}>{t('noticeLink')}</a>
        </p>
      );
    case 'outcome': {
      const outcome = outcomeKeys[admission.status];
      if (admission.concludedAt === null || outcome === undefined)
        return <p class="fj-body">{t('stepNotYet')}</p>;
      return <p class="fj-body">{t(outcome, { date: formatDateTime(admission.concludedAt, locale) })}</p>;
    }
  }
}

/** The application's progress as an ordered list: each step named, its state in words, then its detail. */
function Timeline({ ctx, t, admission }: { ctx: PageContext; t: WorkT; admission: Admission }) {
  const states = timelineStates(admission.status, admission.weights !== null);
  return (
    <ol class="fj-list">
      {timelineSteps.map((step) => (
        <li key={step}>
          <h3 class="fj-heading-s">
            {t(`step_${step}`)} <Tag text={t(`state_${states[step]}`)} colour={stateColours[states[step]]} />
          </h3>
          <StepDetail ctx={ctx} t={t} step={step} admission={admission} />
        </li>
      ))}
    </ol>
  );
}

/** GET /supplier/admissions, GET /supplier/admissions/:id and POST …/:id/withdraw. */
export function supplierAdmissionPages(app: FastifyInstance, deps: ModuleDeps): void {
  const { db, config, assets } = deps;

  app.get(
    '/supplier/admissions',
    { config: { access: 'admission.read' }, schema: { hide: true, querystring: PageQuery } },
    async (request, reply) => {
      const actor = signedIn(request);
      const readable = reach(actor, 'admission.read');
      // The city has no applications of its own: it manages everyone's on its own page.
      if (readable.organisationIds.length === 0 && readable.all)
        return reply.redirect('/admin/admissions', 303);
      const ctx = pageContext(config, assets, request, reply);
      const t = admissionWorkMessages.for(ctx.locale);
      const shell = shellMessages.for(ctx.locale);
      const admissions = await listAdmissions(db, {
        all: false,
        organisationIds: readable.organisationIds,
        reviewerId: null,
      });
      const products = await productSummaries(
        db,
        admissions.map((a) => a.productId),
      );
      const settings = await readSettings(db);
      const mayApply = reach(actor, 'admission.apply').organisationIds.length > 0;
      return sendPage(
        reply,
        <FormPage
          ctx={ctx}
          title={t('supplierListTitle')}
          crumbs={[
            { text: shell('navSupplier'), href: '/supplier/products' },
            { text: t('supplierListTitle') },
          ]}
        >
          <h1 class="fj-heading-l">{t('supplierListTitle')}</h1>
          <p class="fj-body">{t('supplierListLead')}</p>
          <h2 class="fj-heading-m">{t('processTitle')}</h2>
          <ol class="fj-list">
            <li>{t('process_apply')}</li>
            <li>{t('process_review')}</li>
            <li>{t('process_decision')}</li>
            <li>{t('process_notice', { days: settings.noticeDays })}</li>
            <li>{t('process_admitted')}</li>
          </ol>
          {mayApply && (
            <Button href="/supplier/admissions/new" variant="secondary">
              {t('applyLink')}
            </Button>
          )}
          <p class="fj-body" role="status">
            {t('applicationsCount', { count: admissions.length })}
          </p>
          {admissions.length === 0 ? (
            <p class="fj-body">{t('noApplications')}</p>
          ) : (
            <Table
              id="applications"
              caption={t('applicationsCaption')}
              captionSize="m"
              columns={[
                { header: t('colProduct') },
                { header: t('colItem') },
                { header: t('colYear') },
                { header: t('colStatus') },
                { header: t('colUpdated') },
              ]}
              rows={admissions.map((a): TableCell[] => [
                {
                  content: (
                    <a href={`/supplier/admissions/${a.id}`}>
                      {appliedProductName(ctx.locale, a, products.get(a.productId))}
                    </a>
                  ),
                },
                itemText(ctx.locale, a),
                String(a.catalogYear),
                { content: <AdmissionStatusTag locale={ctx.locale} status={a.status} /> },
                formatDateTime(a.updatedAt, ctx.locale),
              ])}
            />
          )}
          <p class="fj-body">
            <a href="/supplier/products">{t('backToProducts')}</a>
          </p>
        </FormPage>,
      );
    },
  );

  const detailPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    admission: Admission,
    state: { errors?: FieldErrors; done?: string | undefined },
    status = 200,
  ) => {
    const actor = signedIn(request);
    const ctx = pageContext(config, assets, request, reply);
    const t = admissionWorkMessages.for(ctx.locale);
    const l = policyLabels.for(ctx.locale);
    const product = (await productSummaries(db, [admission.productId])).get(admission.productId);
    const name = appliedProductName(ctx.locale, admission, product);
    const title = t('supplierDetailTitle', { name });
    const settings = await readSettings(db);
    // The panel's mean only: who sat on it is not disclosed to the applicant.
    const mean =
      admission.decidedAt === null
        ? null
        : panelState(
            await panelOf(db, admission.id),
            admission.weights ?? settings.weights,
            settings.panelSize,
          ).meanTenths;
    const mayWithdraw =
      admissionAllows(admission.status, 'withdraw') &&
      can(actor, 'admission.apply', { organisationIds: [admission.applicantOrganisationId] });
    return sendPage(
      reply,
      <FormPage
        ctx={ctx}
        title={title}
        crumbs={[...applicationsCrumbs(ctx.locale), { text: name }]}
        errors={state.errors}
        done={state.done}
      >
        <h1 class="fj-heading-l" id="application">
          {title}
        </h1>
        <p class="fj-body">
          {t('statusNow')} <AdmissionStatusTag locale={ctx.locale} status={admission.status} />
        </p>
        <SummaryList
          rows={[
            {
              key: t('colProduct'),
              value: product ? <a href={`/products/${product.id}`}>{name}</a> : name,
            },
            { key: t('rowModel'), value: product?.model || t('none') },
            {
              key: t('colItem'),
              value: (
                <a href={itemHref(admission.catalogYear, admission.itemCode)}>
                  {itemText(ctx.locale, admission)}
                </a>
              ),
            },
            { key: t('colYear'), value: String(admission.catalogYear) },
            { key: t('rowPriceApplied'), value: money(admission.priceFen, ctx.locale) },
            {
              key: t('rowApplicant'),
              value: inLocale(ctx.locale, admission.applicantNameZh, admission.applicantNameEn),
            },
          ]}
        />
        <h2 class="fj-heading-m">{t('timelineTitle')}</h2>
        <Timeline ctx={ctx} t={t} admission={admission} />
        {mean !== null && (
          <>
            <h2 class="fj-heading-m">{t('panelResultTitle')}</h2>
            <p class="fj-body">{t('panelMean', { score: scoreText(l, mean) })}</p>
          </>
        )}
        <h2 class="fj-heading-m">{t('evidenceTitle')}</h2>
        <EvidenceList t={t} evidence={admission.evidence} />
        {mayWithdraw && (
          <>
            <h2 class="fj-heading-m">{t('withdrawTitle')}</h2>
            <p class="fj-body">{t('withdrawText')}</p>
            <form method="post" action={`/supplier/admissions/${admission.id}/withdraw`}>
              <CsrfField token={reply.generateCsrf()} />
              <Button variant="warning" preventDoubleClick>
                {t('withdraw')}
              </Button>
            </form>
          </>
        )}
        <p class="fj-body">
          <a href="/supplier/admissions">{t('backToApplications')}</a>
        </p>
      </FormPage>,
      status,
    );
  };

  app.get(
    '/supplier/admissions/:id',
    {
      config: { access: 'admission.read' },
      schema: { hide: true, params: IdParams, querystring: DoneQuery },
    },
    async (request, reply) => {
      const admission = await authorisedAdmission(db, request, 'admission.read');
      const { done } = request.query as { done?: string };
      return detailPage(request, reply, admission, {
        done: doneText(admissionWorkMessages, request.locale, done),
      });
    },
  );

  app.post(
    '/supplier/admissions/:id/withdraw',
    { config: { access: 'admission.apply' }, schema: { hide: true, params: IdParams, body: StrictBody({}) } },
    async (request, reply) => {
      const admission = await authorisedAdmission(db, request, 'admission.apply');
      try {
        await withdraw(db, commandContext(request), admission.id);
      } catch (error) {
        // Decided meanwhile: the page as it is now, saying so.
        if (!(error instanceof HttpError) || error.statusCode !== 409) throw error;
        const t = admissionWorkMessages.for(request.locale);
        const fresh = (await findAdmission(db, admission.id)) ?? admission;
        return detailPage(request, reply, fresh, { errors: { application: t('err_withdrawNotNow') } }, 409);
      }
      return reply.redirect(`/supplier/admissions/${admission.id}?done=withdrawn`, 303);
    },
  );
}
