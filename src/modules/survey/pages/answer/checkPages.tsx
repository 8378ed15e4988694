import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { signedIn } from '../../../../platform/auth/index.ts';
import { IdParams, PageQuery, pageContext, StrictBody, sendPage } from '../../../../platform/http/index.ts';
import { formatDateTime, formatDay } from '../../../../platform/i18n/index.ts';
import type { ModuleDeps } from '../../../../platform/module.ts';
import {
  Breadcrumbs,
  Button,
  CsrfField,
  ErrorSummary,
  type ErrorSummaryItem,
  FormPage,
  Layout,
  type PageContext,
  SummaryList,
  shellMessages,
} from '../../../../platform/ui/index.ts';
import { type Campaign, takesAnswers } from '../../campaignRepo.ts';
import { fieldId } from '../../domain/answerForm.ts';
import {
  type Answers,
  keepShownAnswers,
  type Question,
  shownQuestions,
  shownSections,
} from '../../domain/questionnaire.ts';
import type { SurveyResponse } from '../../responseRepo.ts';
import { ResponseProblem, type ResponseService } from '../../responseService.ts';
import { AnswerValue } from './answerView.tsx';
import { answerMessages } from './messages.ts';
import { checkHref, resumeHref, sectionHref } from './sectionPage.tsx';
import { authorisedResponse, CampaignCaption, responseActor, sendRefusal, surveysArea } from './shared.tsx';
import { inText } from './words.ts';

type Deps = ModuleDeps & { readonly responses: ResponseService };

interface CheckProps {
  readonly ctx: PageContext;
  readonly campaign: Campaign;
  readonly response: SurveyResponse;
  readonly answers: Answers;
  readonly missing: readonly ErrorSummaryItem[];
  readonly csrf: string;
}

/**
 * Every answer shown, section by section, each with a link back to change
 * it; then the submit button. A submitted response is the same list without
 * links or button. Missing answers lead to their own sections, so the error
 * summary is drawn here rather than by FormPage (whose links stay on the page).
 */
function CheckPage({ ctx, campaign, response, answers, missing, csrf }: CheckProps) {
  const { locale } = ctx;
  const t = answerMessages.for(locale);
  const shell = shellMessages.for(locale);
  const questionnaire = campaign.questionnaire;
  const title = t('checkTitle');
  const open = response.status === 'in_progress';
  const area = surveysArea(ctx);
  return (
    <Layout ctx={ctx} title={title} hasErrors={missing.length > 0}>
      <Breadcrumbs
        label={shell('breadcrumbs')}
        items={[{ text: shell('navHome'), href: '/' }, area, { text: title }]}
      />
      {missing.length > 0 && <ErrorSummary title={shell('errorSummaryTitle')} errors={missing} />}
      <CampaignCaption locale={locale} campaign={campaign} />
      <h1 class="fj-heading-l">{title}</h1>
      <p class="fj-body">
        {open
          ? t('checkLead')
          : t('checkSubmitted', { when: formatDateTime(response.submittedAt ?? new Date(), locale) })}
      </p>
      {questionnaire.sections.map((section, index) =>
        shownSections(questionnaire, answers).includes(section) ? (
          <section key={section.id} aria-labelledby={`section-${section.id}`}>
            <h2 class="fj-heading-m" id={`section-${section.id}`}>
              {inText(locale, section.title)}
            </h2>
            <SummaryList
              rows={shownQuestions(section, answers).map((question) => {
                const label = inText(locale, question.label);
                return {
                  key: label,
                  value: <AnswerValue locale={locale} question={question} answer={answers[question.id]} />,
                  actions: open
                    ? [
                        {
                          href: `${sectionHref(response.id, index)}#${firstField(question)}`,
                          text: t('change'),
                          visuallyHiddenText: label,
                        },
                      ]
                    : [],
                };
              })}
            />
          </section>
        ) : null,
      )}
      {open && (
        <form method="post" action={checkHref(response.id)} novalidate>
          <CsrfField token={csrf} />
          <Button preventDoubleClick>{t('submit')}</Button>
        </form>
      )}
    </Layout>
  );
}

/** The control a link to a question leads to: its first, or a grid's first row. */
const firstField = (question: Question, answers?: Answers): string => {
  if (question.kind !== 'grid') return fieldId(question.id);
  const cells = (answers?.[question.id] ?? {}) as Readonly<Record<string, string>>;
  const row = question.rows.find((r) => cells[r.value] === undefined) ?? question.rows[0];
  return fieldId(question.id, row?.value);
};

function SavedPage({
  ctx,
  campaign,
  response,
  staff,
}: {
  ctx: PageContext;
  campaign: Campaign;
  response: SurveyResponse;
  staff: boolean;
}) {
  const t = answerMessages.for(ctx.locale);
  const title = t('savedTitle');
  const end = formatDay(campaign.endsOn, ctx.locale);
  return (
    <FormPage ctx={ctx} title={title} area={surveysArea(ctx)} crumbs={[{ text: title }]}>
      <CampaignCaption locale={ctx.locale} campaign={campaign} />
      <h1 class="fj-heading-l">{title}</h1>
      <p class="fj-body">{staff ? t('savedBodyStaff', { end }) : t('savedBodySelf', { end })}</p>
      <ul class="fj-list">
        <li>
          <a href={`/responses/${response.id}`}>{t('continueNow')}</a>
        </li>
        {staff ? (
          <li>
            <a href={`/surveys/${campaign.id}/interview`}>{t('interviewTitle')}</a>
          </li>
        ) : (
          <li>
            <a href="/surveys">{t('backToSurveys')}</a>
          </li>
        )}
      </ul>
    </FormPage>
  );
}

