import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { recordAudit } from '../../../../platform/audit/index.ts';
import { auditActor, sourceAddress } from '../../../../platform/auth/index.ts';
import {
  DoneQuery,
  HttpError,
  IdParams,
  pageContext,
  StrictBody,
  sendPage,
} from '../../../../platform/http/index.ts';
import { formatDateTime, type Locale } from '../../../../platform/i18n/index.ts';
import type { ModuleDeps } from '../../../../platform/module.ts';
import {
  Button,
  Checkboxes,
  CsrfField,
  doneText,
  type FieldErrors,
  Radios,
  SummaryList,
  shellMessages,
  Table,
  type TableCell,
  Textarea,
} from '../../../../platform/ui/index.ts';
import { type ProductSummary, productSummaries } from '../../../catalog/index.ts';
import {
  type Admission,
  findAdmission,
  type Objection,
  objectionsOf,
  type PanelSeat,
  panelOf,
} from '../../admissionsRepo.ts';
import {
  AdmissionProblem,
  assignPanel,
  conclude,
  decide,
  panelCandidates,
  ruleObjection,
  unassign,
} from '../../admissionsService.ts';
import { readSettings } from '../../catalogsRepo.ts';
import {
  admissionAllows,
  criteria,
  panelState,
  type Weights,
  weightedTenths,
} from '../../domain/admission.ts';
import { beijingDay } from '../../domain/policyYear.ts';
import { criterionText, money, policyLabels, scoreText } from '../labels.ts';
import {
  AdmissionStatusTag,
  authorisedAdmission,
  commandContext,
  dayText,
  inLocale,
  itemHref,
  notFound,
  trimmed,
} from '../shared.tsx';
import { type AdminT, policyAdminMessages } from './messages.ts';
import { PolicyAdminPage } from './shared.tsx';

export const maxReason = 2000;

/** What was typed into the page's forms, kept after an error. */
interface Typed {
  reviewers?: readonly string[];
  outcome?: string;
  decisionReason?: string;
  /** Per objection id: the ruling chosen and its reason. */
  rulings?: Readonly<Record<string, { ruling?: string; reason?: string }>>;
}

interface PageState {
  errors?: FieldErrors;
  typed?: Typed;
  done?: string | undefined;
}

/** An objector as sealed by the service: opened for the city, who has to reply. */
interface Objector {
  readonly name: string;
  readonly contact: string;
}

const Uuid = Type.String({ format: 'uuid' });
const PanelBody = StrictBody({
  reviewers: Type.Optional(Type.Union([Uuid, Type.Array(Uuid, { maxItems: 50 })])),
});
const RemoveBody = StrictBody({ reviewerId: Uuid });
const DecisionBody = StrictBody({
  outcome: Type.Optional(Type.String({ maxLength: 20 })),
  reason: Type.String({ maxLength: 10_000 }),
});
const RulingBody = StrictBody({
  ruling: Type.Optional(Type.String({ maxLength: 20 })),
  reason: Type.String({ maxLength: 10_000 }),
});
const ObjectionParams = Type.Object({ id: Uuid, objectionId: Uuid });

/** One checkbox ticked arrives as a string, several as an array. */
export const asList = (value: string | readonly string[] | undefined): string[] =>
  value === undefined ? [] : typeof value === 'string' ? [value] : [...value];

/** A required reason, or the message saying what is wrong with it. */
const reasonProblem = (t: AdminT, reason: string): string | undefined =>
  reason === ''
    ? t('err_reasonRequired')
    : reason.length > maxReason
      ? t('err_reasonTooLong', { max: maxReason })
      : undefined;

/** Only web addresses become links: a `javascript:` address in evidence stays inert text. */
const isWebAddress = (url: string) => /^https?:\/\//i.test(url);

/** A panel role in words (the panel roles have messages; any other shows as it is). */
const roleText = (t: AdminT, role: string): string => {
  const key = `role_${role}`;
  return policyAdminMessages.has(key) ? t(key) : role;
};

function openObjector(deps: ModuleDeps, objection: Objection): Objector | undefined {
  try {
    const opened = JSON.parse(deps.keyring.open(objection.objectorSealed)) as Partial<Objector>;
    return { name: String(opened.name ?? ''), contact: String(opened.contact ?? '') };
  } catch {
    // A value sealed with a key no longer held: the page says so rather than failing.
    return undefined;
  }
}

