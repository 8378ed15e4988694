import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { signedIn } from '../../../../platform/auth/index.ts';
import { PageQuery, pageContext, sendPage } from '../../../../platform/http/index.ts';
import type { Locale } from '../../../../platform/i18n/index.ts';
import type { ModuleDeps } from '../../../../platform/module.ts';
import {
  Button,
  CsrfField,
  doneText,
  type FieldErrors,
  Fieldset,
  FormPage,
  type PageContext,
  Select,
  shellMessages,
  TextInput,
} from '../../../../platform/ui/index.ts';
import type { Campaign } from '../../campaignRepo.ts';
import {
  type FormFields,
  fieldId,
  fieldName,
  fieldValue,
  readDemographics,
} from '../../domain/answerForm.ts';
import { ageGroups, type Demographics } from '../../domain/demographics.ts';
import {
  ageGroupCode,
  ageGroupOfCode,
  conditionParts,
  questionNumbers,
  readPaperForm,
} from '../../domain/paperCodes.ts';
import type { Question, Questionnaire } from '../../domain/questionnaire.ts';
import type { ResponseService } from '../../responseService.ts';
import { categoriesFor } from './demographicsFields.tsx';
import { type AnswerT, answerMessages } from './messages.ts';
import {
  CampaignCaption,
  CampaignParams,
  campaignForWorker,
  districtNamer,
  notFound,
  questionFieldPattern,
  responseActor,
  sendRefusalOrThrow,
  surveysArea,
} from './shared.tsx';
import { workerDistricts } from './startPages.tsx';
import { ageGroupText, categoryText, codesOf, inText, paperProblemText, skipInstruction } from './words.ts';

type Deps = ModuleDeps & { readonly responses: ResponseService };

const PaperQuery = Type.Object({
  ...PageQuery.properties,
  done: Type.Optional(Type.String({ maxLength: 40 })),
  district: Type.Optional(Type.String({ pattern: '^[0-9]{6}$' })),
});

/** The paper form keyed in: who, then a short field per question (`q.<id>`, a grid's rows `q.<id>.<row>`). */
const PaperBody = Type.Object(
  {
    _csrf: Type.String({ maxLength: 200 }),
    district: Type.Optional(Type.String({ maxLength: 6 })),
    ageGroup: Type.Optional(Type.String({ maxLength: 10 })),
    category: Type.Optional(Type.String({ maxLength: 10 })),
  },
  {
    additionalProperties: false,
    maxProperties: 200,
    patternProperties: {
      [questionFieldPattern]: Type.String({ maxLength: 4000 }),
    },
  },
);

/** What to key for a question, as the paper prints it. */
function keyHint(t: AnswerT, question: Question): string {
  switch (question.kind) {
    case 'single':
      return t('key_single', { codes: codesOf(t, question) });
    case 'multiple':
      return t('key_multiple', { codes: codesOf(t, question) });
    case 'product':
      return t('key_product');
    case 'grid':
      return t('key_grid', { codes: codesOf(t, question) });
    case 'number':
      return t('key_number', { min: question.min, max: question.max });
    case 'date':
      return t('key_date');
    case 'text':
      return t('key_text', { max: question.maxLength });
  }
}

function KeyedQuestion({
  locale,
  questionnaire,
  question,
  number,
  fields,
  errors,
}: {
  readonly locale: Locale;
  readonly questionnaire: Questionnaire;
  readonly question: Question;
  readonly number: number;
  readonly fields: FormFields;
  readonly errors: FieldErrors;
}) {
  const t = answerMessages.for(locale);
  const shell = shellMessages.for(locale);
  const label = t('paperQuestionLabel', { n: number, label: inText(locale, question.label) });
  const skip =
    question.showIf === undefined
      ? ''
      : `${skipInstruction(locale, conditionParts(questionnaire, question.showIf), 'question')} `;
  const hint = `${skip}${keyHint(t, question)}`;
  if (question.kind === 'grid') {
    const hintId = `${fieldId(question.id)}-hint`;
    return (
      <div class="fj-form-group fj-paper-entry__grid">
        <Fieldset legend={label} legendSize="s" describedBy={hintId}>
          <div class="fj-hint" id={hintId}>
            {hint}
          </div>
          <div class="fj-paper-entry__rows">
            {question.rows.map((row, r) => (
              <TextInput
                key={row.value}
                id={fieldId(question.id, row.value)}
                name={fieldName(question.id, row.value)}
                label={t('paperRowLabel', { r: r + 1, row: inText(locale, row.label) })}
                value={fieldValue(fields, fieldName(question.id, row.value))}
                error={errors[fieldId(question.id, row.value)]}
                errorPrefix={shell('errorPrefix')}
                inputmode="numeric"
                autocomplete="off"
                spellcheck={false}
                width="2"
                maxlength={10}
              />
            ))}
          </div>
        </Fieldset>
      </div>
    );
  }
  const wide = question.kind === 'text' || question.kind === 'multiple' || question.kind === 'product';
  return (
    <TextInput
      id={fieldId(question.id)}
      name={fieldName(question.id)}
      label={label}
      labelSize="s"
      hint={hint}
      value={fieldValue(fields, fieldName(question.id))}
      error={errors[fieldId(question.id)]}
      errorPrefix={shell('errorPrefix')}
      inputmode={question.kind === 'single' || question.kind === 'number' ? 'numeric' : undefined}
      autocomplete="off"
      spellcheck={false}
      width={question.kind === 'text' ? 'full' : wide ? '20' : question.kind === 'date' ? '10' : '5'}
      maxlength={question.kind === 'text' ? question.maxLength : 100}
    />
  );
}

