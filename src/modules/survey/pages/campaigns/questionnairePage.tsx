import type { FastifyInstance } from 'fastify';
import { HttpError, IdParams, PageQuery, pageContext, sendPage } from '../../../../platform/http/index.ts';
import type { Locale } from '../../../../platform/i18n/index.ts';
import type { ModuleDeps } from '../../../../platform/module.ts';
import { FormPage, Tag } from '../../../../platform/ui/index.ts';
import { questionnaireById } from '../../campaignRepo.ts';
import { priorityProduct, priorityProducts } from '../../domain/apl.ts';
import {
  type Condition,
  type Question,
  type Questionnaire,
  questionById,
  type Text,
  textIn,
} from '../../domain/questionnaire.ts';
import { type CampaignsT, campaignsMessages } from './messages.ts';

/** The words of a choice value of a question, as the respondent read them. */
function choiceText(locale: Locale, question: Question | undefined, value: string): string {
  if (question === undefined) return value;
  const choices =
    question.kind === 'single' || question.kind === 'multiple'
      ? question.choices
      : question.kind === 'grid'
        ? question.columns
        : [];
  const choice = choices.find((c) => c.value === value);
  if (choice) return textIn(locale, choice.label);
  const product = question.kind === 'product' ? priorityProduct(value) : undefined;
  return product ? textIn(locale, product.name) : value;
}

/**
 * A skip condition in words ("“您现在使用哪些辅助器具？”已回答"), so that
 * anyone reading the questionnaire sees when each part is asked.
 */
export function conditionText(
  t: CampaignsT,
  locale: Locale,
  questionnaire: Questionnaire,
  condition: Condition,
): string {
  if ('all' in condition)
    return condition.all.map((c) => conditionText(t, locale, questionnaire, c)).join(t('andJoin'));
  if ('any' in condition)
    return condition.any.map((c) => conditionText(t, locale, questionnaire, c)).join(t('anyJoin'));
  const question = questionById(questionnaire, condition.question);
  const label = question ? textIn(locale, question.label) : condition.question;
  if ('answered' in condition) return t('cond_answered', { question: label });
  const values = condition.anyOf
    .map((value) => t('choiceQuoted', { choice: choiceText(locale, question, value) }))
    .join(t('orList'));
  if (condition.row === undefined) return t('cond_anyOf', { question: label, values });
  const row = question?.kind === 'grid' ? question.rows.find((r) => r.value === condition.row) : undefined;
  return t('cond_rowAnyOf', {
    question: label,
    row: row ? textIn(locale, row.label) : condition.row,
    values,
  });
}

function ChoiceList({ locale, choices }: { locale: Locale; choices: readonly { label: Text }[] }) {
  return (
    <ul class="fj-list">
      {choices.map((c) => (
        <li key={textIn(locale, c.label)}>{textIn(locale, c.label)}</li>
      ))}
    </ul>
  );
}

function QuestionView(props: {
  t: CampaignsT;
  locale: Locale;
  questionnaire: Questionnaire;
  question: Question;
}) {
  const { t, locale, question } = props;
  const exclusive =
    question.kind === 'multiple' && question.exclusive !== undefined
      ? question.choices.find((c) => c.value === question.exclusive)
      : undefined;
  return (
    <li>
      <h3 class="fj-heading-s">
        {textIn(locale, question.label)}{' '}
        <Tag
          text={question.required ? t('required') : t('optional')}
          colour={question.required ? 'blue' : 'grey'}
        />
      </h3>
      <p class="fj-body">{t(`kind_${question.kind}`)}</p>
      {question.hint && <p class="fj-hint">{textIn(locale, question.hint)}</p>}
      {question.showIf && (
        <p class="fj-body">
          {t('questionShownIf', {
            condition: conditionText(t, locale, props.questionnaire, question.showIf),
          })}
        </p>
      )}
      {(question.kind === 'single' || question.kind === 'multiple') && (
        <>
          <p class="fj-body">{t('choicesLabel')}</p>
          <ChoiceList locale={locale} choices={question.choices} />
        </>
      )}
      {exclusive && <p class="fj-body">{t('exclusive', { choice: textIn(locale, exclusive.label) })}</p>}
      {question.kind === 'grid' && (
        <>
          <p class="fj-body">{t('rowsLabel')}</p>
          <ChoiceList locale={locale} choices={question.rows} />
          <p class="fj-body">{t('columnsLabel')}</p>
          <ChoiceList locale={locale} choices={question.columns} />
        </>
      )}
      {question.kind === 'number' && (
        <p class="fj-body">
          {question.unit
            ? t('numberRangeUnit', {
                min: question.min,
                max: question.max,
                unit: textIn(locale, question.unit),
              })
            : t('numberRange', { min: question.min, max: question.max })}
        </p>
      )}
      {question.kind === 'text' && <p class="fj-body">{t('textMax', { max: question.maxLength })}</p>}
      {question.kind === 'product' && (
        <details>
          <summary>{t('productsLabel', { count: priorityProducts.length })}</summary>
          <ChoiceList locale={locale} choices={priorityProducts.map((p) => ({ label: p.name }))} />
        </details>
      )}
    </li>
  );
}

/** GET /questionnaires/:id: a questionnaire read-only, every section and question, with when each is asked. */
export function questionnairePage(app: FastifyInstance, deps: ModuleDeps): void {
  const { db, config, assets } = deps;
  app.get(
    '/questionnaires/:id',
    { config: { access: 'public' }, schema: { hide: true, params: IdParams, querystring: PageQuery } },
    async (request, reply) => {
      const found = await questionnaireById(db, (request.params as { id: string }).id);
      if (found === null) throw new HttpError(404, 'not_found', 'not found');
      const ctx = pageContext(config, assets, request, reply);
      const { locale } = ctx;
      const t = campaignsMessages.for(locale);
      const questionnaire = found.definition;
      const title = textIn(locale, found.title);
      return sendPage(
        reply,
        <FormPage ctx={ctx} title={title} crumbs={[{ text: title }]}>
          <h1 class="fj-heading-l">{title}</h1>
          <p class="fj-body">{t('questionnaireVersion', { code: found.code, version: found.version })}</p>
          <p class="fj-lead">{textIn(locale, questionnaire.intro)}</p>
          <p class="fj-body">{t('questionnaireLead')}</p>
          {questionnaire.sections.map((section, index) => (
            <section key={section.id} aria-labelledby={`section-${section.id}`}>
              <h2 class="fj-heading-m" id={`section-${section.id}`}>
                {t('sectionNumber', { number: index + 1, title: textIn(locale, section.title) })}
              </h2>
              {section.intro && <p class="fj-body">{textIn(locale, section.intro)}</p>}
              {section.showIf && (
                <p class="fj-body">
                  {t('sectionShownIf', {
                    condition: conditionText(t, locale, questionnaire, section.showIf),
                  })}
                </p>
              )}
              <ol class="fj-list">
                {section.questions.map((question) => (
                  <QuestionView
                    key={question.id}
                    t={t}
                    locale={locale}
                    questionnaire={questionnaire}
                    question={question}
                  />
                ))}
              </ol>
            </section>
          ))}
        </FormPage>,
      );
    },
  );
}
