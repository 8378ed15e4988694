import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { signedIn } from '../../../platform/auth/index.ts';
import { PageQuery, pageContext, StrictBody, sendPage } from '../../../platform/http/index.ts';
import type { Locale } from '../../../platform/i18n/index.ts';
import type { ModuleDeps } from '../../../platform/module.ts';
import {
  type FieldErrors,
  type PageContext,
  Select,
  Textarea,
  TextInput,
} from '../../../platform/ui/index.ts';
import type { Organisation } from '../../identity/index.ts';
import { beijingDay } from '../../policyCatalogs/index.ts';
import { type NeedTopicSummary, publishedNeedTopics } from '../../survey/index.ts';
import { type Challenge, findChallenge, listChallenges } from '../challengeRepo.ts';
import { organisationsFor } from '../choices.ts';
import { isAccepting } from '../domain/challenge.ts';
import type { Problem } from '../domain/fields.ts';
import { trlLevels } from '../domain/projectFlow.ts';
import { proposalFields, readProposal } from '../domain/proposal.ts';
import type { ProjectService } from '../projectService.ts';
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
import { researchLabels, trlText } from './labels.ts';
import { researchMessages } from './messages.ts';
import {
  asList,
  errorsOf,
  inLocale,
  projectHref,
  refusedWithChoices,
  researchActor,
  trimmed,
} from './shared.tsx';

const text = (maxLength: number) => Type.Optional(Type.String({ maxLength }));

const ProposalBody = StrictBody({
  organisation: text(40),
  challenge: text(40),
  title: text(1000),
  summary: text(20_000),
  needTopics: NeedTopicsBody,
  team: text(20_000),
  trlNow: text(4),
  trlTarget: text(4),
  budget: text(40),
  startsOn: text(20),
  endsOn: text(20),
  expectedResults: text(20_000),
});

const NewQuery = Type.Object(
  {
    ...PageQuery.properties,
    challenge: Type.Optional(Type.String({ maxLength: 40 })),
    topic: Type.Optional(Type.String({ maxLength: 40 })),
  },
  { additionalProperties: false },
);

/** The form's fields in page order: the error summary lists problems in it. */
const fieldOrder = ['organisation', ...proposalFields];

const trlOptions = (locale: Locale) => {
  const l = researchLabels.for(locale);
  return [
    { value: '', text: researchMessages.for(locale)('chooseOne') },
    ...trlLevels.map((level) => ({ value: String(level), text: trlText(l, level) })),
  ];
};

function ProposePage(props: {
  ctx: PageContext;
  csrf: string;
  organisations: readonly Organisation[];
  challenges: readonly Challenge[];
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
      title={t('proposeTitle')}
      lead={t('proposeLead')}
      action="/research/projects/new"
      csrf={props.csrf}
      errors={errors}
      button={t('submitProposal')}
    >
      <OrganisationField
        locale={locale}
        label={t('fieldProposedBy')}
        organisations={props.organisations}
        values={values}
        errors={errors}
      />
      <Select
        {...field('challenge')}
        label={t('fieldChallenge')}
        hint={t('fieldChallengeHint')}
        options={[
          { value: '', text: t('noChallenge') },
          ...props.challenges.map((c) => ({
            value: c.id,
            text: t('challengeOption', {
              reference: c.reference,
              title: c.title,
              organisation: inLocale(locale, c.organisationNameZh, c.organisationNameEn),
            }),
          })),
        ]}
      />
      <TextInput {...field('title')} label={t('fieldProjectTitle')} maxlength={200} autocomplete="off" />
      <Textarea
        {...field('summary')}
        label={t('fieldSummary')}
        hint={t('fieldSummaryHint')}
        rows={6}
        maxlength={4000}
      />
      <TopicsField
        locale={locale}
        hint={t('fieldProjectTopicsHint')}
        topics={props.topics}
        values={values}
        errors={errors}
      />
      <Textarea
        {...field('team')}
        label={t('fieldTeam')}
        hint={t('fieldTeamHint')}
        rows={4}
        maxlength={4000}
      />
      <Select
        {...field('trlNow')}
        label={t('fieldTrlNow')}
        hint={t('fieldTrlHint')}
        options={trlOptions(locale)}
      />
      <Select {...field('trlTarget')} label={t('fieldTrlTarget')} options={trlOptions(locale)} />
      <YuanField
        locale={locale}
        name="budget"
        label={t('fieldBudget')}
        hint={t('fieldBudgetHint')}
        values={values}
        errors={errors}
      />
      <DayField locale={locale} name="startsOn" label={t('fieldStartsOn')} values={values} errors={errors} />
      <DayField locale={locale} name="endsOn" label={t('fieldEndsOn')} values={values} errors={errors} />
      <Textarea
        {...field('expectedResults')}
        label={t('fieldExpectedResults')}
        hint={t('fieldExpectedResultsHint')}
        rows={6}
        maxlength={4000}
      />
    </ResearchFormPage>
  );
}