interface PaperProps {
  readonly ctx: PageContext;
  readonly campaign: Campaign;
  readonly districts: readonly { code: string; name: string }[];
  readonly fields: FormFields;
  readonly errors: FieldErrors;
  readonly done: string | undefined;
  readonly csrf: string;
}

/** One page per paper form: who, then every question in order, a short box for the codes ticked. */
function PaperPage({ ctx, campaign, districts, fields, errors, done, csrf }: PaperProps) {
  const { locale } = ctx;
  const t = answerMessages.for(locale);
  const shell = shellMessages.for(locale);
  const title = t('paperTitle');
  const questionnaire = campaign.questionnaire;
  const numbers = questionNumbers(questionnaire);
  /** A who-field keyed as the code the paper prints beside each answer, the codes listed in the hint. */
  const codeField = (field: 'ageGroup' | 'category', label: string, codes: readonly string[]) => (
    <TextInput
      id={field}
      name={field}
      label={label}
      labelSize="s"
      hint={codes.join(t('listSeparator'))}
      value={fieldValue(fields, field)}
      error={errors[field]}
      errorPrefix={shell('errorPrefix')}
      inputmode="numeric"
      autocomplete="off"
      width="2"
      maxlength={10}
    />
  );
  return (
    <FormPage
      ctx={ctx}
      title={title}
      area={surveysArea(ctx)}
      crumbs={[{ text: title }]}
      errors={errors}
      done={done}
    >
      <CampaignCaption locale={locale} campaign={campaign} />
      <h1 class="fj-heading-l">{title}</h1>
      <p class="fj-body">{t('paperLead')}</p>
      <p class="fj-body">
        <a href={`/surveys/${campaign.id}/form`}>{t('blankFormLink')}</a>
      </p>
      <form method="post" action={`/surveys/${campaign.id}/paper`} novalidate class="fj-paper-entry">
        <CsrfField token={csrf} />
        <h2 class="fj-heading-m">{t('paperWhoHeading')}</h2>
        <Select
          id="district"
          name="district"
          label={t('fieldDistrict')}
          labelSize="s"
          options={[
            ...(districts.length === 1 ? [] : [{ value: '', text: t('fieldDistrictChoose') }]),
            ...districts.map((d) => ({ value: d.code, text: d.name })),
          ]}
          value={fieldValue(fields, 'district')}
          error={errors.district}
          errorPrefix={shell('errorPrefix')}
        />
        {codeField(
          'ageGroup',
          t('paperAgeLabel'),
          ageGroups.map((group) => `${ageGroupCode(group)} ${ageGroupText(t, group)}`),
        )}
        {codeField(
          'category',
          t('paperCategoryLabel'),
          categoriesFor(campaign.disabilityCategories).map((code) => `${code} ${categoryText(locale, code)}`),
        )}
        {questionnaire.sections.map((section) => (
          <section key={section.id} aria-labelledby={`paper-${section.id}`}>
            <h2 class="fj-heading-m" id={`paper-${section.id}`}>
              {inText(locale, section.title)}
            </h2>
            {section.showIf !== undefined && (
              <p class="fj-body">
                {skipInstruction(locale, conditionParts(questionnaire, section.showIf), 'section')}
              </p>
            )}
            {section.questions.map((question) => (
              <KeyedQuestion
                key={question.id}
                locale={locale}
                questionnaire={questionnaire}
                question={question}
                number={numbers.get(question.id) ?? 0}
                fields={fields}
                errors={errors}
              />
            ))}
          </section>
        ))}
        <Button preventDoubleClick>{t('paperSave')}</Button>
      </form>
    </FormPage>
  );
}

