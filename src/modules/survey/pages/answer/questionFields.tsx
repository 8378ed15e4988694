import type { Locale } from '../../../../platform/i18n/index.ts';
import {
  type CheckboxDivider,
  Checkboxes,
  type CheckboxItem,
  ErrorMessage,
  Fieldset,
  Radios,
  Textarea,
  TextInput,
} from '../../../../platform/ui/index.ts';
import {
  type FormFields,
  fieldId,
  fieldName,
  fieldValue,
  fieldValues,
  type PageQuestion,
} from '../../domain/answerForm.ts';
import { priorityProducts, productDomains } from '../../domain/apl.ts';
import { conditionParts } from '../../domain/paperCodes.ts';
import type { Question, Questionnaire } from '../../domain/questionnaire.ts';
import { answerMessages } from './messages.ts';
import { conditionHint, domainText, inText } from './words.ts';

interface FieldProps {
  readonly locale: Locale;
  readonly question: Question;
  /** The question's hint and, for a question that depends on this page, when to answer it. */
  readonly hint: string | undefined;
  readonly fields: FormFields;
  /** Field id → message. */
  readonly errors: Readonly<Record<string, string>>;
  readonly errorPrefix: string;
}

const joinHints = (...hints: (string | undefined)[]): string | undefined => {
  const given = hints.filter((h): h is string => h !== undefined && h !== '');
  return given.length === 0 ? undefined : given.join(' ');
};

/** The hint, then the error, of a question whose controls are groups of their own (a grid, the products). */
function GroupMessages({
  id,
  hint,
  error,
  errorPrefix,
}: {
  id: string;
  hint?: string;
  error?: string;
  errorPrefix: string;
}) {
  return (
    <>
      {hint !== undefined && (
        <div class="fj-hint" id={`${id}-hint`}>
          {hint}
        </div>
      )}
      {error !== undefined && <ErrorMessage fieldId={id} message={error} prefix={errorPrefix} />}
    </>
  );
}

const describedBy = (id: string, hint: string | undefined, error: string | undefined): string | undefined =>
  [hint === undefined ? '' : `${id}-hint`, error === undefined ? '' : `${id}-error`].join(' ').trim() ||
  undefined;

/**
 * A grid: the question's fieldset holding one fieldset of radios per row
 * (not a table, so it fits a 320 px screen).
 */
function GridField({ locale, question, hint, fields, errors, errorPrefix }: FieldProps) {
  if (question.kind !== 'grid') return null;
  const id = fieldId(question.id);
  return (
    <div class="fj-form-group fj-survey-grid">
      <Fieldset
        legend={inText(locale, question.label)}
        legendSize="m"
        describedBy={describedBy(id, hint, undefined)}
      >
        <GroupMessages id={id} hint={hint} errorPrefix={errorPrefix} />
        {question.rows.map((row) => (
          <Radios
            key={row.value}
            idPrefix={fieldId(question.id, row.value)}
            name={fieldName(question.id, row.value)}
            legend={inText(locale, row.label)}
            legendSize="s"
            items={question.columns.map((column) => ({
              value: column.value,
              text: inText(locale, column.label),
            }))}
            value={fieldValue(fields, fieldName(question.id, row.value))}
            error={errors[fieldId(question.id, row.value)]}
            errorPrefix={errorPrefix}
            small
          />
        ))}
      </Fieldset>
    </div>
  );
}

/** Products of WHO's list to tick, a fieldset per function (as rATA groups them). */
function ProductField({ locale, question, hint, fields, errors, errorPrefix }: FieldProps) {
  const t = answerMessages.for(locale);
  const id = fieldId(question.id);
  const error = errors[id];
  const chosen = fieldValues(fields, fieldName(question.id));
  return (
    <div
      class={
        error ? 'fj-form-group fj-form-group--error fj-survey-products' : 'fj-form-group fj-survey-products'
      }
    >
      <Fieldset
        legend={inText(locale, question.label)}
        legendSize="m"
        describedBy={describedBy(id, hint, error)}
      >
        <GroupMessages id={id} hint={hint} error={error} errorPrefix={errorPrefix} />
        {productDomains.map((domain, index) => (
          <Checkboxes
            key={domain}
            idPrefix={index === 0 ? id : `${id}-${domain}`}
            name={fieldName(question.id)}
            legend={domainText(t, domain)}
            legendSize="s"
            items={priorityProducts
              .filter((p) => p.domain === domain)
              .map((p) => ({ value: p.code, text: inText(locale, p.name) }))}
            values={chosen}
            small
          />
        ))}
      </Fieldset>
    </div>
  );
}