function DonePage({ ctx, campaign, staff }: { ctx: PageContext; campaign: Campaign; staff: boolean }) {
  const t = answerMessages.for(ctx.locale);
  const title = staff ? t('doneTitleStaff') : t('doneTitleSelf');
  return (
    <FormPage ctx={ctx} title={title} area={surveysArea(ctx)} crumbs={[{ text: title }]}>
      <CampaignCaption locale={ctx.locale} campaign={campaign} />
      <h1 class="fj-heading-l">{title}</h1>
      <p class="fj-body">{staff ? t('doneLeadStaff') : t('doneLeadSelf')}</p>
      <ul class="fj-list">
        {staff ? (
          <>
            <li>
              <a href={`/surveys/${campaign.id}/interview`}>{t('nextInterview')}</a>
            </li>
            <li>
              <a href={`/surveys/${campaign.id}/paper`}>{t('enterPaperLink')}</a>
            </li>
          </>
        ) : (
          <>
            <li>
              <a href="/surveys">{t('backToSurveys')}</a>
            </li>
            <li>
              <a href="/">{t('homeLink')}</a>
            </li>
          </>
        )}
      </ul>
    </FormPage>
  );
}

/**
 * GET /responses/:id (to where it resumes), /saved, /check (+ POST: submit)
 * and /done.
 */
export function checkPages(app: FastifyInstance, deps: Deps): void {
  const { db, config, assets, responses } = deps;
  const isStaff = (request: FastifyRequest) => signedIn(request).userKind === 'staff';

  app.get(
    '/responses/:id',
    { config: { access: 'survey.answer' }, schema: { hide: true, params: IdParams, querystring: PageQuery } },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      const { response, campaign } = await authorisedResponse(db, request, id);
      if (response.status === 'submitted') return reply.redirect(`/responses/${id}/done`, 303);
      const answers = keepShownAnswers(campaign.questionnaire, responses.answersOf(response));
      return reply.redirect(resumeHref(response, campaign.questionnaire, answers), 303);
    },
  );

  app.get(
    '/responses/:id/saved',
    { config: { access: 'survey.answer' }, schema: { hide: true, params: IdParams, querystring: PageQuery } },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      const { response, campaign } = await authorisedResponse(db, request, id);
      if (response.status === 'submitted') return reply.redirect(`/responses/${id}/done`, 303);
      const ctx = pageContext(config, assets, request, reply);
      return sendPage(
        reply,
        <SavedPage ctx={ctx} campaign={campaign} response={response} staff={isStaff(request)} />,
      );
    },
  );

  const showCheck = async (
    request: FastifyRequest,
    reply: FastifyReply,
    found: { response: SurveyResponse; campaign: Campaign },
    missing: readonly Question[],
  ) => {
    const { response, campaign } = found;
    const questionnaire = campaign.questionnaire;
    const answers = keepShownAnswers(questionnaire, responses.answersOf(response));
    const ctx = pageContext(config, assets, request, reply);
    const t = answerMessages.for(ctx.locale);
    const items = missing.map((question) => {
      const index = questionnaire.sections.findIndex((s) => s.questions.some((q) => q.id === question.id));
      const section = questionnaire.sections[index];
      return {
        href: `${sectionHref(response.id, index)}#${firstField(question, answers)}`,
        text: t('err_missing', {
          section: section === undefined ? '' : inText(ctx.locale, section.title),
          label: inText(ctx.locale, question.label),
        }),
      };
    });
    return sendPage(
      reply,
      <CheckPage
        ctx={ctx}
        campaign={campaign}
        response={response}
        answers={answers}
        missing={items}
        csrf={reply.generateCsrf()}
      />,
      missing.length > 0 ? 400 : 200,
    );
  };

  app.get(
    '/responses/:id/check',
    { config: { access: 'survey.answer' }, schema: { hide: true, params: IdParams, querystring: PageQuery } },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      const found = await authorisedResponse(db, request, id);
      if (found.response.status === 'in_progress' && !takesAnswers(found.campaign, responses.today()))
        return sendRefusal(deps, request, reply, 'closed', found.campaign);
      await responses.recordRead(responseActor(request), found.response);
      return showCheck(request, reply, found, []);
    },
  );

  app.post(
    '/responses/:id/check',
    { config: { access: 'survey.answer' }, schema: { hide: true, params: IdParams, body: StrictBody({}) } },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      const found = await authorisedResponse(db, request, id);
      try {
        await responses.submit(responseActor(request), id);
        return reply.redirect(`/responses/${id}/done`, 303);
      } catch (error) {
        if (!(error instanceof ResponseProblem)) throw error;
        if (error.code === 'missing') return showCheck(request, reply, found, error.missing);
        return sendRefusal(
          deps,
          request,
          reply,
          error.code === 'submitted' ? 'submitted' : 'closed',
          found.campaign,
        );
      }
    },
  );

  app.get(
    '/responses/:id/done',
    { config: { access: 'survey.answer' }, schema: { hide: true, params: IdParams, querystring: PageQuery } },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      const { response, campaign } = await authorisedResponse(db, request, id);
      if (response.status !== 'submitted') return reply.redirect(`/responses/${id}`, 303);
      const ctx = pageContext(config, assets, request, reply);
      return sendPage(reply, <DonePage ctx={ctx} campaign={campaign} staff={isStaff(request)} />);
    },
  );
}