/** Who a paper form is about, keyed as codes: problems by field, as messages. */
function readPaperWho(
  locale: Locale,
  fields: FormFields,
  allowed: { districtCodes: readonly string[]; categories: readonly number[] },
): { who?: Demographics; errors: Record<string, string> } {
  const t = answerMessages.for(locale);
  const typedAge = fieldValue(fields, 'ageGroup').trim();
  const read = readDemographics(
    {
      district: fieldValue(fields, 'district'),
      ageGroup: ageGroupOfCode(typedAge.normalize('NFKC')) ?? '',
      category: fieldValue(fields, 'category').normalize('NFKC'),
    },
    allowed,
  );
  const errors: Record<string, string> = {};
  const { district, ageGroup, category } = read.problems;
  if (district !== undefined) errors.district = t(`err_${district}`);
  if (ageGroup !== undefined) errors.ageGroup = t('err_paperAge');
  if (category !== undefined)
    errors.category = category === 'notTargeted' ? t('err_notTargeted') : t('err_paperCategory');
  return read.demographics === undefined ? { errors } : { who: read.demographics, errors };
}

/** GET/POST /surveys/:campaignId/paper: keying in paper forms, one after another, keyboard only. */
export function paperPage(app: FastifyInstance, deps: Deps): void {
  const { db, config, assets, responses } = deps;

  const workerCampaign = async (request: FastifyRequest, reply: FastifyReply) => {
    if (signedIn(request).userKind !== 'staff') throw notFound();
    const { campaignId } = request.params as { campaignId: string };
    return campaignForWorker(deps, request, reply, campaignId, responses.today());
  };

  const show = async (
    request: FastifyRequest,
    reply: FastifyReply,
    campaign: Campaign,
    fields: FormFields,
    errors: FieldErrors,
    done: string | undefined,
    status = 200,
  ) => {
    const ctx = pageContext(config, assets, request, reply);
    const name = await districtNamer(db, ctx.locale);
    const count =
      done === undefined ? 0 : await responses.paperCountToday(responseActor(request), campaign.id);
    return sendPage(
      reply,
      <PaperPage
        ctx={ctx}
        campaign={campaign}
        districts={workerDistricts(request, campaign).map((code) => ({ code, name: name(code) }))}
        fields={fields}
        errors={errors}
        done={doneText(answerMessages, ctx.locale, done, { count })}
        csrf={reply.generateCsrf()}
      />,
      status,
    );
  };

  app.get(
    '/surveys/:campaignId/paper',
    {
      config: { access: 'survey.answer' },
      schema: { hide: true, params: CampaignParams, querystring: PaperQuery },
    },
    async (request, reply) => {
      const campaign = await workerCampaign(request, reply);
      if (campaign === null) return reply;
      const { done, district } = request.query as { done?: string; district?: string };
      // The district of the last form stays chosen: a stack of forms usually comes from one place.
      return show(request, reply, campaign, district === undefined ? {} : { district }, {}, done);
    },
  );

  app.post(
    '/surveys/:campaignId/paper',
    { config: { access: 'survey.answer' }, schema: { hide: true, params: CampaignParams, body: PaperBody } },
    async (request, reply) => {
      const campaign = await workerCampaign(request, reply);
      if (campaign === null) return reply;
      const fields = request.body as FormFields;
      const locale = request.locale;
      const who = readPaperWho(locale, fields, {
        districtCodes: workerDistricts(request, campaign),
        categories: campaign.disabilityCategories,
      });
      const questionnaire = campaign.questionnaire;
      const numbers = questionNumbers(questionnaire);
      const read = readPaperForm(questionnaire, fields);
      const errors: Record<string, string> = { ...who.errors };
      for (const problem of read.problems) {
        const question = questionnaire.sections
          .flatMap((s) => s.questions)
          .find((q) => q.id === problem.question);
        if (question !== undefined)
          errors[fieldId(problem.question, problem.row)] ??= paperProblemText(
            locale,
            question,
            numbers.get(question.id) ?? 0,
            problem,
          );
      }
      if (who.who === undefined || Object.keys(errors).length > 0)
        return show(request, reply, campaign, fields, errors, undefined, 400);
      try {
        await responses.enterPaper(responseActor(request), campaign, who.who, read.answers);
      } catch (error) {
        return sendRefusalOrThrow(deps, request, reply, campaign, error, ['closed', 'notTargeted']);
      }
      return reply.redirect(
        `/surveys/${campaign.id}/paper?done=entered&district=${who.who.districtCode}`,
        303,
      );
    },
  );
}