function DateField({ locale, question, hint, fields, errors, errorPrefix }: FieldProps) {
  const t = answerMessages.for(locale);
  const id = fieldId(question.id);
  const error = errors[id];
  const fullHint = joinHints(hint, t('dateHint'));
  return (
    <div class={error ? 'fj-form-group fj-form-group--error' : 'fj-form-group'}>
      <label class="fj-label fj-label--m" for={id}>
        {inText(locale, question.label)}
      </label>
      {fullHint !== undefined && (
        <div class="fj-hint" id={`${id}-hint`}>
          {fullHint}
        </div>
      )}
      {error !== undefined && <ErrorMessage fieldId={id} message={error} prefix={errorPrefix} />}
      <input
        class={error ? 'fj-input fj-input--error fj-field--width-10' : 'fj-input fj-field--width-10'}
        type="date"
        id={id}
        name={fieldName(question.id)}
        value={fieldValue(fields, fieldName(question.id))}
        aria-describedby={[`${id}-hint`, error ? `${id}-error` : ''].join(' ').trim()}
        aria-invalid={error ? 'true' : undefined}
      />
    </div>
  );
}

/** One question's controls, after the accessible components: a label or legend, hints, the error, the values kept. */
function QuestionControls(props: FieldProps) {
  const { locale, question, hint, fields, errors, errorPrefix } = props;
  const t = answerMessages.for(locale);
  const id = fieldId(question.id);
  const name = fieldName(question.id);
  const label = inText(locale, question.label);
  switch (question.kind) {
    case 'single':
      return (
        <Radios
          idPrefix={id}
          name={name}
          legend={label}
          legendSize="m"
          hint={hint}
          items={question.choices.map((c) => ({ value: c.value, text: inText(locale, c.label) }))}
          value={fieldValue(fields, name)}
          error={errors[id]}
          errorPrefix={errorPrefix}
        />
      );
    case 'multiple': {
      const items: (CheckboxItem | CheckboxDivider)[] = [];
      for (const c of question.choices) {
        if (c.value === question.exclusive) items.push({ divider: t('exclusiveDivider') });
        items.push({ value: c.value, text: inText(locale, c.label) });
      }
      return (
        <Checkboxes
          idPrefix={id}
          name={name}
          legend={label}
          legendSize="m"
          hint={hint}
          items={items}
          values={fieldValues(fields, name)}
          error={errors[id]}
          errorPrefix={errorPrefix}
        />
      );
    }
    case 'number':
      return (
        <TextInput
          id={id}
          name={name}
          label={label}
          labelSize="m"
          hint={joinHints(hint, t('rangeHint', { min: question.min, max: question.max }))}
          value={fieldValue(fields, name)}
          inputmode="numeric"
          spellcheck={false}
          autocomplete="off"
          width="5"
          suffix={question.unit === undefined ? undefined : inText(locale, question.unit)}
          error={errors[id]}
          errorPrefix={errorPrefix}
        />
      );
    case 'text':
      return (
        <Textarea
          id={id}
          name={name}
          label={label}
          labelSize="m"
          hint={joinHints(hint, t('textHint', { max: question.maxLength }))}
          value={fieldValue(fields, name)}
          rows={4}
          maxlength={question.maxLength}
          error={errors[id]}
          errorPrefix={errorPrefix}
        />
      );
    case 'date':
      return <DateField {...props} />;
    case 'product':
      return <ProductField {...props} />;
    case 'grid':
      return <GridField {...props} />;
  }
}

/**
 * A question of a section's page. One that depends on an answer on the same
 * page says when to answer it, and carries its condition for the page script
 * to show and hide it as answers change; without the script it stays shown,
 * and the server ignores its answer when the condition does not hold.
 */
export function QuestionField({
  locale,
  questionnaire,
  shown,
  fields,
  errors,
  errorPrefix,
}: {
  readonly locale: Locale;
  readonly questionnaire: Questionnaire;
  readonly shown: PageQuestion;
  readonly fields: FormFields;
  readonly errors: Readonly<Record<string, string>>;
  readonly errorPrefix: string;
}) {
  const { question, liveCondition } = shown;
  const when =
    liveCondition === undefined
      ? undefined
      : conditionHint(locale, conditionParts(questionnaire, liveCondition));
  const hint = joinHints(question.hint === undefined ? undefined : inText(locale, question.hint), when);
  return (
    <div
      class="fj-survey-question"
      data-module={liveCondition === undefined ? undefined : 'survey-condition'}
      data-show-if={liveCondition === undefined ? undefined : JSON.stringify(liveCondition)}
    >
      <QuestionControls
        locale={locale}
        question={question}
        hint={hint}
        fields={fields}
        errors={errors}
        errorPrefix={errorPrefix}
      />
    </div>
  );
}