/** GET/POST /research/projects/new: a team proposes a project (申报), answering a challenge or need topics. */
export function proposePages(app: FastifyInstance, deps: ModuleDeps & { projects: ProjectService }): void {
  const { db, config, assets, projects } = deps;

  const show = async (
    request: FastifyRequest,
    reply: FastifyReply,
    values: FormValues,
    problems: readonly Problem[],
  ) => {
    const ctx = pageContext(config, assets, request, reply);
    const organisations = await organisationsFor(db, signedIn(request), 'project.propose');
    const challenges = await listChallenges(db, { acceptingOn: beijingDay(new Date()) });
    const topics = await publishedNeedTopics(db);
    return sendPage(
      reply,
      <ProposePage
        ctx={ctx}
        csrf={reply.generateCsrf()}
        organisations={organisations}
        challenges={challenges}
        topics={topics}
        values={values}
        errors={errorsOf(ctx.locale, 'proposal', problems, fieldOrder)}
      />,
      problems.length > 0 ? 400 : 200,
    );
  };

  app.get(
    '/research/projects/new',
    { config: { access: 'project.propose' }, schema: { hide: true, querystring: NewQuery } },
    async (request, reply) => {
      const query = request.query as { challenge?: string; topic?: string };
      // Answering a challenge starts from the topics it cites; a topic's page starts from that topic.
      const challenge = query.challenge === undefined ? undefined : await findChallenge(db, query.challenge);
      const answering = challenge && isAccepting(challenge, beijingDay(new Date())) ? challenge : undefined;
      const topics = answering?.needTopicIds ?? (query.topic === undefined ? [] : [query.topic]);
      return show(request, reply, { challenge: answering?.id ?? '', needTopics: [...topics] }, []);
    },
  );

  app.post(
    '/research/projects/new',
    { config: { access: 'project.propose' }, schema: { hide: true, body: ProposalBody } },
    async (request, reply) => {
      const { _csrf, ...body } = request.body as Record<string, unknown>;
      const values = { ...body, needTopics: asList(body.needTopics) } as FormValues;
      const read = readProposal({
        challenge: trimmed(body.challenge),
        title: trimmed(body.title),
        summary: trimmed(body.summary),
        needTopics: asList(body.needTopics),
        team: trimmed(body.team),
        trlNow: trimmed(body.trlNow),
        trlTarget: trimmed(body.trlTarget),
        budget: trimmed(body.budget),
        startsOn: trimmed(body.startsOn),
        endsOn: trimmed(body.endsOn),
        expectedResults: trimmed(body.expectedResults),
      });
      if (read.value === undefined)
        return show(
          request,
          reply,
          values,
          await refusedWithChoices(db, request, 'project.propose', body, read.problems),
        );
      const organisation = trimmed(body.organisation).trim();
      try {
        const id = await projects.propose(
          researchActor(request),
          organisation === '' ? null : organisation,
          read.value,
        );
        return reply.redirect(`${projectHref(id)}?done=proposed`, 303);
      } catch (error) {
        if (error instanceof ResearchProblem) return show(request, reply, values, error.problems);
        throw error;
      }
    },
  );
}
