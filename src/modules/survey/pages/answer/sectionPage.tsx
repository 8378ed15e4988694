import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { PageQuery, pageContext, sendPage } from '../../../../platform/http/index.ts';
import type { ModuleDeps } from '../../../../platform/module.ts';
import {
  Button,
  ButtonGroup,
  CsrfField,
  type FieldErrors,
  FormPage,
  type PageContext,
  shellMessages,
} from '../../../../platform/ui/index.ts';
import { type Campaign, takesAnswers } from '../../campaignRepo.ts';
import {
  answersBefore,
  type FormFields,
  fieldsOf,
  type PageQuestion,
  questionsOnPage,
  readSection,
} from '../../domain/answerForm.ts';
import {
  type Answers,
  holds,
  keepShownAnswers,
  type Questionnaire,
  shownSections,
} from '../../domain/questionnaire.ts';
import type { SurveyResponse } from '../../responseRepo.ts';
import type { ResponseService } from '../../responseService.ts';
import { answerMessages } from './messages.ts';
import { QuestionField } from './questionFields.tsx';
import {
  authorisedResponse,
  CampaignCaption,
  notFound,
  questionFieldPattern,
  responseActor,
  sendRefusal,
  sendRefusalOrThrow,
  surveysArea,
} from './shared.tsx';
import { answerProblemText, inText, problemField } from './words.ts';

type Deps = ModuleDeps & { readonly responses: ResponseService };

export const SectionParams = Type.Object({
  id: Type.String({ format: 'uuid' }),
  index: Type.Integer({ minimum: 0, maximum: 99 }),
});

/**
 * A section's form: the buttons, and a field per question named `q.<id>`
 * (a grid's rows `q.<id>.<row>`). Checkboxes repeat their name.
 */
const SectionBody = Type.Object(
  {
    _csrf: Type.String({ maxLength: 200 }),
    nav: Type.Optional(Type.Union([Type.Literal('next'), Type.Literal('previous'), Type.Literal('later')])),
  },
  {
    additionalProperties: false,
    maxProperties: 200,
    patternProperties: {
      [questionFieldPattern]: Type.Union([
        Type.String({ maxLength: 4000 }),
        Type.Array(Type.String({ maxLength: 40 }), { maxItems: 60 }),
      ]),
    },
  },
);

export const sectionHref = (responseId: string, index: number) =>
  `/responses/${responseId}/sections/${index}`;
export const checkHref = (responseId: string) => `/responses/${responseId}/check`;

/** The next section shown after `index` for these answers; none: the check page comes next. */
export function nextSection(questionnaire: Questionnaire, answers: Answers, index: number): number | null {
  for (let i = index + 1; i < questionnaire.sections.length; i++)
    if (holds(questionnaire.sections[i]?.showIf, answers)) return i;
  return null;
}

export function previousSection(
  questionnaire: Questionnaire,
  answers: Answers,
  index: number,
): number | null {
  for (let i = index - 1; i >= 0; i--) if (holds(questionnaire.sections[i]?.showIf, answers)) return i;
  return null;
}

/** Where a response resumes: its section if still shown, else the next one shown, else the check page. */
export function resumeHref(response: SurveyResponse, questionnaire: Questionnaire, answers: Answers): string {
  const index = response.resumeSection;
  if (index < questionnaire.sections.length && holds(questionnaire.sections[index]?.showIf, answers))
    return sectionHref(response.id, index);
  const next = nextSection(questionnaire, answers, index);
  return next === null ? checkHref(response.id) : sectionHref(response.id, next);
}

interface SectionProps {
  readonly ctx: PageContext;
  readonly campaign: Campaign;
  readonly response: SurveyResponse;
  readonly index: number;
  readonly questions: readonly PageQuestion[];
  readonly fields: FormFields;
  readonly errors: FieldErrors;
  readonly position: { readonly n: number; readonly total: number };
  readonly hasPrevious: boolean;
  readonly csrf: string;
}

function SectionPage(props: SectionProps) {
  const { ctx, campaign, response, index, questions, fields, errors, position, hasPrevious, csrf } = props;
  const { locale } = ctx;
  const t = answerMessages.for(locale);
  const shell = shellMessages.for(locale);
  const questionnaire = campaign.questionnaire;
  const section = questionnaire.sections[index];
  if (section === undefined) return null;
  const title = inText(locale, section.title);
  const progress = t('sectionProgress', position);
  return (
    <FormPage ctx={ctx} title={title} area={surveysArea(ctx)} crumbs={[{ text: title }]} errors={errors}>
      <CampaignCaption locale={locale} campaign={campaign} />
      <h1 class="fj-heading-l">{title}</h1>
      <div class="fj-survey-progress">
        <p class="fj-body" id="progress-text">
          {progress}
        </p>
        {/* The words above say it; the bar only shows it. */}
        <progress max={position.total} value={position.n} aria-hidden="true" />
      </div>
      {response.mode === 'proxy' && <p class="fj-body fj-survey-note">{t('proxyNote')}</p>}
      {response.mode === 'anonymous' && <p class="fj-body fj-survey-note">{t('anonymousNote')}</p>}
      {section.intro !== undefined && <p class="fj-body">{inText(locale, section.intro)}</p>}
      <form method="post" action={sectionHref(response.id, index)} novalidate>
        <CsrfField token={csrf} />
        {questions.map((shown) => (
          <QuestionField
            key={shown.question.id}
            locale={locale}
            questionnaire={questionnaire}
            shown={shown}
            fields={fields}
            errors={errors}
            errorPrefix={shell('errorPrefix')}
          />
        ))}
        {/* Save and continue comes first: it is what Enter in a text box does. */}
        <ButtonGroup>
          <Button name="nav" value="next" preventDoubleClick>
            {t('saveContinue')}
          </Button>
          {hasPrevious && (
            <Button name="nav" value="previous" variant="secondary">
              {t('previous')}
            </Button>
          )}
          <Button name="nav" value="later" variant="secondary">
            {t('saveLater')}
          </Button>
        </ButtonGroup>
      </form>
    </FormPage>
  );
}

