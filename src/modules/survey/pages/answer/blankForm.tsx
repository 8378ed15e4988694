import type { FastifyInstance } from 'fastify';
import { authorise, can, signedIn } from '../../../../platform/auth/index.ts';
import { PageQuery, pageContext, sendPage } from '../../../../platform/http/index.ts';
import type { Locale } from '../../../../platform/i18n/index.ts';
import type { ModuleDeps } from '../../../../platform/module.ts';
import { FormPage, type PageContext, Table } from '../../../../platform/ui/index.ts';
import { type Campaign, campaignById } from '../../campaignRepo.ts';
import { priorityProducts, productDomains } from '../../domain/apl.ts';
import { ageGroups } from '../../domain/demographics.ts';
import {
  ageGroupCode,
  choiceCode,
  conditionParts,
  productCode,
  questionNumbers,
} from '../../domain/paperCodes.ts';
import type { Question, Questionnaire, Text } from '../../domain/questionnaire.ts';
import { categoriesFor } from './demographicsFields.tsx';
import { answerMessages } from './messages.ts';
import { CampaignParams, notFound, surveysArea } from './shared.tsx';
import { ageGroupText, categoryText, domainText, inText, skipInstruction } from './words.ts';

/** Choices to tick, each with the code a worker keys in later. */
function Choices({
  items,
  columns = false,
}: {
  items: readonly { code: string; text: string }[];
  columns?: boolean;
}) {
  return (
    <ul class={columns ? 'fj-paper-choices fj-paper-choices--columns' : 'fj-paper-choices'}>
      {items.map((item) => (
        <li key={item.code} class="fj-paper-choices__item">
          <span class="fj-paper-box" aria-hidden="true">
            □
          </span>{' '}
          <span class="fj-paper-code">{item.code}</span> {item.text}
        </li>
      ))}
    </ul>
  );
}

/** A line to write on. */
const WriteIn = ({ text }: { text: string }) => <p class="fj-body fj-paper-write">{text}</p>;

function PaperQuestion({
  locale,
  questionnaire,
  question,
  number,
}: {
  readonly locale: Locale;
  readonly questionnaire: Questionnaire;
  readonly question: Question;
  readonly number: number;
}) {
  const t = answerMessages.for(locale);
  const label = inText(locale, question.label);
  const say = (text: Text) => inText(locale, text);
  const skip =
    question.showIf === undefined ? null : (
      <p class="fj-body fj-paper-skip">
        {skipInstruction(locale, conditionParts(questionnaire, question.showIf), 'question')}
      </p>
    );
  const hint = question.hint === undefined ? null : <p class="fj-hint">{say(question.hint)}</p>;
  if (question.kind === 'grid') {
    return (
      <div class="fj-paper-question">
        <h3 class="fj-heading-s">{t('formGridCaption', { n: number, label })}</h3>
        {skip}
        {hint}
        <Table
          id={`paper-${question.id}`}
          caption={label}
          captionVisuallyHidden
          firstCellIsHeader
          columns={[
            { header: t('formGridItem') },
            ...question.columns.map((column, i) => ({ header: `${choiceCode(i)} ${say(column.label)}` })),
          ]}
          rows={question.rows.map((row, r) => [
            `${r + 1}. ${say(row.label)}`,
            ...question.columns.map(() => ({ content: <span aria-hidden="true">□</span> })),
          ])}
        />
      </div>
    );
  }
  const kindNote =
    question.kind === 'single'
      ? t('formSingle')
      : question.kind === 'multiple'
        ? t('formMultiple')
        : question.kind === 'product'
          ? t('formProducts')
          : '';
  return (
    <div class="fj-paper-question">
      <h3 class="fj-heading-s">
        {t('formQuestion', { n: number, label })} {kindNote}
      </h3>
      {skip}
      {hint}
      {(question.kind === 'single' || question.kind === 'multiple') && (
        <Choices items={question.choices.map((c, i) => ({ code: choiceCode(i), text: say(c.label) }))} />
      )}
      {question.kind === 'product' &&
        productDomains.map((domain) => (
          <div key={domain} class="fj-paper-domain">
            <h4 class="fj-heading-s">{domainText(t, domain)}</h4>
            <Choices
              columns
              items={priorityProducts
                .filter((p) => p.domain === domain)
                .map((p) => ({ code: productCode(p), text: say(p.name) }))}
            />
          </div>
        ))}
      {question.kind === 'number' && (
        <WriteIn
          text={`${t('formWriteNumber', { unit: question.unit === undefined ? '' : say(question.unit) })} ${t(
            'formWriteRange',
            { min: question.min, max: question.max },
          )}`}
        />
      )}
      {question.kind === 'date' && <WriteIn text={t('formWriteDate')} />}
      {question.kind === 'text' && <div class="fj-paper-lines" aria-hidden="true" />}
    </div>
  );
}

