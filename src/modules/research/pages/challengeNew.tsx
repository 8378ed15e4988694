import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { signedIn } from '../../../platform/auth/index.ts';
import { PageQuery, pageContext, StrictBody, sendPage } from '../../../platform/http/index.ts';
import type { ModuleDeps } from '../../../platform/module.ts';
import { type FieldErrors, type PageContext, Textarea, TextInput } from '../../../platform/ui/index.ts';
import type { Organisation } from '../../identity/index.ts';
import { beijingDay } from '../../policyCatalogs/index.ts';
import { type NeedTopicSummary, publishedNeedTopics } from '../../survey/index.ts';
import type { ChallengeService } from '../challengeService.ts';
import { organisationsFor } from '../choices.ts';
import { challengeFields, readChallenge } from '../domain/challenge.ts';
import type { Problem } from '../domain/fields.ts';
import { ResearchProblem } from '../researchActor.ts';
import {
  DayField,
  type FormValues,
  fieldProps,
  NeedTopicsBody,
  OrganisationField,
  ResearchFormPage,
  TopicsField,
  YuanField,
} from './formParts.tsx';
import { researchMessages } from './messages.ts';
import { asList, challengeHref, errorsOf, refusedWithChoices, researchActor, trimmed } from './shared.tsx';

const text = (maxLength: number) => Type.Optional(Type.String({ maxLength }));

const ChallengeBody = StrictBody({
  organisation: text(40),
  title: text(1000),
  description: text(20_000),
  needTopics: NeedTopicsBody,
  budget: text(40),
  closesOn: text(20),
});

const NewQuery = Type.Object(
  { ...PageQuery.properties, topic: Type.Optional(Type.String({ maxLength: 40 })) },
  { additionalProperties: false },
);

function NewChallengePage(props: {
  ctx: PageContext;
  csrf: string;
  organisations: readonly Organisation[];
  topics: readonly NeedTopicSummary[];
  values: FormValues;
  errors: FieldErrors;
}) {
  const { ctx, values, errors } = props;
  const { locale } = ctx;
  const t = researchMessages.for(locale);
  const field = (name: string) => fieldProps(locale, values, errors, name);
  return (
    <ResearchFormPage
      ctx={ctx}
      title={t('newChallengeTitle')}
      lead={t('newChallengeLead')}
      action="/research/challenges/new"
      csrf={props.csrf}
      errors={errors}
      button={t('postChallenge')}
    >
      <OrganisationField
        locale={locale}
        label={t('fieldPostedBy')}
        organisations={props.organisations}
        values={values}
        errors={errors}
      />
      <TextInput {...field('title')} label={t('fieldChallengeTitle')} maxlength={200} autocomplete="off" />
      <Textarea
        {...field('description')}
        label={t('fieldDescription')}
        hint={t('fieldDescriptionHint')}
        rows={8}
        maxlength={4000}
      />
      <TopicsField
        locale={locale}
        hint={t('fieldChallengeTopicsHint')}
        topics={props.topics}
        values={values}
        errors={errors}
      />
      <YuanField
        locale={locale}
        name="budget"
        label={t('fieldChallengeBudget')}
        hint={t('fieldChallengeBudgetHint')}
        values={values}
        errors={errors}
      />
      <DayField locale={locale} name="closesOn" label={t('fieldClosesOn')} values={values} errors={errors} />
    </ResearchFormPage>
  );
}

/** GET/POST /research/challenges/new: an organisation posts a challenge (企业出题), citing need topics. */
export function newChallengePages(
  app: FastifyInstance,
  deps: ModuleDeps & { challenges: ChallengeService },
): void {
  const { db, config, assets, challenges } = deps;

  const show = async (
    request: FastifyRequest,
    reply: FastifyReply,
    values: FormValues,
    problems: readonly Problem[],
  ) => {
    const ctx = pageContext(config, assets, request, reply);
    const [organisations, topics] = [
      await organisationsFor(db, signedIn(request), 'challenge.post'),
      await publishedNeedTopics(db),
    ];
    return sendPage(
      reply,
      <NewChallengePage
        ctx={ctx}
        csrf={reply.generateCsrf()}
        organisations={organisations}
        topics={topics}
        values={values}
        errors={errorsOf(ctx.locale, 'challenge', problems, challengeFields)}
      />,
      problems.length > 0 ? 400 : 200,
    );
  };

  app.get(
    '/research/challenges/new',
    { config: { access: 'challenge.post' }, schema: { hide: true, querystring: NewQuery } },
    async (request, reply) => {
      const { topic } = request.query as { topic?: string };
      return show(request, reply, topic === undefined ? {} : { needTopics: [topic] }, []);
    },
  );

  app.post(
    '/research/challenges/new',
    { config: { access: 'challenge.post' }, schema: { hide: true, body: ChallengeBody } },
    async (request, reply) => {
      const { _csrf, ...body } = request.body as Record<string, unknown>;
      const values: FormValues = { ...body, needTopics: asList(body.needTopics) } as FormValues;
      const read = readChallenge(
        {
          organisation: trimmed(body.organisation),
          title: trimmed(body.title),
          description: trimmed(body.description),
          needTopics: asList(body.needTopics),
          budget: trimmed(body.budget),
          closesOn: trimmed(body.closesOn),
        },
        beijingDay(new Date()),
      );
      if (read.value === undefined)
        return show(
          request,
          reply,
          values,
          await refusedWithChoices(db, request, 'challenge.post', body, read.problems),
        );
      try {
        const id = await challenges.post(researchActor(request), read.value.organisationId, read.value.draft);
        return reply.redirect(`${challengeHref(id)}?done=posted`, 303);
      } catch (error) {
        if (error instanceof ResearchProblem) return show(request, reply, values, error.problems);
        throw error;
      }
    },
  );
}
