import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authorise } from '../../../../platform/auth/index.ts';
import { IdParams, PageQuery, pageContext, sendPage } from '../../../../platform/http/index.ts';
import type { Locale } from '../../../../platform/i18n/index.ts';
import type { ModuleDeps } from '../../../../platform/module.ts';
import {
  Button,
  ButtonGroup,
  Checkboxes,
  CsrfField,
  type FieldErrors,
  Fieldset,
  shellMessages,
  Textarea,
  TextInput,
} from '../../../../platform/ui/index.ts';
import { commandContext } from '../../commands.ts';
import type { TermCount } from '../../domain/keywordSuggestions.ts';
import { type MeasureGroup, measureGroups, topicMeasures } from '../../domain/needEvidence.ts';
import { textIn } from '../../domain/questionnaire.ts';
import { type NeedTopic, needTopicById } from '../../needTopicRepo.ts';
import { createNeedTopic, editNeedTopic, suggestedKeywords } from '../../needTopicService.ts';
import { type NeedTopicsKey, needTopicsMessages } from './messages.ts';
import { notFound, numberText, TopicsPage, topicHref, topicsPath } from './shared.tsx';
import {
  asList,
  EditTopicBody,
  limits,
  measuresFieldId,
  NewTopicBody,
  readTopicForm,
  retyped,
  splitWords,
  type TopicFormProblem,
  type TopicFormValues,
  valuesOf,
} from './topicForm.ts';

const emptyForm: TopicFormValues = {
  titleZh: '',
  titleEn: '',
  summaryZh: '',
  summaryEn: '',
  keywords: '',
  isoClasses: '',
};

const groupLegends: Readonly<Record<MeasureGroup, NeedTopicsKey>> = {
  unmet: 'groupUnmet',
  tech: 'groupTech',
  barrier: 'groupBarrier',
};

function TopicFields(props: {
  locale: Locale;
  values: TopicFormValues;
  errors: FieldErrors;
  suggestions: readonly TermCount[];
}) {
  const { locale, values, errors } = props;
  const t = needTopicsMessages.for(locale);
  const errorPrefix = shellMessages.for(locale)('errorPrefix');
  const ticked = asList(values.measure);
  const text = (id: 'titleZh' | 'titleEn', label: NeedTopicsKey) => (
    <TextInput
      id={id}
      name={id}
      label={t(label)}
      value={values[id]}
      maxlength={limits.title}
      error={errors[id]}
      errorPrefix={errorPrefix}
      {...(id === 'titleEn' ? { spellcheck: true } : {})}
    />
  );
  const summary = (id: 'summaryZh' | 'summaryEn', label: NeedTopicsKey) => (
    <Textarea
      id={id}
      name={id}
      label={t(label)}
      hint={t('summaryHint')}
      value={values[id]}
      rows={6}
      maxlength={limits.summary}
      error={errors[id]}
      errorPrefix={errorPrefix}
    />
  );
  return (
    <>
      {text('titleZh', 'fieldTitleZh')}
      {text('titleEn', 'fieldTitleEn')}
      {summary('summaryZh', 'fieldSummaryZh')}
      {summary('summaryEn', 'fieldSummaryEn')}
      <h2 class="fj-heading-m">{t('measuresHeading')}</h2>
      <p class="fj-body">{t('measuresHint')}</p>
      {measureGroups.map((group, index) => (
        <Checkboxes
          key={group}
          idPrefix={`measure-${group}`}
          name="measure"
          legend={t(groupLegends[group])}
          legendSize="s"
          small
          // "Choose at least one" belongs to all three groups; it is shown on the first, where the summary links.
          {...(index === 0 && errors[measuresFieldId] !== undefined
            ? { error: errors[measuresFieldId], errorPrefix }
            : {})}
          items={topicMeasures
            .filter((m) => m.group === group)
            .map((m) => ({ value: m.measure, text: textIn(locale, m.label) }))}
          values={ticked}
        />
      ))}
      <TextInput
        id="keywords"
        name="keywords"
        label={t('fieldKeywords')}
        labelSize="m"
        hint={t('keywordsHint')}
        value={values.keywords}
        maxlength={2000}
        autocomplete="off"
        error={errors.keywords}
        errorPrefix={errorPrefix}
      />
      {props.suggestions.length === 0 ? (
        <Fieldset legend={t('suggestionsLegend')} legendSize="s">
          <p class="fj-hint">{t('noSuggestions')}</p>
        </Fieldset>
      ) : (
        <Checkboxes
          idPrefix="suggested"
          name="suggested"
          legend={t('suggestionsLegend')}
          legendSize="s"
          hint={t('suggestionsHint')}
          small
          items={props.suggestions.map((s) => ({
            value: s.term,
            text: t('suggestionText', { term: s.term, count: numberText(s.respondents, locale) }),
          }))}
          values={asList(values.suggested)}
        />
      )}
      <TextInput
        id="isoClasses"
        name="isoClasses"
        label={t('fieldIsoClasses')}
        labelSize="m"
        hint={t('isoClassesHint')}
        value={values.isoClasses}
        inputmode="numeric"
        autocomplete="off"
        width="20"
        maxlength={1000}
        error={errors.isoClasses}
        errorPrefix={errorPrefix}
      />
    </>
  );
}