function BlankFormPage({ ctx, campaign }: { ctx: PageContext; campaign: Campaign }) {
  const { locale } = ctx;
  const t = answerMessages.for(locale);
  const questionnaire = campaign.questionnaire;
  const numbers = questionNumbers(questionnaire);
  const title = t('formTitle', { title: inText(locale, campaign.title) });
  return (
    <FormPage ctx={ctx} title={title} area={surveysArea(ctx)} crumbs={[{ text: title }]}>
      <div class="fj-paper-form">
        <h1 class="fj-heading-l">{title}</h1>
        <p class="fj-body fj-paper-form__screen">{t('formPrintHint')}</p>
        <p class="fj-body">{inText(locale, questionnaire.intro)}</p>
        <p class="fj-body">{t('formHow')}</p>
        <section class="fj-paper-who" aria-labelledby="paper-who">
          <h2 class="fj-heading-m" id="paper-who">
            {t('formWhoHeading')}
          </h2>
          <WriteIn text={`${t('fieldDistrict')}：____________________`} />
          <h3 class="fj-heading-s">{t('fieldAgeGroup')}</h3>
          <Choices
            columns
            items={ageGroups.map((group) => ({ code: ageGroupCode(group), text: ageGroupText(t, group) }))}
          />
          <h3 class="fj-heading-s">{t('fieldCategory')}</h3>
          <Choices
            columns
            items={categoriesFor(campaign.disabilityCategories).map((code) => ({
              code: String(code),
              text: categoryText(locale, code),
            }))}
          />
          <WriteIn
            text={`${t('formInterviewer')}：______________    ${t('formDate')}：${t('formWriteDate')}`}
          />
        </section>
        {questionnaire.sections.map((section) => (
          <section key={section.id} class="fj-paper-section" aria-labelledby={`paper-${section.id}`}>
            <h2 class="fj-heading-m" id={`paper-${section.id}`}>
              {inText(locale, section.title)}
            </h2>
            {section.showIf !== undefined && (
              <p class="fj-body fj-paper-skip">
                {skipInstruction(locale, conditionParts(questionnaire, section.showIf), 'section')}
              </p>
            )}
            {section.intro !== undefined && <p class="fj-body">{inText(locale, section.intro)}</p>}
            {section.questions.map((question) => (
              <PaperQuestion
                key={question.id}
                locale={locale}
                questionnaire={questionnaire}
                question={question}
                number={numbers.get(question.id) ?? 0}
              />
            ))}
          </section>
        ))}
      </div>
    </FormPage>
  );
}

/**
 * GET /surveys/:campaignId/form: the questionnaire on paper, for those who
 * answer or run campaigns. Nobody's data is on it, so a resident may print
 * it too; a draft only its managers.
 */
export function blankFormPage(app: FastifyInstance, deps: ModuleDeps): void {
  const { db, config, assets } = deps;
  app.get(
    '/surveys/:campaignId/form',
    {
      config: { access: 'signedIn' },
      schema: {
        hide: true,
        params: CampaignParams,
        querystring: PageQuery,
      },
    },
    async (request, reply) => {
      const actor = signedIn(request);
      const { campaignId } = request.params as { campaignId: string };
      const campaign = await campaignById(db, campaignId);
      if (campaign === null) throw notFound();
      const target = { districtCodes: campaign.districtCodes };
      const allowed =
        can(actor, 'survey.manage', target) ||
        (campaign.status !== 'draft' &&
          can(actor, 'survey.answer', {
            ...target,
            ownerUserId: actor.userKind === 'resident' ? actor.userId : null,
          }));
      if (!allowed)
        await authorise(db, request, 'survey.manage', { type: 'survey_campaign', id: campaignId }, target);
      const ctx = pageContext(config, assets, request, reply);
      return sendPage(reply, <BlankFormPage ctx={ctx} campaign={campaign} />);
    },
  );
}
