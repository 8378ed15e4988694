import type { FastifyInstance } from 'fastify';
import { can } from '../../../../platform/auth/index.ts';
import { PageQuery, pageContext, sendPage } from '../../../../platform/http/index.ts';
import { formatDate, type Locale } from '../../../../platform/i18n/index.ts';
import type { ModuleDeps } from '../../../../platform/module.ts';
import { Button, type PageContext } from '../../../../platform/ui/index.ts';
import { evidenceKeys } from '../../domain/needEvidence.ts';
import { textIn } from '../../domain/questionnaire.ts';
import type { Suppressed } from '../../domain/suppression.ts';
import type { NeedTopic } from '../../needTopicRepo.ts';
import { visibleTopics } from '../../needTopicService.ts';
import { needTopicsMessages } from './messages.ts';
import {
  figureText,
  KeywordTags,
  Paragraphs,
  StatusTag,
  TopicsPage,
  topicHref,
  topicsPath,
} from './shared.tsx';

/** A topic's evidence in a line per source, and its keywords. */
function EvidenceFacts({
  locale,
  topic,
  figures,
}: {
  locale: Locale;
  topic: NeedTopic;
  figures: Suppressed;
}) {
  const t = needTopicsMessages.for(locale);
  const n = (key: string) => figureText(figures, key, locale);
  return (
    <dl class="fj-product-list__facts">
      <div class="fj-product-list__fact">
        <dt>{t('sourceSurvey')}</dt>
        <dd>
          {t('surveyTotal', {
            measures: n(evidenceKeys.measureMentions(topic.id)),
            keywords: n(evidenceKeys.keywordMentions(topic.id)),
          })}
        </dd>
      </div>
      <div class="fj-product-list__fact">
        <dt>{t('sourceFollowUp')}</dt>
        <dd>
          {topic.isoClasses.length === 0
            ? t('noFollowUpClasses')
            : t('followUpTotal', {
                followedUp: n(evidenceKeys.followUp(topic.id, 'followedUp')),
                abandoned: n(evidenceKeys.followUp(topic.id, 'abandoned')),
                problems: n(evidenceKeys.followUp(topic.id, 'problemReports')),
              })}
        </dd>
      </div>
      <div class="fj-product-list__fact">
        <dt>{t('keywordsHeading')}</dt>
        <dd class="fj-tag-list">
          <KeywordTags locale={locale} keywords={topic.keywords} />
        </dd>
      </div>
    </dl>
  );
}

function TopicEntry({ locale, topic, figures }: { locale: Locale; topic: NeedTopic; figures: Suppressed }) {
  const t = needTopicsMessages.for(locale);
  return (
    <li class="fj-product-list__item">
      <h3 class="fj-product-list__title">
        <a href={topicHref(topic.id)}>{textIn(locale, topic.title)}</a>
      </h3>
      {topic.status === 'draft' ? (
        <p class="fj-tag-list">
          <StatusTag locale={locale} status="draft" />
        </p>
      ) : (
        topic.publishedAt !== null && (
          <p class="fj-product-list__other-name">
            {t('publishedOn', { date: formatDate(topic.publishedAt, locale) })}
          </p>
        )
      )}
      <Paragraphs locale={locale} text={textIn(locale, topic.summary)} />
      <EvidenceFacts locale={locale} topic={topic} figures={figures} />
    </li>
  );
}

function TopicList(props: {
  ctx: PageContext;
  topics: readonly NeedTopic[];
  figures: Suppressed;
  manages: boolean;
}) {
  const { ctx, topics, figures } = props;
  const t = needTopicsMessages.for(ctx.locale);
  const published = topics.filter((topic) => topic.status === 'published');
  const drafts = topics.filter((topic) => topic.status === 'draft');
  const entries = (list: readonly NeedTopic[]) => (
    <ul class="fj-product-list">
      {list.map((topic) => (
        <TopicEntry key={topic.id} locale={ctx.locale} topic={topic} figures={figures} />
      ))}
    </ul>
  );
  return (
    <TopicsPage ctx={ctx} title={t('listTitle')} crumbs={[]} isList>
      <h1 class="fj-heading-l">{t('listTitle')}</h1>
      <p class="fj-lead">{t('listLead')}</p>
      {props.manages && <Button href={`${topicsPath}/new`}>{t('newTopic')}</Button>}
      <h2 class="fj-heading-m">{t('publishedHeading')}</h2>
      {published.length === 0 ? <p class="fj-body">{t('noPublished')}</p> : entries(published)}
      {props.manages && drafts.length > 0 && (
        <>
          <h2 class="fj-heading-m">{t('draftsHeading')}</h2>
          <p class="fj-body">{t('draftsLead')}</p>
          {entries(drafts)}
        </>
      )}
    </TopicsPage>
  );
}

/** GET /needs/topics: published topics with their evidence; drafts too for those who manage topics. */
export function listPage(app: FastifyInstance, deps: ModuleDeps): void {
  const { db, config, assets } = deps;
  app.get(
    topicsPath,
    { config: { access: 'public' }, schema: { hide: true, querystring: PageQuery } },
    async (request, reply) => {
      const manages = can(request.actor, 'need_topic.manage', {});
      const { topics, figures } = await visibleTopics(db, { includeDrafts: manages });
      const ctx = pageContext(config, assets, request, reply);
      return sendPage(reply, <TopicList ctx={ctx} topics={topics} figures={figures} manages={manages} />);
    },
  );
}
