// What the challenge and proposal forms share: the page around them, and the fields for who it is for,
// the need topics it answers, a yuan amount and a day.
import type { ComponentChildren } from 'preact';
import { Type } from 'typebox';
import type { Locale } from '../../../platform/i18n/index.ts';
import {
  Button,
  Checkboxes,
  CsrfField,
  type FieldErrors,
  FormPage,
  type PageContext,
  Select,
  shellMessages,
  TextInput,
} from '../../../platform/ui/index.ts';
import type { Organisation } from '../../identity/index.ts';
import type { NeedTopicSummary } from '../../survey/index.ts';
import { researchMessages } from './messages.ts';
import { inLocale } from './shared.tsx';

/** The need topics a form posts: one ticked box comes as a string, several as a list. */
export const NeedTopicsBody = Type.Optional(
  Type.Union([Type.String({ maxLength: 40 }), Type.Array(Type.String({ maxLength: 40 }), { maxItems: 50 })]),
);

/** The page of a research form: in the research area, a heading, a lead, then the form and its one button. */
export function ResearchFormPage(props: {
  ctx: PageContext;
  title: string;
  lead: string;
  action: string;
  csrf: string;
  errors: FieldErrors;
  button: string;
  children: ComponentChildren;
}) {
  const shell = shellMessages.for(props.ctx.locale);
  return (
    <FormPage
      ctx={props.ctx}
      title={props.title}
      area={{ text: shell('navResearch'), href: '/research' }}
      crumbs={[{ text: props.title }]}
      errors={props.errors}
    >
      <h1 class="fj-heading-l">{props.title}</h1>
      <p class="fj-body">{props.lead}</p>
      <form method="post" action={props.action} novalidate>
        <CsrfField token={props.csrf} />
        {props.children}
        <Button preventDoubleClick>{props.button}</Button>
      </form>
    </FormPage>
  );
}

/** What was typed, by field name, kept when a form comes back with its mistakes. */
export type FormValues = Readonly<Record<string, string | readonly string[]>>;

export const typedValue = (values: FormValues, field: string): string => {
  const v = values[field];
  return typeof v === 'string' ? v : (v?.[0] ?? '');
};

export const valuesOf = (values: FormValues, field: string): readonly string[] => {
  const v = values[field];
  return v === undefined ? [] : typeof v === 'string' ? [v] : v;
};

/** The props every platform field takes: id, name, what was typed, its error and the error's prefix. */
export const fieldProps = (locale: Locale, values: FormValues, errors: FieldErrors, name: string) => ({
  id: name,
  name,
  value: typedValue(values, name),
  error: errors[name],
  errorPrefix: shellMessages.for(locale)('errorPrefix'),
});

/** The organisation: a choice when the user acts for several, otherwise said in words and carried by the session. */
export function OrganisationField(props: {
  locale: Locale;
  label: string;
  organisations: readonly Organisation[];
  values: FormValues;
  errors: FieldErrors;
}) {
  const { locale, organisations } = props;
  const t = researchMessages.for(locale);
  const [only, ...others] = organisations;
  if (only !== undefined && others.length === 0)
    return (
      <p class="fj-body">
        {t('organisationIs', { label: props.label, name: inLocale(locale, only.nameZh, only.nameEn) })}
      </p>
    );
  return (
    <Select
      {...fieldProps(locale, props.values, props.errors, 'organisation')}
      label={props.label}
      options={[
        { value: '', text: t('chooseOne') },
        ...organisations.map((o) => ({ value: o.id, text: inLocale(locale, o.nameZh, o.nameEn) })),
      ]}
    />
  );
}

/** The published need topics as checkboxes; said in words when none is published yet. */
export function TopicsField(props: {
  locale: Locale;
  hint: string;
  topics: readonly NeedTopicSummary[];
  values: FormValues;
  errors: FieldErrors;
}) {
  const { locale } = props;
  const t = researchMessages.for(locale);
  if (props.topics.length === 0) return <p class="fj-body">{t('noPublishedTopics')}</p>;
  return (
    <Checkboxes
      idPrefix="needTopics"
      name="needTopics"
      legend={t('fieldTopics')}
      legendSize="s"
      hint={props.hint}
      error={props.errors.needTopics}
      errorPrefix={shellMessages.for(locale)('errorPrefix')}
      items={props.topics.map((topic) => ({
        value: topic.id,
        text: inLocale(locale, topic.title.zh, topic.title.en),
      }))}
      values={valuesOf(props.values, 'needTopics')}
    />
  );
}

/** An amount in yuan (stored in fen). */
export function YuanField(props: {
  locale: Locale;
  name: string;
  label: string;
  hint: string;
  values: FormValues;
  errors: FieldErrors;
}) {
  return (
    <TextInput
      {...fieldProps(props.locale, props.values, props.errors, props.name)}
      label={props.label}
      hint={props.hint}
      inputmode="decimal"
      width="10"
      prefix="¥"
      autocomplete="off"
      maxlength={20}
    />
  );
}

/** A day typed as year-month-day. */
export function DayField(props: {
  locale: Locale;
  name: string;
  label: string;
  values: FormValues;
  errors: FieldErrors;
}) {
  return (
    <TextInput
      {...fieldProps(props.locale, props.values, props.errors, props.name)}
      label={props.label}
      hint={researchMessages.for(props.locale)('dateHint')}
      width="10"
      autocomplete="off"
      spellcheck={false}
      maxlength={10}
    />
  );
}