/** GET /admin/admissions/:id and its commands: panel, decision, rulings on objections, conclusion. */
export function admissionPages(app: FastifyInstance, deps: ModuleDeps): void {
  const { db, config, assets } = deps;

  const admissionOf = (request: FastifyRequest) => authorisedAdmission(db, request, 'admission.manage');

  const admissionPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    admission: Admission,
    state: PageState,
    status = 200,
  ) => {
    const ctx = pageContext(config, assets, request, reply);
    const t = policyAdminMessages.for(ctx.locale);
    const l = policyLabels.for(ctx.locale);
    const shell = shellMessages.for(ctx.locale);
    const errors = state.errors ?? {};
    const typed = state.typed ?? {};
    const mayAssign = admissionAllows(admission.status, 'assignPanel');
    const [products, settings, panel, objections, candidates] = await Promise.all([
      productSummaries(db, [admission.productId]),
      readSettings(db),
      panelOf(db, admission.id),
      objectionsOf(db, admission.id),
      mayAssign ? panelCandidates(db, admission.applicantOrganisationId) : Promise.resolve([]),
    ]);
    const product = products.get(admission.productId);
    const weights = admission.weights ?? settings.weights;
    const panelNow = panelState(panel, weights, settings.panelSize);
    const seated = new Set(panel.map((p) => p.reviewerId));
    const free = candidates.filter((c) => !seated.has(c.userId));
    const objectors = objections.map((o) => openObjector(deps, o));
    if (objections.length > 0)
      // Who objected is personal data: each showing is on the trail, with how many, never who.
      await recordAudit(db, {
        actor: auditActor(request.actor),
        action: 'admission.objector.read',
        object: { type: 'admission', id: admission.id },
        outcome: 'success',
        sourceAddress: sourceAddress(request),
        detail: { count: objections.length },
      });
    const name = product ? inLocale(ctx.locale, product.nameZh, product.nameEn) : t('unknownProduct');
    const title = t('admissionTitle', { product: name });
    const csrf = reply.generateCsrf();
    const base = `/admin/admissions/${admission.id}`;
    const removable = mayAssign ? panel.filter((p) => p.scoredAt === null) : [];
    return sendPage(
      reply,
      <PolicyAdminPage
        ctx={ctx}
        area="admissions"
        title={title}
        crumbs={[{ text: name }]}
        errors={errors}
        done={state.done}
      >
        <h1 class="fj-heading-l" id="status">
          {title}
        </h1>
        <p class="fj-body">
          <AdmissionStatusTag locale={ctx.locale} status={admission.status} />
        </p>
        <ApplicationSummary t={t} locale={ctx.locale} admission={admission} product={product} />
        <h2 class="fj-heading-m">{t('evidenceTitle')}</h2>
        <SummaryList
          rows={[
            { key: t('rowRegistration'), value: admission.evidence.registrationNumber || t('none') },
            {
              key: t('rowTestReports'),
              value:
                admission.evidence.testReports.length === 0 ? (
                  t('none')
                ) : (
                  <ul class="fj-list">
                    {admission.evidence.testReports.map((r) => (
                      <li key={r.url}>
                        {isWebAddress(r.url) ? (
                          <a href={r.url} rel="noopener noreferrer">
                            {r.title}
                          </a>
                        ) : (
                          `${r.title} (${r.url})`
                        )}
                      </li>
                    ))}
                  </ul>
                ),
            },
            { key: t('rowTrialParticipants'), value: String(admission.evidence.trialParticipants) },
            { key: t('rowTrialSummary'), value: admission.evidence.trialSummary || t('none') },
          ]}
        />
        <h2 class="fj-heading-m">{t('panelTitle')}</h2>
        <WeightsList t={t} locale={ctx.locale} weights={weights} fixed={admission.weights !== null} />
        <PanelTable t={t} locale={ctx.locale} panel={panel} weights={weights} />
        <SummaryList
          rows={[
            {
              key: t('rowMeanScore'),
              value: panelNow.meanTenths === null ? t('noScores') : scoreText(l, panelNow.meanTenths),
            },
            {
              key: t('rowReady'),
              value: panelNow.readyForDecision
                ? t('readyYes')
                : t('readyNo', {
                    size: settings.panelSize,
                    scored: panelNow.scored,
                    eligible: panelNow.eligible,
                    undeclared: panelNow.undeclared,
                  }),
            },
          ]}
        />
        {mayAssign && (
          <>
            <h2 class="fj-heading-m">{t('assignTitle')}</h2>
            {free.length === 0 ? (
              <p class="fj-body" id="reviewers">
                {t('noCandidates')}
              </p>
            ) : (
              <form method="post" action={`${base}/panel`} novalidate>
                <CsrfField token={csrf} />
                <Checkboxes
                  idPrefix="reviewers"
                  name="reviewers"
                  legend={t('fieldReviewers')}
                  legendSize="s"
                  hint={t('fieldReviewersHint', { size: settings.panelSize })}
                  values={typed.reviewers ?? []}
                  error={errors.reviewers}
                  errorPrefix={shell('errorPrefix')}
                  items={free.map((c) => ({
                    value: c.userId,
                    text: c.displayName,
                    hint: t('candidateHint', {
                      role: roleText(t, c.role),
                      organisation: inLocale(ctx.locale, c.organisationNameZh, c.organisationNameEn),
                    }),
                  }))}
                />
                <Button preventDoubleClick>{t('assignPanel')}</Button>
              </form>
            )}
            {removable.length > 0 && (
              <>
                <h3 class="fj-heading-s">{t('removeTitle')}</h3>
                <p class="fj-body">{t('removeText')}</p>
                {removable.map((member) => (
                  <form key={member.reviewerId} method="post" action={`${base}/panel/remove`}>
                    <CsrfField token={csrf} />
                    <input type="hidden" name="reviewerId" value={member.reviewerId} />
                    <Button variant="secondary" preventDoubleClick>
                      {t('removeMember', { name: member.displayName })}
                    </Button>
                  </form>
                ))}
              </>
            )}
          </>
        )}
        {admissionAllows(admission.status, 'decide') && (
          <>
            <h2 class="fj-heading-m">{t('decideTitle')}</h2>
            <p class="fj-body">{t('decideText', { days: settings.noticeDays })}</p>
            <form method="post" action={`${base}/decision`} novalidate>
              <CsrfField token={csrf} />
              <Radios
                idPrefix="outcome"
                name="outcome"
                legend={t('fieldOutcome')}
                legendSize="s"
                value={typed.outcome}
                error={errors.outcome}
                errorPrefix={shell('errorPrefix')}
                items={[
                  {
                    value: 'notice',
                    text: t('outcome_notice'),
                    hint: t('outcome_noticeHint', { days: settings.noticeDays }),
                  },
                  { value: 'rejected', text: t('outcome_rejected') },
                ]}
              />
              <Textarea
                id="decisionReason"
                name="reason"
                label={t('fieldDecisionReason')}
                hint={t('fieldDecisionReasonHint', { max: maxReason })}
                value={typed.decisionReason}
                error={errors.decisionReason}
                errorPrefix={shell('errorPrefix')}
                rows={4}
              />
              <Button preventDoubleClick>{t('decide')}</Button>
            </form>
          </>
        )}
        {(objections.length > 0 || admission.status === 'notice') && (
          <ObjectionsSection
            t={t}
            locale={ctx.locale}
            errorPrefix={shell('errorPrefix')}
            base={base}
            csrf={csrf}
            objections={objections}
            objectors={objectors}
            mayRule={admissionAllows(admission.status, 'ruleObjection')}
            errors={errors}
            typed={typed.rulings ?? {}}
          />
        )}
        {admissionAllows(admission.status, 'conclude') && (
          <>
            <h2 class="fj-heading-m" id="conclude">
              {t('concludeTitle')}
            </h2>
            <p class="fj-body">
              {t('concludeText', { endsOn: dayText(admission.noticeEndsOn, ctx.locale) })}
            </p>
            <form method="post" action={`${base}/conclude`}>
              <CsrfField token={csrf} />
              <Button preventDoubleClick>{t('concludeButton')}</Button>
            </form>
          </>
        )}
        <p class="fj-body">
          <a href="/admin/admissions">{t('backToAdmissions')}</a>
        </p>
      </PolicyAdminPage>,
      status,
    );
  };

  /**
   * Runs a command and answers 303 with its banner; a problem it reports, or
   * an AdmissionProblem, re-shows the form with the message (400); a command
   * the status no longer allows re-shows the page as it is now (409).
   */
  const attempt = async (
    request: FastifyRequest,
    reply: FastifyReply,
    admission: Admission,
    typed: Typed,
    run: () => Promise<{ done: string } | { errors: FieldErrors }>,
  ) => {
    const t = policyAdminMessages.for(request.locale);
    try {
      const result = await run();
      if ('errors' in result)
        return admissionPage(request, reply, admission, { typed, errors: result.errors }, 400);
      return reply.redirect(`/admin/admissions/${admission.id}?done=${result.done}`, 303);
    } catch (error) {
      if (error instanceof AdmissionProblem) {
        const message = policyAdminMessages.has(error.key) ? t(error.key) : t('err_commandNotAllowed');
        return admissionPage(request, reply, admission, { typed, errors: { [error.field]: message } }, 400);
      }
      if (!(error instanceof HttpError) || error.statusCode !== 409) throw error;
      const fresh = (await findAdmission(db, admission.id)) ?? admission;
      return admissionPage(request, reply, fresh, { errors: { status: t('err_commandNotAllowed') } }, 409);
    }
  };

  app.get(
    '/admin/admissions/:id',
    {
      config: { access: 'admission.manage' },
      schema: { hide: true, params: IdParams, querystring: DoneQuery },
    },
    async (request, reply) => {
      const admission = await admissionOf(request);
      const { done } = request.query as { done?: string };
      return admissionPage(request, reply, admission, {
        done: doneText(policyAdminMessages, request.locale, done),
      });
    },
  );

  app.post(
    '/admin/admissions/:id/panel',
    { config: { access: 'admission.manage' }, schema: { hide: true, params: IdParams, body: PanelBody } },
    async (request, reply) => {
      const admission = await admissionOf(request);
      const reviewers = asList((request.body as { reviewers?: string | string[] }).reviewers);
      return attempt(request, reply, admission, { reviewers }, async () => {
        await assignPanel(db, commandContext(request), admission.id, reviewers);
        return { done: 'panelAssigned' };
      });
    },
  );

  app.post(
    '/admin/admissions/:id/panel/remove',
    { config: { access: 'admission.manage' }, schema: { hide: true, params: IdParams, body: RemoveBody } },
    async (request, reply) => {
      const admission = await admissionOf(request);
      const { reviewerId } = request.body as { reviewerId: string };
      return attempt(request, reply, admission, {}, async () => {
        await unassign(db, commandContext(request), admission.id, reviewerId);
        return { done: 'memberRemoved' };
      });
    },
  );

  app.post(
    '/admin/admissions/:id/decision',
    { config: { access: 'admission.manage' }, schema: { hide: true, params: IdParams, body: DecisionBody } },
    async (request, reply) => {
      const admission = await admissionOf(request);
      const body = request.body as { outcome?: string; reason: string };
      const t = policyAdminMessages.for(request.locale);
      const outcome = trimmed(body.outcome);
      const reason = trimmed(body.reason);
      const typed: Typed = { outcome, decisionReason: body.reason };
      const errors: Record<string, string> = {};
      if (outcome !== 'notice' && outcome !== 'rejected') errors.outcome = t('err_outcomeRequired');
      const reasonError = reasonProblem(t, reason);
      if (reasonError !== undefined) errors.decisionReason = reasonError;
      if (Object.keys(errors).length > 0 || (outcome !== 'notice' && outcome !== 'rejected'))
        return admissionPage(request, reply, admission, { typed, errors }, 400);
      return attempt(request, reply, admission, typed, async () => {
        await decide(db, commandContext(request), admission.id, {
          outcome,
          reason,
          today: beijingDay(new Date()),
        });
        return { done: outcome === 'notice' ? 'decidedNotice' : 'decidedRejected' };
      });
    },
  );

  app.post(
    '/admin/admissions/:id/objections/:objectionId',
    {
      config: { access: 'admission.manage' },
      schema: { hide: true, params: ObjectionParams, body: RulingBody },
    },
    async (request, reply) => {
      const admission = await admissionOf(request);
      const { objectionId } = request.params as { objectionId: string };
      if (!(await objectionsOf(db, admission.id)).some((o) => o.id === objectionId)) throw notFound();
      const body = request.body as { ruling?: string; reason: string };
      const t = policyAdminMessages.for(request.locale);
      const ruling = trimmed(body.ruling);
      const reason = trimmed(body.reason);
      const typed: Typed = { rulings: { [objectionId]: { ruling, reason: body.reason } } };
      const errors: Record<string, string> = {};
      if (ruling !== 'upheld' && ruling !== 'dismissed')
        errors[`ruling-${objectionId}`] = t('err_rulingRequired');
      const reasonError = reasonProblem(t, reason);
      if (reasonError !== undefined) errors[`rulingReason-${objectionId}`] = reasonError;
      if (Object.keys(errors).length > 0)
        return admissionPage(request, reply, admission, { typed, errors }, 400);
      return attempt(request, reply, admission, typed, async () => {
        await ruleObjection(db, commandContext(request), admission.id, {
          objectionId,
          upheld: ruling === 'upheld',
          reason,
        });
        return { done: ruling === 'upheld' ? 'objectionUpheld' : 'objectionDismissed' };
      });
    },
  );

  app.post(
    '/admin/admissions/:id/conclude',
    {
      config: { access: 'admission.manage' },
      schema: { hide: true, params: IdParams, body: StrictBody({}) },
    },
    async (request, reply) => {
      const admission = await admissionOf(request);
      const t = policyAdminMessages.for(request.locale);
      return attempt(request, reply, admission, {}, async () => {
        const outcome = await conclude(db, commandContext(request), admission.id, beijingDay(new Date()));
        // A notice still running, or objections waiting for a ruling, change nothing: the page explains.
        if (outcome === 'noticeStillOpen')
          return {
            errors: {
              conclude: t('err_noticeStillOpen', { endsOn: dayText(admission.noticeEndsOn, request.locale) }),
            },
          };
        if (outcome === 'waitForRulings') return { errors: { conclude: t('err_waitForRulings') } };
        return { done: outcome === 'admitted' ? 'concludedAdmitted' : 'concludedObjectionUpheld' };
      });
    },
  );
}

