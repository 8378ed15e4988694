import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { authorise, signedIn } from '../../../../platform/auth/index.ts';
import {
  DoneQuery,
  HttpError,
  IdParams,
  PageQuery,
  pageContext,
  StrictBody,
  sendPage,
} from '../../../../platform/http/index.ts';
import { formatDateTime, type Locale } from '../../../../platform/i18n/index.ts';
import type { ModuleDeps } from '../../../../platform/module.ts';
import {
  Button,
  CsrfField,
  doneText,
  type FieldErrors,
  FormPage,
  type PageContext,
  Radios,
  SummaryList,
  shellMessages,
  Table,
  type TableCell,
  Tag,
  type TagColour,
  Textarea,
  TextInput,
} from '../../../../platform/ui/index.ts';
import { type ProductFeedback, productFeedback, productSummaries } from '../../../catalog/index.ts';
import {
  type Admission,
  assignmentsOf,
  findAdmission,
  type PanelSeat,
  panelOf,
} from '../../admissionsRepo.ts';
import { declare, score } from '../../admissionsService.ts';
import { findSubsidyItemById, readSettings } from '../../catalogsRepo.ts';
import { criteria, type Scores, type Weights, weightedTenths } from '../../domain/admission.ts';
import { criterionText, money, policyLabels, scoreText } from '../labels.ts';
import {
  AdmissionStatusTag,
  appliedProductName,
  commandContext,
  formatIsoCode,
  inLocale,
  itemHref,
  notFound,
} from '../shared.tsx';
import { admissionWorkMessages, type WorkT } from './messages.ts';
import { type ReviewerTask, reviewerTask } from './progress.ts';
import {
  type DeclarationForm,
  declarationFormOf,
  maxComment,
  maxStatement,
  type ReviewProblem,
  readDeclaration,
  readScores,
  type ScoresForm,
  scoresFormOf,
} from './reviewForm.ts';
import { EvidenceList, itemText } from './shared.tsx';

const taskColours: Record<ReviewerTask, TagColour> = {
  declare: 'yellow',
  score: 'blue',
  done: 'green',
  recused: 'grey',
  closed: 'grey',
};

const TaskTag = ({ t, task }: { t: WorkT; task: ReviewerTask }) => (
  <Tag text={t(`task_${task}`)} colour={taskColours[task]} />
);

const seatTask = (admission: Admission, seat: PanelSeat) =>
  reviewerTask(admission.status, { hasConflict: seat.hasConflict, scored: seat.scores !== null });

function problemText(t: WorkT, locale: Locale, problem: ReviewProblem): string {
  const criterion = problem.criterion && criterionText(policyLabels.for(locale), problem.criterion);
  return t(problem.key, criterion === undefined ? undefined : { criterion });
}

const errorsOf = (t: WorkT, locale: Locale, problems: readonly ReviewProblem[]): FieldErrors =>
  Object.fromEntries(problems.map((p) => [p.field, problemText(t, locale, p)]));

/** Criterion, weight and (once scored) the reviewer's score, one row each. */
function WeightsTable({
  ctx,
  t,
  weights,
  scores,
}: {
  ctx: PageContext;
  t: WorkT;
  weights: Weights;
  scores?: Scores;
}) {
  const l = policyLabels.for(ctx.locale);
  return (
    <Table
      id={scores ? 'my-scores' : 'weights'}
      caption={scores ? t('myScoresCaption') : t('weightsCaption')}
      captionSize="s"
      firstCellIsHeader
      columns={[
        { header: t('colCriterion') },
        { header: t('colWeight'), numeric: true },
        ...(scores ? [{ header: t('colScore'), numeric: true }] : []),
      ]}
      rows={criteria.map((c): TableCell[] => [
        criterionText(l, c),
        l('percent', { value: weights[c] }),
        ...(scores ? [String(scores[c])] : []),
      ])}
    />
  );
}

