import type { FastifyInstance, FastifyRequest } from 'fastify';
import { type Actor, authorise, can, mayEver } from '../../../../platform/auth/index.ts';
import type { Db } from '../../../../platform/db/index.ts';
import { DoneQuery, IdParams, pageContext, StrictBody, sendPage } from '../../../../platform/http/index.ts';
import { formatDate, type Locale } from '../../../../platform/i18n/index.ts';
import type { ModuleDeps } from '../../../../platform/module.ts';
import {
  Button,
  ButtonGroup,
  CsrfField,
  doneText,
  type PageContext,
  Table,
  type TableCell,
} from '../../../../platform/ui/index.ts';
import { commandContext } from '../../commands.ts';
import { priorityProducts } from '../../domain/apl.ts';
import { evidenceKeys, type FollowUpEvidence, type NeedEvidence } from '../../domain/needEvidence.ts';
import { textIn } from '../../domain/questionnaire.ts';
import type { Suppressed } from '../../domain/suppression.ts';
import { type NeedTopic, needTopicById } from '../../needTopicRepo.ts';
import { changeNeedTopicStatus, visibleTopics } from '../../needTopicService.ts';
import { type NeedTopicsKey, needTopicsMessages } from './messages.ts';
import {
  FreeText,
  figureText,
  KeywordTags,
  measureText,
  notFound,
  Paragraphs,
  StatusTag,
  TopicsPage,
  topicHref,
} from './shared.tsx';

/** The priority products of a class, so a bare code such as 1223 reads as "电动轮椅". */
function isoClassText(locale: Locale, code: string): string {
  const names = priorityProducts
    .filter((p) => p.isoClass.startsWith(code))
    .map((p) => textIn(locale, p.name));
  if (names.length === 0) return code;
  return locale === 'zh-CN' ? `${code}（${names.join('、')}）` : `${code} (${names.join(', ')})`;
}

function SurveyTable({
  locale,
  evidence,
  figures,
}: {
  locale: Locale;
  evidence: NeedEvidence;
  figures: Suppressed;
}) {
  const t = needTopicsMessages.for(locale);
  const { campaigns } = evidence.survey;
  if (campaigns.length === 0) return <p class="fj-body">{t('noSurvey')}</p>;
  const withTotal = campaigns.length > 1;
  const row = (label: TableCell, key: (campaignId: string) => string): TableCell[] => [
    label,
    ...[...campaigns.map((c) => c.campaignId), ...(withTotal ? ['all'] : [])].map(
      (id): TableCell => ({ content: figureText(figures, key(id), locale), numeric: true }),
    ),
  ];
  const k = evidenceKeys;
  return (
    <Table
      id="survey-evidence"
      caption={t('surveyCaption')}
      captionSize="s"
      firstCellIsHeader
      columns={[
        { header: t('colItem') },
        ...campaigns.map((c) => ({ header: textIn(locale, c.title), numeric: true })),
        ...(withTotal ? [{ header: t('colAll'), numeric: true }] : []),
      ]}
      rows={[
        row(t('rowRespondents'), k.respondents),
        ...evidence.survey.measures.map((m) =>
          row(measureText(locale, m.measure), (id) => k.measure(m.measure, id)),
        ),
        ...evidence.survey.keywords.map((w) =>
          row({ content: <FreeText locale={locale} text={t('keywordRow', { term: w.term })} /> }, (id) =>
            k.term(w.term, id),
          ),
        ),
      ]}
    />
  );
}

const followUpRows: readonly (readonly [keyof FollowUpEvidence, NeedTopicsKey])[] = [
  ['followedUp', 'rowFollowedUp'],
  ['abandoned', 'rowAbandoned'],
  ['discomfort', 'rowDiscomfort'],
  ['poorFit', 'rowPoorFit'],
  ['broken', 'rowBroken'],
  ['repairNeeded', 'rowRepairNeeded'],
  ['noLongerNeeded', 'rowNoLongerNeeded'],
];

function FollowUpTable({
  locale,
  topic,
  figures,
}: {
  locale: Locale;
  topic: NeedTopic;
  figures: Suppressed;
}) {
  const t = needTopicsMessages.for(locale);
  if (topic.isoClasses.length === 0) return <p class="fj-body">{t('noIsoClasses')}</p>;
  return (
    <Table
      id="follow-up-evidence"
      caption={t('followUpCaption', { classes: topic.isoClasses.join(locale === 'zh-CN' ? '、' : ', ') })}
      captionSize="s"
      firstCellIsHeader
      columns={[{ header: t('colFollowUp') }, { header: t('colPeople'), numeric: true }]}
      rows={followUpRows.map(([field, key]) => [
        t(key),
        { content: figureText(figures, evidenceKeys.followUp(topic.id, field), locale), numeric: true },
      ])}
    />
  );
}

