import { Type } from 'typebox';
import { StrictBody } from '../../../../platform/http/index.ts';
import { normaliseKeyword } from '../../domain/keywordSuggestions.ts';
import { topicMeasure } from '../../domain/needEvidence.ts';
import type { NeedTopic, NeedTopicInput } from '../../needTopicRepo.ts';
import type { NeedTopicsKey } from './messages.ts';

export const limits = { title: 80, summary: 2000, keywords: 30, keyword: 20, isoClasses: 20 } as const;

const repeated = (maxLength: number, maxItems: number) =>
  Type.Optional(
    Type.Union([Type.String({ maxLength }), Type.Array(Type.String({ maxLength }), { maxItems })]),
  );

// Generous bounds: a value a little too long is a mistake the form explains, not a refused request.
export const topicFormFields = {
  titleZh: Type.String({ maxLength: 1000 }),
  titleEn: Type.String({ maxLength: 1000 }),
  summaryZh: Type.String({ maxLength: 10_000 }),
  summaryEn: Type.String({ maxLength: 10_000 }),
  measure: repeated(100, 200),
  keywords: Type.String({ maxLength: 2000 }),
  suggested: repeated(100, 100),
  isoClasses: Type.String({ maxLength: 1000 }),
};
export const NewTopicBody = StrictBody(topicFormFields);
export const EditTopicBody = StrictBody({
  ...topicFormFields,
  version: Type.String({ pattern: '^[0-9]{1,9}$' }),
});

/** The form as typed (and shown again after a mistake). */
export interface TopicFormValues {
  readonly titleZh: string;
  readonly titleEn: string;
  readonly summaryZh: string;
  readonly summaryEn: string;
  readonly measure?: string | readonly string[];
  readonly keywords: string;
  readonly suggested?: string | readonly string[];
  readonly isoClasses: string;
  readonly version?: string;
}

export const asList = (value: string | readonly string[] | undefined): string[] =>
  value === undefined ? [] : typeof value === 'string' ? [value] : [...value];

/** Words typed into one box: spaces, and Chinese or Latin commas and semicolons, separate them. */
export const splitWords = (text: string): string[] =>
  text
    .split(/[\s,，、;；]+/u)
    .map((word) => word.trim())
    .filter((word) => word !== '');

const unique = (words: readonly string[]) => [...new Set(words)];

/** The typed keywords with the ticked suggestions added, once each, as they are saved. */
export const keywordsOf = (values: TopicFormValues): string[] =>
  unique([...splitWords(values.keywords), ...asList(values.suggested)].map(normaliseKeyword)).filter(
    (word) => word !== '',
  );

export interface TopicFormProblem {
  /** The id of the field the error summary links to. */
  readonly field: string;
  readonly key: NeedTopicsKey;
  readonly params?: Readonly<Record<string, string | number>>;
}

/** The id of the first checkbox of the first group: "choose at least one" links there. */
export const measuresFieldId = 'measure-unmet';

function text(
  problems: TopicFormProblem[],
  field: 'titleZh' | 'titleEn' | 'summaryZh' | 'summaryEn',
  value: string,
  max: number,
): string {
  const trimmed = value.trim();
  if (trimmed === '') problems.push({ field, key: `err_${field}_required` });
  else if (trimmed.length > max) problems.push({ field, key: `err_${field}_tooLong`, params: { max } });
  return trimmed;
}

/** Reads a posted topic form: the topic to save, or what is wrong with the form. */
export function readTopicForm(
  values: TopicFormValues,
): { ok: true; topic: NeedTopicInput } | { ok: false; problems: TopicFormProblem[] } {
  const problems: TopicFormProblem[] = [];
  const title = {
    zh: text(problems, 'titleZh', values.titleZh, limits.title),
    en: text(problems, 'titleEn', values.titleEn, limits.title),
  };
  const summary = {
    zh: text(problems, 'summaryZh', values.summaryZh, limits.summary),
    en: text(problems, 'summaryEn', values.summaryEn, limits.summary),
  };
  const measures = unique(asList(values.measure));
  if (measures.some((m) => topicMeasure(m) === undefined))
    problems.push({ field: measuresFieldId, key: 'err_measures_unknown' });

  const keywords = keywordsOf(values);
  const long = keywords.find((word) => word.length > limits.keyword);
  if (long !== undefined)
    problems.push({
      field: 'keywords',
      key: 'err_keywords_tooLong',
      params: { max: limits.keyword, word: long },
    });
  else if (keywords.length > limits.keywords)
    problems.push({ field: 'keywords', key: 'err_keywords_tooMany', params: { max: limits.keywords } });
  if (measures.length === 0 && keywords.length === 0)
    problems.push({ field: measuresFieldId, key: 'err_measures_none' });

  const isoClasses = unique(splitWords(values.isoClasses).map((code) => code.normalize('NFKC')));
  const malformed = isoClasses.find((code) => !/^[0-9]{4}$/.test(code));
  if (malformed !== undefined)
    problems.push({ field: 'isoClasses', key: 'err_isoClasses_format', params: { code: malformed } });
  else if (isoClasses.length > limits.isoClasses)
    problems.push({ field: 'isoClasses', key: 'err_isoClasses_tooMany', params: { max: limits.isoClasses } });

  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, topic: { title, summary, measures, keywords, isoClasses } };
}

/** A saved topic as the edit form starts. */
export const valuesOf = (topic: NeedTopic): TopicFormValues => ({
  titleZh: topic.title.zh,
  titleEn: topic.title.en,
  summaryZh: topic.summary.zh,
  summaryEn: topic.summary.en,
  measure: topic.measures,
  keywords: topic.keywords.join(' '),
  isoClasses: topic.isoClasses.join(' '),
  version: String(topic.version),
});

/** The form shown again after a mistake: ticked suggestions move into the keywords box, so none is lost. */
export const retyped = (values: TopicFormValues): TopicFormValues => ({
  ...values,
  keywords: unique([...splitWords(values.keywords), ...asList(values.suggested)]).join(' '),
  suggested: [],
});