interface ReviewState {
  errors?: FieldErrors;
  declaration?: DeclarationForm;
  scores?: ScoresForm;
  done?: string | undefined;
}

/** The reviewer's own part: declare, then score, then what they submitted (or why they cannot). */
function MyReview(props: {
  ctx: PageContext;
  t: WorkT;
  admission: Admission;
  seat: PanelSeat;
  weights: Weights;
  csrf: string;
  state: ReviewState;
}) {
  const { ctx, t, admission, seat, weights, csrf, state } = props;
  const l = policyLabels.for(ctx.locale);
  const shell = shellMessages.for(ctx.locale);
  const errors = state.errors ?? {};
  const task = seatTask(admission, seat);
  switch (task) {
    case 'declare':
      return (
        <form method="post" action={`/reviews/${admission.id}/declaration`} novalidate>
          <CsrfField token={csrf} />
          <h3 class="fj-heading-s">{t('step1Title')}</h3>
          <p class="fj-body">{t('declarationLead')}</p>
          <Radios
            idPrefix="hasConflict"
            name="hasConflict"
            legend={t('fieldConflict')}
            legendSize="s"
            items={[
              { value: 'no', text: t('conflictNo') },
              { value: 'yes', text: t('conflictYes'), hint: t('conflictYesHint') },
            ]}
            value={state.declaration?.hasConflict}
            error={errors.hasConflict}
            errorPrefix={shell('errorPrefix')}
          />
          <Textarea
            id="statement"
            name="statement"
            label={t('fieldStatement')}
            hint={t('fieldStatementHint', { max: maxStatement })}
            value={state.declaration?.statement}
            error={errors.statement}
            errorPrefix={shell('errorPrefix')}
            rows={4}
          />
          <Button preventDoubleClick>{t('submitDeclaration')}</Button>
        </form>
      );
    case 'score':
      return (
        <>
          <p class="fj-body">{t('declaredNoConflict')}</p>
          <form method="post" action={`/reviews/${admission.id}/scores`} novalidate>
            <CsrfField token={csrf} />
            <h3 class="fj-heading-s">{t('step2Title')}</h3>
            <p class="fj-body">{t('scoresLead')}</p>
            {criteria.map((c) => (
              <TextInput
                key={c}
                id={c}
                name={c}
                label={t('fieldScore', { criterion: criterionText(l, c), weight: weights[c] })}
                hint={t(`hint_${c}`)}
                value={state.scores?.scores[c]}
                error={errors[c]}
                errorPrefix={shell('errorPrefix')}
                inputmode="numeric"
                width="3"
                maxlength={3}
                autocomplete="off"
              />
            ))}
            <Textarea
              id="comment"
              name="comment"
              label={t('fieldComment')}
              hint={t('fieldCommentHint', { max: maxComment })}
              value={state.scores?.comment}
              error={errors.comment}
              errorPrefix={shell('errorPrefix')}
              rows={6}
            />
            <Button preventDoubleClick>{t('submitScores')}</Button>
          </form>
        </>
      );
    case 'done':
      return (
        <>
          <p class="fj-body">
            {t('scoredOn', { date: seat.scoredAt ? formatDateTime(seat.scoredAt, ctx.locale) : '' })}
          </p>
          <WeightsTable ctx={ctx} t={t} weights={weights} scores={seat.scores as Scores} />
          <p class="fj-body">
            {t('weightedResult', { score: scoreText(l, weightedTenths(seat.scores as Scores, weights)) })}
          </p>
          <h3 class="fj-heading-s">{t('fieldComment')}</h3>
          <p class="fj-body">{seat.comment}</p>
        </>
      );
    case 'recused':
      return (
        <>
          <p class="fj-body">{t('recusedText')}</p>
          {seat.conflictStatement && (
            <p class="fj-body">
              {t('yourStatement')}
              {seat.conflictStatement}
            </p>
          )}
        </>
      );
    case 'closed':
      return <p class="fj-body">{t('reviewClosed')}</p>;
  }
}