function TopicView(props: {
  ctx: PageContext;
  topic: NeedTopic;
  evidence: NeedEvidence;
  figures: Suppressed;
  actor: Actor;
  csrf: string;
  done: string | undefined;
}) {
  const { ctx, topic, evidence, figures, actor } = props;
  const locale = ctx.locale;
  const t = needTopicsMessages.for(locale);
  const title = textIn(locale, topic.title);
  const manages = can(actor, 'need_topic.manage', {});
  // Signed out, a researcher or an enterprise is asked to sign in on the way; signed in, only those who may.
  const mayAct = (action: 'challenge.post' | 'project.propose') =>
    actor.kind === 'anonymous' || mayEver(actor, action);
  const href = topicHref(topic.id);
  return (
    <TopicsPage ctx={ctx} title={title} crumbs={[{ text: title }]} done={props.done}>
      <h1 class="fj-heading-l">{title}</h1>
      {manages && (
        <p class="fj-tag-list">
          <StatusTag locale={locale} status={topic.status} />
        </p>
      )}
      {topic.publishedAt !== null && (
        <p class="fj-hint">{t('publishedOn', { date: formatDate(topic.publishedAt, locale) })}</p>
      )}
      <Paragraphs locale={locale} text={textIn(locale, topic.summary)} lead />

      <h2 class="fj-heading-m">{t('keywordsHeading')}</h2>
      <p class="fj-tag-list">
        <KeywordTags locale={locale} keywords={topic.keywords} />
      </p>
      <h2 class="fj-heading-m">{t('isoHeading')}</h2>
      {topic.isoClasses.length === 0 ? (
        <p class="fj-body">{t('none')}</p>
      ) : (
        <ul class="fj-list">
          {topic.isoClasses.map((code) => (
            <li key={code}>{isoClassText(locale, code)}</li>
          ))}
        </ul>
      )}

      {topic.status === 'published' && (mayAct('challenge.post') || mayAct('project.propose')) && (
        <>
          <h2 class="fj-heading-m">{t('takePartHeading')}</h2>
          <p class="fj-body">{t('takePartLead')}</p>
          <ButtonGroup>
            {mayAct('challenge.post') && (
              <Button href={`/research/challenges/new?topic=${topic.id}`}>{t('postChallenge')}</Button>
            )}
            {mayAct('project.propose') && (
              <Button href={`/research/projects/new?topic=${topic.id}`} variant="secondary">
                {t('proposeProject')}
              </Button>
            )}
          </ButtonGroup>
        </>
      )}

      <h2 class="fj-heading-m">{t('evidenceHeading')}</h2>
      <p class="fj-body">{t('evidenceLead')}</p>
      <h3 class="fj-heading-s">{t('sourceSurvey')}</h3>
      <p class="fj-body">{t('surveyLead')}</p>
      <SurveyTable locale={locale} evidence={evidence} figures={figures} />
      <h3 class="fj-heading-s">{t('sourceFollowUp')}</h3>
      <p class="fj-body">{t('followUpLead')}</p>
      <FollowUpTable locale={locale} topic={topic} figures={figures} />

      {manages && (
        <>
          <h2 class="fj-heading-m">{t('manageHeading')}</h2>
          <p class="fj-body">
            <a href={`${href}/edit`}>{t('edit')}</a>
          </p>
          <form
            method="post"
            action={`${href}/${topic.status === 'draft' ? 'publish' : 'unpublish'}`}
            novalidate
          >
            <CsrfField token={props.csrf} />
            <p class="fj-body">{topic.status === 'draft' ? t('publishHint') : t('unpublishHint')}</p>
            <Button preventDoubleClick variant={topic.status === 'draft' ? 'primary' : 'warning'}>
              {topic.status === 'draft' ? t('publish') : t('unpublish')}
            </Button>
          </form>
        </>
      )}
    </TopicsPage>
  );
}

/**
 * The topic in the route's `:id` as this reader may see it: a published one
 * to anyone, a draft only to those who manage topics (anyone else is told it
 * does not exist, and the attempt is audited).
 */
export async function visibleTopic(db: Db, request: FastifyRequest): Promise<NeedTopic> {
  const { id } = request.params as { id: string };
  const topic = await needTopicById(db, id);
  if (topic === undefined) throw notFound();
  if (topic.status !== 'published')
    await authorise(db, request, 'need_topic.manage', { type: 'need_topic', id }, {});
  return topic;
}

/** GET /needs/topics/:id, and the publish and unpublish commands on it. */
export function topicPages(app: FastifyInstance, deps: ModuleDeps): void {
  const { db, config, assets } = deps;

  app.get(
    '/needs/topics/:id',
    { config: { access: 'public' }, schema: { hide: true, params: IdParams, querystring: DoneQuery } },
    async (request, reply) => {
      const topic = await visibleTopic(db, request);
      // Suppressed with every topic this reader sees, as the list and the API suppress them.
      const visible = await visibleTopics(db, { includeDrafts: can(request.actor, 'need_topic.manage', {}) });
      const evidence = visible.evidence.get(topic.id);
      if (evidence === undefined) throw notFound();
      const ctx = pageContext(config, assets, request, reply);
      const { done } = request.query as { done?: string };
      return sendPage(
        reply,
        <TopicView
          ctx={ctx}
          topic={topic}
          evidence={evidence}
          figures={visible.figures}
          actor={request.actor}
          csrf={reply.generateCsrf()}
          done={doneText(needTopicsMessages, ctx.locale, done)}
        />,
      );
    },
  );

  for (const command of ['publish', 'unpublish'] as const) {
    app.post(
      `/needs/topics/:id/${command}`,
      {
        config: { access: 'need_topic.manage' },
        schema: { hide: true, params: IdParams, body: StrictBody({}) },
      },
      async (request, reply) => {
        const { id } = request.params as { id: string };
        await authorise(db, request, 'need_topic.manage', { type: 'need_topic', id }, {});
        if ((await needTopicById(db, id)) === undefined) throw notFound();
        await changeNeedTopicStatus(db, commandContext(request), id, command);
        return reply.redirect(`${topicHref(id)}?done=${command}ed`, 303);
      },
    );
  }
}