/** The product, the item, the price, the applicant and the dates of the application. */
function ApplicationSummary(props: {
  t: AdminT;
  locale: Locale;
  admission: Admission;
  product: ProductSummary | undefined;
}) {
  const { t, locale, admission: a, product } = props;
  const at = (date: Date | null) => (date === null ? t('notYet') : formatDateTime(date, locale));
  return (
    <SummaryList
      rows={[
        {
          key: t('rowProduct'),
          value: product ? (
            <>
              <a href={`/products/${product.id}`}>{inLocale(locale, product.nameZh, product.nameEn)}</a>
              <br />
              {t('modelText', { model: product.model })}
            </>
          ) : (
            t('unknownProduct')
          ),
        },
        {
          key: t('rowSupplier'),
          value: product ? inLocale(locale, product.supplierNameZh, product.supplierNameEn) : t('none'),
        },
        { key: t('rowApplicant'), value: inLocale(locale, a.applicantNameZh, a.applicantNameEn) },
        {
          key: t('rowItem'),
          value: (
            <a href={itemHref(a.catalogYear, a.itemCode)}>
              {t('itemText', {
                code: a.itemCode,
                name: inLocale(locale, a.itemNameZh, a.itemNameEn),
                year: a.catalogYear,
              })}
            </a>
          ),
        },
        { key: t('rowPrice'), value: money(a.priceFen, locale) },
        { key: t('rowApplied'), value: at(a.createdAt) },
        { key: t('rowUpdated'), value: at(a.updatedAt) },
        { key: t('rowDecided'), value: at(a.decidedAt) },
        ...(a.decisionReason === null ? [] : [{ key: t('rowDecisionReason'), value: a.decisionReason }]),
        {
          key: t('rowNotice'),
          value:
            a.noticeStartsOn === null
              ? t('notYet')
              : t('dateRange', {
                  from: dayText(a.noticeStartsOn, locale),
                  to: dayText(a.noticeEndsOn, locale),
                }),
        },
        { key: t('rowConcluded'), value: at(a.concludedAt) },
      ]}
    />
  );
}