/** GET /reviews, GET /reviews/:id, and POST …/:id/declaration and …/:id/scores. */
export function reviewPages(app: FastifyInstance, deps: ModuleDeps): void {
  const { db, config, assets } = deps;

  app.get(
    '/reviews',
    { config: { access: 'admission.review' }, schema: { hide: true, querystring: PageQuery } },
    async (request, reply) => {
      const actor = signedIn(request);
      const ctx = pageContext(config, assets, request, reply);
      const t = admissionWorkMessages.for(ctx.locale);
      const assignments = await assignmentsOf(db, actor.userId);
      const products = await productSummaries(
        db,
        assignments.map((a) => a.productId),
      );
      const tasks = assignments.map((a) => reviewerTask(a.status, a));
      const count = (task: ReviewerTask) => tasks.filter((x) => x === task).length;
      return sendPage(
        reply,
        <FormPage ctx={ctx} title={t('reviewsTitle')} crumbs={[{ text: t('reviewsTitle') }]}>
          <h1 class="fj-heading-l">{t('reviewsTitle')}</h1>
          <p class="fj-body">{t('reviewsLead')}</p>
          <p class="fj-body" role="status">
            {t('reviewsCount', {
              total: assignments.length,
              declare: count('declare'),
              score: count('score'),
              done: count('done'),
              recused: count('recused'),
            })}
          </p>
          {assignments.length === 0 ? (
            <p class="fj-body">{t('noReviews')}</p>
          ) : (
            <Table
              id="reviews"
              caption={t('reviewsCaption')}
              captionSize="m"
              columns={[
                { header: t('colProduct') },
                { header: t('colItem') },
                { header: t('colYear') },
                { header: t('colStatus') },
                { header: t('colTask') },
              ]}
              rows={assignments.map((a, i): TableCell[] => [
                {
                  content: (
                    <a href={`/reviews/${a.id}`}>
                      {appliedProductName(ctx.locale, a, products.get(a.productId))}
                    </a>
                  ),
                },
                itemText(ctx.locale, a),
                String(a.catalogYear),
                { content: <AdmissionStatusTag locale={ctx.locale} status={a.status} /> },
                { content: <TaskTag t={t} task={tasks[i] ?? 'closed'} /> },
              ])}
            />
          )}
        </FormPage>,
      );
    },
  );

  /** The admission and the signed-in reviewer's seat on its panel; anyone not on it gets 404 (audited). */
  const seatFor = async (request: FastifyRequest) => {
    const actor = signedIn(request);
    const { id } = request.params as { id: string };
    const admission = await findAdmission(db, id);
    if (admission === undefined) throw notFound();
    const seat = (await panelOf(db, id)).find((s) => s.reviewerId === actor.userId);
    await authorise(
      db,
      request,
      'admission.review',
      { type: 'admission', id },
      {
        ownerUserId: seat === undefined ? null : actor.userId,
      },
    );
    if (seat === undefined) throw notFound();
    return { admission, seat };
  };

  const reviewPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    admission: Admission,
    seat: PanelSeat,
    state: ReviewState,
    status = 200,
  ) => {
    const ctx = pageContext(config, assets, request, reply);
    const t = admissionWorkMessages.for(ctx.locale);
    const [products, item, settings, feedback] = await Promise.all([
      productSummaries(db, [admission.productId]),
      findSubsidyItemById(db, admission.itemId),
      readSettings(db),
      productFeedback(db, admission.productId),
    ]);
    const product = products.get(admission.productId);
    const name = appliedProductName(ctx.locale, admission, product);
    const weights = admission.weights ?? settings.weights;
    const title = t('reviewTitle', { name });
    const none = t('none');
    return sendPage(
      reply,
      <FormPage
        ctx={ctx}
        title={title}
        crumbs={[{ text: t('reviewsTitle'), href: '/reviews' }, { text: name }]}
        errors={state.errors}
        done={state.done}
      >
        <h1 class="fj-heading-l">{title}</h1>
        <p class="fj-body">
          {t('statusNow')} <AdmissionStatusTag locale={ctx.locale} status={admission.status} /> ·{' '}
          {t('yourTask')} <TaskTag t={t} task={seatTask(admission, seat)} />
        </p>
        <h2 class="fj-heading-m">{t('productTitle')}</h2>
        <SummaryList
          rows={[
            { key: t('rowName'), value: product ? <a href={`/products/${product.id}`}>{name}</a> : name },
            { key: t('rowModel'), value: product?.model || none },
            {
              key: t('rowSupplier'),
              value: product ? inLocale(ctx.locale, product.supplierNameZh, product.supplierNameEn) : none,
            },
            { key: t('rowIsoCode'), value: product ? formatIsoCode(product.isoCode) : none },
            { key: t('rowPriceApplied'), value: money(admission.priceFen, ctx.locale) },
            { key: t('rowPriceListed'), value: product ? money(product.priceFen, ctx.locale) : none },
          ]}
        />
        <h2 class="fj-heading-m">{t('itemTitle')}</h2>
        <SummaryList
          rows={[
            { key: t('rowItemCode'), value: admission.itemCode },
            {
              key: t('rowName'),
              value: (
                <a href={itemHref(admission.catalogYear, admission.itemCode)}>
                  {inLocale(ctx.locale, admission.itemNameZh, admission.itemNameEn)}
                </a>
              ),
            },
            { key: t('colYear'), value: String(admission.catalogYear) },
            { key: t('rowMaxSubsidy'), value: item ? money(item.maxSubsidyFen, ctx.locale) : none },
          ]}
        />
        <h2 class="fj-heading-m">{t('evidenceTitle')}</h2>
        <EvidenceList t={t} evidence={admission.evidence} />
        <h2 class="fj-heading-m">{t('ratingsTitle')}</h2>
        <FollowUpFeedback t={t} feedback={feedback} />
        <p class="fj-body">{t('ratingsTrial', { count: admission.evidence.trialParticipants })}</p>
        <h2 class="fj-heading-m">{t('weightsTitle')}</h2>
        <WeightsTable ctx={ctx} t={t} weights={weights} />
        <p class="fj-body">{t('weightsNote')}</p>
        <h2 class="fj-heading-m" id="review">
          {t('myReviewTitle')}
        </h2>
        <MyReview
          ctx={ctx}
          t={t}
          admission={admission}
          seat={seat}
          weights={weights}
          csrf={reply.generateCsrf()}
          state={state}
        />
        <p class="fj-body">
          <a href="/reviews">{t('backToReviews')}</a>
        </p>
      </FormPage>,
      status,
    );
  };

  /** A command refused in the review's status now (decided or withdrawn meanwhile): the page as it is, saying so. */
  const refused = async (request: FastifyRequest, reply: FastifyReply, error: unknown) => {
    if (!(error instanceof HttpError) || error.statusCode !== 409) throw error;
    const { admission, seat } = await seatFor(request);
    const t = admissionWorkMessages.for(request.locale);
    return reviewPage(request, reply, admission, seat, { errors: { review: t('err_notAllowedNow') } }, 409);
  };

  app.get(
    '/reviews/:id',
    {
      config: { access: 'admission.review' },
      schema: { hide: true, params: IdParams, querystring: DoneQuery },
    },
    async (request, reply) => {
      const { admission, seat } = await seatFor(request);
      const { done } = request.query as { done?: string };
      return reviewPage(request, reply, admission, seat, {
        done: doneText(admissionWorkMessages, request.locale, done),
      });
    },
  );

  app.post(
    '/reviews/:id/declaration',
    {
      config: { access: 'admission.review' },
      schema: {
        hide: true,
        params: IdParams,
        body: StrictBody({
          hasConflict: Type.Optional(Type.String({ maxLength: 10 })),
          statement: Type.Optional(Type.String({ maxLength: 10_000 })),
        }),
      },
    },
    async (request, reply) => {
      const { admission, seat } = await seatFor(request);
      const t = admissionWorkMessages.for(request.locale);
      const form = declarationFormOf(request.body as Record<string, unknown>);
      const read = readDeclaration(form);
      if (read.declaration === undefined)
        return reviewPage(
          request,
          reply,
          admission,
          seat,
          { declaration: form, errors: errorsOf(t, request.locale, read.problems) },
          400,
        );
      try {
        await declare(db, commandContext(request), admission.id, seat.reviewerId, read.declaration);
      } catch (error) {
        return refused(request, reply, error);
      }
      const done = read.declaration.hasConflict ? 'recused' : 'declared';
      return reply.redirect(`/reviews/${admission.id}?done=${done}`, 303);
    },
  );

  app.post(
    '/reviews/:id/scores',
    {
      config: { access: 'admission.review' },
      schema: {
        hide: true,
        params: IdParams,
        body: StrictBody({
          maturity: Type.Optional(Type.String({ maxLength: 20 })),
          safety: Type.Optional(Type.String({ maxLength: 20 })),
          cost: Type.Optional(Type.String({ maxLength: 20 })),
          feedback: Type.Optional(Type.String({ maxLength: 20 })),
          comment: Type.Optional(Type.String({ maxLength: 20_000 })),
        }),
      },
    },
    async (request, reply) => {
      const { admission, seat } = await seatFor(request);
      const t = admissionWorkMessages.for(request.locale);
      // Only a member who declared no conflict scores; a recused one is told so, not shown a form.
      if (seat.hasConflict !== false || seat.scores !== null) {
        const key =
          seat.hasConflict === true
            ? 'err_recused'
            : seat.hasConflict === null
              ? 'err_declareFirst'
              : 'err_alreadyScored';
        return reviewPage(request, reply, admission, seat, { errors: { review: t(key) } }, 409);
      }
      const form = scoresFormOf(request.body as Record<string, unknown>);
      const read = readScores(form);
      if (read.scores === undefined)
        return reviewPage(
          request,
          reply,
          admission,
          seat,
          { scores: form, errors: errorsOf(t, request.locale, read.problems) },
          400,
        );
      try {
        await score(db, commandContext(request), admission.id, seat.reviewerId, read.scores, read.comment);
      } catch (error) {
        return refused(request, reply, error);
      }
      return reply.redirect(`/reviews/${admission.id}?done=scored`, 303);
    },
  );
}

