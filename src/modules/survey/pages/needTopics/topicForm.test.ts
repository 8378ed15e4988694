import { describe, expect, it } from 'vitest';
import { needTopicsMessages } from './messages.ts';
import { limits, readTopicForm, retyped, splitWords, type TopicFormValues } from './topicForm.ts';

const valid: TopicFormValues = {
  titleZh: ' 盲人出行导航 ',
  titleEn: 'Navigation for blind people',
  summaryZh: '视力残疾人希望独立出行。',
  summaryEn: 'People with visual impairments want to travel on their own.',
  measure: ['tech.blind_navigation', 'unmet.apl11'],
  keywords: '导航，盲人、 Robot',
  isoClasses: '1239 2239,1239',
};

describe('the topic form', () => {
  it('reads a topic: trimmed text, keywords split on spaces and commas and lower-cased, codes once each', () => {
    const read = readTopicForm(valid);
    expect(read).toEqual({
      ok: true,
      topic: {
        title: { zh: '盲人出行导航', en: 'Navigation for blind people' },
        summary: { zh: '视力残疾人希望独立出行。', en: valid.summaryEn },
        measures: ['tech.blind_navigation', 'unmet.apl11'],
        keywords: ['导航', '盲人', 'robot'],
        isoClasses: ['1239', '2239'],
      },
    });
  });

  it('adds ticked suggestions to the typed keywords, once', () => {
    const read = readTopicForm({ ...valid, keywords: '导航', suggested: ['盲人', '导航'] });
    expect(read.ok && read.topic.keywords).toEqual(['导航', '盲人']);
    // One measure alone (a single ticked box comes as a string) is enough evidence.
    const single = readTopicForm({ ...valid, measure: 'unmet.apl11', keywords: '' });
    expect(single.ok && single.topic.measures).toEqual(['unmet.apl11']);
  });

  it('names each field’s mistake, with a message in both languages', () => {
    const read = readTopicForm({
      titleZh: '',
      titleEn: 'x'.repeat(limits.title + 1),
      summaryZh: '  ',
      summaryEn: 'ok',
      measure: ['unmet.apl99'],
      keywords: '',
      isoClasses: '12-22',
    });
    expect(read.ok).toBe(false);
    const problems = read.ok ? [] : read.problems;
    expect(problems.map((p) => [p.field, p.key])).toEqual([
      ['titleZh', 'err_titleZh_required'],
      ['titleEn', 'err_titleEn_tooLong'],
      ['summaryZh', 'err_summaryZh_required'],
      ['measure-unmet', 'err_measures_unknown'],
      ['isoClasses', 'err_isoClasses_format'],
    ]);
    for (const p of problems) {
      expect(needTopicsMessages.has(p.key)).toBe(true);
      expect(needTopicsMessages.for('en')(p.key, p.params)).not.toMatch(/[{}]/);
    }
  });

  it('wants some evidence: a measure or a keyword', () => {
    const read = readTopicForm({ ...valid, measure: undefined, keywords: ' , ' });
    expect(read.ok ? [] : read.problems).toEqual([{ field: 'measure-unmet', key: 'err_measures_none' }]);
  });

  it('refuses a long keyword, too many keywords and too many classes', () => {
    const tooLong = readTopicForm({ ...valid, keywords: '轮'.repeat(limits.keyword + 1) });
    expect(tooLong.ok ? [] : tooLong.problems.map((p) => p.key)).toEqual(['err_keywords_tooLong']);
    const words = Array.from({ length: limits.keywords + 1 }, (_, i) => `词${i}`).join(' ');
    expect(readTopicForm({ ...valid, keywords: words }).ok).toBe(false);
    const codes = Array.from({ length: limits.isoClasses + 1 }, (_, i) => String(1000 + i)).join(' ');
    const many = readTopicForm({ ...valid, isoClasses: codes });
    expect(many.ok ? [] : many.problems.map((p) => p.key)).toEqual(['err_isoClasses_tooMany']);
  });

  it('shows ticked suggestions in the keywords box after a mistake, so none is lost', () => {
    expect(retyped({ ...valid, keywords: '导航 盲人', suggested: ['电梯', '盲人'] })).toMatchObject({
      keywords: '导航 盲人 电梯',
      suggested: [],
    });
    expect(splitWords(' 轮椅,楼梯；爬楼机 ')).toEqual(['轮椅', '楼梯', '爬楼机']);
  });
});