function WeightsList(props: { t: AdminT; locale: Locale; weights: Weights; fixed: boolean }) {
  const { t } = props;
  const l = policyLabels.for(props.locale);
  return (
    <>
      <p class="fj-body">{props.fixed ? t('weightsFixed') : t('weightsCurrent')}</p>
      <ul class="fj-list">
        {criteria.map((c) => (
          <li key={c}>
            {t('weightLine', {
              criterion: criterionText(l, c),
              weight: l('percent', { value: props.weights[c] }),
            })}
          </li>
        ))}
      </ul>
    </>
  );
}

/** Each member: who, their declaration, their four scores, the weighted score and their comment. */
function PanelTable(props: { t: AdminT; locale: Locale; panel: readonly PanelSeat[]; weights: Weights }) {
  const { t, locale } = props;
  const l = policyLabels.for(locale);
  if (props.panel.length === 0) return <p class="fj-body">{t('noPanel')}</p>;
  const declaration = (m: PanelSeat) =>
    m.hasConflict === null
      ? t('declNotYet')
      : m.hasConflict
        ? t('declConflict', { statement: m.conflictStatement ?? '' })
        : t('declNone');
  return (
    <Table
      id="panel"
      caption={t('panelCaption', { count: props.panel.length })}
      captionSize="s"
      firstCellIsHeader
      columns={[
        { header: t('colMember') },
        { header: t('colDeclaration') },
        ...criteria.map((c) => ({ header: criterionText(l, c), numeric: true })),
        { header: t('colWeighted'), numeric: true },
        { header: t('colComment') },
      ]}
      rows={props.panel.map((m): TableCell[] => {
        const scores = m.scores;
        return [
          {
            content: (
              <>
                {m.displayName}
                <br />
                {inLocale(locale, m.organisationNameZh, m.organisationNameEn)}
              </>
            ),
          },
          declaration(m),
          ...criteria.map((c): TableCell => (scores === null ? t('notScored') : scores[c])),
          scores === null || m.hasConflict !== false
            ? t('notScored')
            : scoreText(l, weightedTenths(scores, props.weights)),
          m.comment ?? '',
        ];
      })}
    />
  );
}