/** What fitting follow-ups have said about the product: the evidence behind the "user feedback" score. */
function FollowUpFeedback({ t, feedback }: { t: WorkT; feedback: ProductFeedback }) {
  if (feedback.followUps === 0) return <p class="fj-body">{t('ratingsNone')}</p>;
  const mean = (tenths: number | null) =>
    tenths === null ? t('none') : t('ratingsMean', { whole: Math.floor(tenths / 10), tenth: tenths % 10 });
  return (
    <SummaryList
      rows={[
        { key: t('ratingsFollowUps'), value: String(feedback.followUps) },
        { key: t('ratingsInUse'), value: t('ratingsOutOf', { n: feedback.inUse, of: feedback.followUps }) },
        { key: t('ratingsProduct'), value: mean(feedback.productSatisfactionTenths) },
        { key: t('ratingsService'), value: mean(feedback.serviceSatisfactionTenths) },
        {
          key: t('ratingsProblems'),
          value: t('ratingsProblemCounts', {
            discomfort: feedback.problems.discomfort,
            poorFit: feedback.problems.poorFit,
            broken: feedback.problems.broken,
            noLongerNeeded: feedback.problems.noLongerNeeded,
          }),
        },
        { key: t('ratingsRepairs'), value: String(feedback.repairs) },
      ]}
    />
  );
}