const problemErrors = (locale: Locale, problems: readonly TopicFormProblem[]): FieldErrors => {
  const t = needTopicsMessages.for(locale);
  const errors: Record<string, string> = {};
  // The first problem of a field is the one to fix first; the summary lists one line per field.
  for (const p of problems) errors[p.field] ??= t(p.key, p.params);
  return errors;
};

/** GET and POST /needs/topics/new, /needs/topics/:id/edit: a topic's form, saved only over the version shown. */
export function formPages(app: FastifyInstance, deps: ModuleDeps): void {
  const { db, config, assets } = deps;

  const show = async (
    request: FastifyRequest,
    reply: FastifyReply,
    page: { topic: NeedTopic | null; values: TopicFormValues; errors?: FieldErrors; status?: number },
  ) => {
    const ctx = pageContext(config, assets, request, reply);
    const t = needTopicsMessages.for(ctx.locale);
    const errors = page.errors ?? {};
    // What this form already groups is not suggested again, nor is what other topics do.
    const suggestions = await suggestedKeywords(db, [
      ...splitWords(page.values.keywords),
      ...asList(page.values.suggested),
    ]);
    const { topic } = page;
    const title = topic === null ? t('newTitle') : t('editTitle');
    const back = topic === null ? topicsPath : topicHref(topic.id);
    const action = topic === null ? `${topicsPath}/new` : `${topicHref(topic.id)}/edit`;
    const crumbs =
      topic === null
        ? [{ text: title }]
        : [{ text: textIn(ctx.locale, topic.title), href: back }, { text: title }];
    return sendPage(
      reply,
      <TopicsPage ctx={ctx} title={title} crumbs={crumbs} errors={errors}>
        <h1 class="fj-heading-l">{title}</h1>
        <p class="fj-body">{t('formLead')}</p>
        {errors.stale !== undefined && (
          <p class="fj-body" id="stale">
            <a href={back}>{t('staleLink')}</a>
          </p>
        )}
        <form method="post" action={action} novalidate>
          <CsrfField token={reply.generateCsrf()} />
          {page.values.version !== undefined && (
            <input type="hidden" name="version" value={page.values.version} />
          )}
          <TopicFields locale={ctx.locale} values={page.values} errors={errors} suggestions={suggestions} />
          <ButtonGroup>
            <Button preventDoubleClick>{topic === null ? t('saveDraft') : t('save')}</Button>
            <a href={back} class="fj-body">
              {t('cancel')}
            </a>
          </ButtonGroup>
        </form>
      </TopicsPage>,
      page.status ?? 200,
    );
  };

  const mayManage = (request: FastifyRequest, id: string) =>
    authorise(db, request, 'need_topic.manage', { type: 'need_topic', id }, {});

  app.get(
    `${topicsPath}/new`,
    { config: { access: 'need_topic.manage' }, schema: { hide: true, querystring: PageQuery } },
    async (request, reply) => {
      await mayManage(request, 'new');
      return show(request, reply, { topic: null, values: emptyForm });
    },
  );

  app.post(
    `${topicsPath}/new`,
    { config: { access: 'need_topic.manage' }, schema: { hide: true, body: NewTopicBody } },
    async (request, reply) => {
      await mayManage(request, 'new');
      const values = request.body as TopicFormValues;
      const read = readTopicForm(values);
      if (!read.ok)
        return show(request, reply, {
          topic: null,
          values: retyped(values),
          errors: problemErrors(request.locale, read.problems),
          status: 400,
        });
      const id = await createNeedTopic(db, commandContext(request), read.topic);
      return reply.redirect(`${topicHref(id)}?done=created`, 303);
    },
  );

  app.get(
    `${topicsPath}/:id/edit`,
    {
      config: { access: 'need_topic.manage' },
      schema: { hide: true, params: IdParams, querystring: PageQuery },
    },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      await mayManage(request, id);
      const topic = await needTopicById(db, id);
      if (topic === undefined) throw notFound();
      return show(request, reply, { topic, values: valuesOf(topic) });
    },
  );

  app.post(
    `${topicsPath}/:id/edit`,
    {
      config: { access: 'need_topic.manage' },
      schema: { hide: true, params: IdParams, body: EditTopicBody },
    },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      await mayManage(request, id);
      const topic = await needTopicById(db, id);
      if (topic === undefined) throw notFound();
      const values = request.body as TopicFormValues & { version: string };
      const read = readTopicForm(values);
      if (!read.ok)
        return show(request, reply, {
          topic,
          values: retyped(values),
          errors: problemErrors(request.locale, read.problems),
          status: 400,
        });
      const outcome = await editNeedTopic(
        db,
        commandContext(request),
        id,
        Number(values.version),
        read.topic,
      );
      if (outcome === 'stale')
        return show(request, reply, {
          topic,
          values: retyped(values),
          errors: { stale: needTopicsMessages.for(request.locale)('err_stale') },
          status: 409,
        });
      return reply.redirect(`${topicHref(id)}?done=updated`, 303);
    },
  );
}