/** GET/POST /responses/:id/sections/:index: one section of a response, saved as it is left. */
export function sectionPage(app: FastifyInstance, deps: Deps): void {
  const { db, config, assets, responses } = deps;

  const show = async (
    request: FastifyRequest,
    reply: FastifyReply,
    found: { response: SurveyResponse; campaign: Campaign },
    index: number,
    answers: Answers,
    fields: FormFields,
    errors: FieldErrors,
    status = 200,
  ) => {
    const { response, campaign } = found;
    const questionnaire = campaign.questionnaire;
    const section = questionnaire.sections[index];
    if (section === undefined) throw notFound();
    const shown = shownSections(questionnaire, answers);
    const ctx = pageContext(config, assets, request, reply);
    return sendPage(
      reply,
      <SectionPage
        ctx={ctx}
        campaign={campaign}
        response={response}
        index={index}
        questions={questionsOnPage(section, answers)}
        fields={fields}
        errors={errors}
        position={{ n: shown.indexOf(section) + 1, total: shown.length }}
        hasPrevious={previousSection(questionnaire, answers, index) !== null}
        csrf={reply.generateCsrf()}
      />,
      status,
    );
  };

  /** The response, answerable now: a submitted one is shown read-only on its check page, a closed campaign refused. */
  const open = async (request: FastifyRequest, reply: FastifyReply) => {
    const { id, index } = request.params as { id: string; index: number };
    const found = await authorisedResponse(db, request, id);
    const { response, campaign } = found;
    const section = campaign.questionnaire.sections[index];
    if (section === undefined) throw notFound();
    if (response.status === 'submitted') {
      if (request.method === 'GET') await reply.redirect(checkHref(id), 303);
      else await sendRefusal(deps, request, reply, 'submitted', campaign);
      return null;
    }
    if (!takesAnswers(campaign, responses.today())) {
      await sendRefusal(deps, request, reply, 'closed', campaign);
      return null;
    }
    return {
      found,
      index,
      section,
      answers: keepShownAnswers(campaign.questionnaire, responses.answersOf(response)),
    };
  };

  app.get(
    '/responses/:id/sections/:index',
    {
      config: { access: 'survey.answer' },
      schema: { hide: true, params: SectionParams, querystring: PageQuery },
    },
    async (request, reply) => {
      const opened = await open(request, reply);
      if (opened === null) return reply;
      const { found, index, section, answers } = opened;
      const questionnaire = found.campaign.questionnaire;
      if (!holds(section.showIf, answers)) {
        const next = nextSection(questionnaire, answers, index);
        return reply.redirect(
          next === null ? checkHref(found.response.id) : sectionHref(found.response.id, next),
          303,
        );
      }
      await responses.recordRead(responseActor(request), found.response);
      return show(request, reply, found, index, answers, fieldsOf(section, answers), {});
    },
  );

  app.post(
    '/responses/:id/sections/:index',
    { config: { access: 'survey.answer' }, schema: { hide: true, params: SectionParams, body: SectionBody } },
    async (request, reply) => {
      const opened = await open(request, reply);
      if (opened === null) return reply;
      const { found, index, section, answers } = opened;
      const { response, campaign } = found;
      const questionnaire = campaign.questionnaire;
      if (!holds(section.showIf, answers)) throw notFound();
      const body = request.body as FormFields & { nav?: 'next' | 'previous' | 'later' };
      const nav = body.nav ?? 'next';
      const read = readSection(section, body, answers, { requireAnswers: nav === 'next' });
      const after = keepShownAnswers(questionnaire, { ...answersBefore(section, answers), ...read.answers });
      if (read.problems.length > 0) {
        const errors: Record<string, string> = {};
        for (const problem of read.problems) {
          const question = section.questions.find((q) => q.id === problem.question);
          if (question !== undefined)
            errors[problemField(problem)] ??= answerProblemText(request.locale, question, problem);
        }
        // The progress counts the sections the answers just given lead to, though nothing is saved yet.
        return show(request, reply, found, index, after, body, errors, 400);
      }
      const target =
        nav === 'next'
          ? (nextSection(questionnaire, after, index) ?? questionnaire.sections.length)
          : nav === 'previous'
            ? (previousSection(questionnaire, after, index) ?? index)
            : index;
      try {
        await responses.saveSection(responseActor(request), response.id, index, read.answers, target);
      } catch (error) {
        return sendRefusalOrThrow(deps, request, reply, campaign, error, ['closed', 'submitted']);
      }
      if (nav === 'later') return reply.redirect(`/responses/${response.id}/saved`, 303);
      return reply.redirect(
        target >= questionnaire.sections.length ? checkHref(response.id) : sectionHref(response.id, target),
        303,
      );
    },
  );
}