/** The objections to a notice, the objector opened for the city, and a ruling form for each open one. */
function ObjectionsSection(props: {
  t: AdminT;
  locale: Locale;
  errorPrefix: string;
  base: string;
  csrf: string;
  objections: readonly Objection[];
  objectors: readonly (Objector | undefined)[];
  mayRule: boolean;
  errors: FieldErrors;
  typed: Readonly<Record<string, { ruling?: string; reason?: string }>>;
}) {
  const { t, locale } = props;
  return (
    <>
      <h2 class="fj-heading-m">{t('objectionsTitle')}</h2>
      {props.objections.length === 0 ? (
        <p class="fj-body">{t('noObjections')}</p>
      ) : (
        props.objections.map((o, index) => {
          const objector = props.objectors[index];
          const typed = props.typed[o.id] ?? {};
          return (
            <section key={o.id} aria-labelledby={`objection-${o.id}`}>
              <h3 class="fj-heading-s" id={`objection-${o.id}`}>
                {t('objectionHeading', { number: index + 1 })}
              </h3>
              <SummaryList
                rows={[
                  { key: t('rowSubmitted'), value: formatDateTime(o.submittedAt, locale) },
                  {
                    key: t('rowObjector'),
                    value: objector
                      ? t('objectorText', { name: objector.name, contact: objector.contact })
                      : t('objectorSealed'),
                  },
                  { key: t('rowGrounds'), value: o.grounds },
                  { key: t('rowObjectionStatus'), value: t(`objection_${o.status}`) },
                  ...(o.rulingReason === null
                    ? []
                    : [
                        {
                          key: t('rowRuling'),
                          value: t('rulingText', {
                            reason: o.rulingReason,
                            at: o.ruledAt ? formatDateTime(o.ruledAt, locale) : '',
                          }),
                        },
                      ]),
                ]}
              />
              {props.mayRule && o.status === 'open' && (
                <form method="post" action={`${props.base}/objections/${o.id}`} novalidate>
                  <CsrfField token={props.csrf} />
                  <Radios
                    idPrefix={`ruling-${o.id}`}
                    name="ruling"
                    legend={t('fieldRuling', { number: index + 1 })}
                    legendSize="s"
                    value={typed.ruling}
                    error={props.errors[`ruling-${o.id}`]}
                    errorPrefix={props.errorPrefix}
                    items={[
                      { value: 'upheld', text: t('ruling_upheld'), hint: t('ruling_upheldHint') },
                      { value: 'dismissed', text: t('ruling_dismissed'), hint: t('ruling_dismissedHint') },
                    ]}
                  />
                  <Textarea
                    id={`rulingReason-${o.id}`}
                    name="reason"
                    label={t('fieldRulingReason')}
                    hint={t('fieldDecisionReasonHint', { max: maxReason })}
                    value={typed.reason}
                    error={props.errors[`rulingReason-${o.id}`]}
                    errorPrefix={props.errorPrefix}
                    rows={3}
                  />
                  <Button preventDoubleClick>{t('rule')}</Button>
                </form>
              )}
            </section>
          );
        })
      )}
    </>
  );
}
