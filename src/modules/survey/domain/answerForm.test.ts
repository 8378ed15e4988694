import { describe, expect, it } from 'vitest';
import {
  categoryTargeted,
  fieldId,
  fieldName,
  fieldsOf,
  isCalendarDay,
  questionsOnPage,
  readAnswer,
  readDemographics,
  readSection,
  resolveCondition,
} from './answerForm.ts';
import { needsQuestionnaire } from './needsQuestionnaire.ts';
import type { Question, Questionnaire, Section } from './questionnaire.ts';

const t = (zh: string, en = zh) => ({ zh, en });
const c = (value: string) => ({ value, label: t(value) });

/** A small questionnaire with every kind of question and every kind of condition. */
const sample: Questionnaire = {
  code: 'sample',
  version: 1,
  title: t('样例', 'Sample'),
  intro: t('说明', 'Intro'),
  sections: [
    {
      id: 'first',
      title: t('一', 'One'),
      questions: [
        { id: 'colour', kind: 'single', required: true, label: t('颜色'), choices: [c('red'), c('blue')] },
        {
          id: 'pets',
          kind: 'multiple',
          required: false,
          exclusive: 'none',
          label: t('宠物'),
          choices: [c('cat'), c('dog'), c('none')],
        },
        // Same section: shown with a hint, counted only when pets were ticked.
        {
          id: 'pet_count',
          kind: 'number',
          required: true,
          min: 1,
          max: 20,
          label: t('几只'),
          showIf: { question: 'pets', anyOf: ['cat', 'dog'] },
        },
        {
          id: 'grid',
          kind: 'grid',
          required: true,
          label: t('表格'),
          rows: [c('up'), c('down')],
          columns: [c('yes'), c('no')],
        },
      ],
    },
    {
      id: 'second',
      title: t('二', 'Two'),
      questions: [
        // Earlier section: decided before the page is shown.
        {
          id: 'why_red',
          kind: 'text',
          required: true,
          maxLength: 10,
          label: t('为什么红'),
          showIf: { question: 'colour', anyOf: ['red'] },
        },
        { id: 'born', kind: 'date', required: false, label: t('日期') },
        { id: 'aids', kind: 'product', required: false, label: t('辅具') },
        // Both: the earlier part is decided, the same-section part stays live.
        {
          id: 'which_aid',
          kind: 'single',
          required: true,
          label: t('哪个'),
          choices: [c('a'), c('b')],
          showIf: {
            all: [
              { question: 'grid', row: 'up', anyOf: ['yes'] },
              { question: 'aids', answered: true },
            ],
          },
        },
      ],
    },
  ],
};
const [first, second] = sample.sections as [Section, Section];
const question = (id: string) =>
  sample.sections.flatMap((s) => s.questions).find((q) => q.id === id) as Question;

describe('field names and ids', () => {
  it('names a question and a grid row apart from every other field, and never collide', () => {
    expect(fieldName('wgss')).toBe('q.wgss');
    expect(fieldName('wgss', 'seeing')).toBe('q.wgss.seeing');
    expect(fieldId('wgss', 'self_care')).toBe('q-wgss-self_care');
    expect(fieldId('pets')).toBe('q-pets');
  });
});

describe('one answer by kind', () => {
  it('single: a choice offered, nothing, or a value it does not offer', () => {
    expect(readAnswer(question('colour'), { 'q.colour': 'red' })).toEqual({ answer: 'red', problems: [] });
    expect(readAnswer(question('colour'), {})).toEqual({ problems: [] });
    expect(readAnswer(question('colour'), { 'q.colour': 'green' }).problems).toEqual([
      { question: 'colour', code: 'invalid' },
    ]);
    // Two values for one radio group: a tampered form.
    expect(readAnswer(question('colour'), { 'q.colour': ['red', 'blue'] }).problems[0]?.code).toBe('invalid');
  });

  it('multiple: the ticked values in the questionnaire’s order, "none" alone, nothing offered twice', () => {
    expect(readAnswer(question('pets'), { 'q.pets': ['dog', 'cat', 'dog'] })).toEqual({
      answer: ['cat', 'dog'],
      problems: [],
    });
    expect(readAnswer(question('pets'), { 'q.pets': 'none' }).answer).toEqual(['none']);
    expect(readAnswer(question('pets'), { 'q.pets': ['none', 'cat'] }).problems).toEqual([
      { question: 'pets', code: 'exclusive' },
    ]);
    expect(readAnswer(question('pets'), { 'q.pets': ['fish'] }).problems[0]?.code).toBe('invalid');
    expect(readAnswer(question('pets'), {})).toEqual({ problems: [] });
  });

  it('number: digits (full-width too) within the range', () => {
    expect(readAnswer(question('pet_count'), { 'q.pet_count': ' 3 ' }).answer).toBe(3);
    expect(readAnswer(question('pet_count'), { 'q.pet_count': '１２' }).answer).toBe(12);
    expect(readAnswer(question('pet_count'), { 'q.pet_count': 'three' }).problems[0]?.code).toBe('number');
    expect(readAnswer(question('pet_count'), { 'q.pet_count': '0' }).problems[0]?.code).toBe('range');
    expect(readAnswer(question('pet_count'), { 'q.pet_count': '21' }).problems[0]?.code).toBe('range');
    expect(readAnswer(question('pet_count'), { 'q.pet_count': '' })).toEqual({ problems: [] });
  });

  it('date: a real calendar day as YYYY-MM-DD', () => {
    expect(readAnswer(question('born'), { 'q.born': '2024-02-29' }).answer).toBe('2024-02-29');
    expect(readAnswer(question('born'), { 'q.born': '2023-02-29' }).problems[0]?.code).toBe('date');
    expect(readAnswer(question('born'), { 'q.born': '2024/02/01' }).problems[0]?.code).toBe('date');
    expect(isCalendarDay('1899-12-31')).toBe(false);
    expect(isCalendarDay('2026-12-31')).toBe(true);
  });

  it('text: trimmed, line breaks kept, control characters dropped, length and numbers checked', () => {
    expect(readAnswer(question('why_red'), { 'q.why_red': ' 好看\r\n喜欢\u0007 ' }).answer).toBe(
      '好看\n喜欢',
    );
    expect(readAnswer(question('why_red'), { 'q.why_red': '一二三四五六七八九十' }).answer).toBe(
      '一二三四五六七八九十',
    );
    expect(readAnswer(question('why_red'), { 'q.why_red': '一二三四五六七八九十百' }).problems[0]?.code).toBe(
      'tooLong',
    );
    const story = { ...question('why_red'), maxLength: 100 } as Question;
    expect(readAnswer(story, { 'q.why_red': '电话13912345678' }).problems[0]?.code).toBe('personalData');
    expect(
      readAnswer(story, { 'q.why_red': '身份证６１０１１３１９８００１０１００１Ｘ' }).problems[0]?.code,
    ).toBe('personalData');
    expect(readAnswer(story, { 'q.why_red': '每天走2000步，用了3年' }).answer).toBe('每天走2000步，用了3年');
    expect(readAnswer(question('why_red'), { 'q.why_red': '   ' })).toEqual({ problems: [] });
  });

  it('product: codes of the priority list only, sorted and without repeats', () => {
    expect(readAnswer(question('aids'), { 'q.aids': ['apl14', 'apl03', 'apl14'] }).answer).toEqual([
      'apl03',
      'apl14',
    ]);
    expect(readAnswer(question('aids'), { 'q.aids': ['apl99'] }).problems[0]?.code).toBe('invalid');
  });

  it('grid: a column per row, a bad cell named by its row', () => {
    expect(readAnswer(question('grid'), { 'q.grid.up': 'yes', 'q.grid.down': 'no' }).answer).toEqual({
      up: 'yes',
      down: 'no',
    });
    expect(readAnswer(question('grid'), { 'q.grid.up': 'maybe', 'q.grid.down': 'no' })).toEqual({
      answer: { down: 'no' },
      problems: [{ question: 'grid', row: 'up', code: 'invalid' }],
    });
  });
});

describe('conditions on a page', () => {
  it('decides the parts that look at earlier sections and keeps the same-section parts live', () => {
    const same = new Set(second.questions.map((q) => q.id));
    const condition = question('which_aid').showIf;
    expect(resolveCondition(condition, same, { grid: { up: 'no' } })).toBe(false);
    expect(resolveCondition(condition, same, { grid: { up: 'yes' } })).toEqual({
      question: 'aids',
      answered: true,
    });
    expect(
      resolveCondition(
        {
          any: [
            { question: 'colour', anyOf: ['red'] },
            { question: 'aids', answered: true },
          ],
        },
        same,
        { colour: 'red' },
      ),
    ).toBe(true);
    expect(
      resolveCondition(
        {
          any: [
            { question: 'colour', anyOf: ['red'] },
            { question: 'aids', answered: true },
          ],
        },
        same,
        { colour: 'blue' },
      ),
    ).toEqual({ question: 'aids', answered: true });
    expect(resolveCondition(undefined, same, {})).toBe(true);
  });

  it('shows what the earlier sections allow, and marks what depends on this page', () => {
    const onFirst = questionsOnPage(first, {});
    expect(onFirst.map((q) => q.question.id)).toEqual(['colour', 'pets', 'pet_count', 'grid']);
    expect(onFirst.find((q) => q.question.id === 'pet_count')?.liveCondition).toEqual({
      question: 'pets',
      anyOf: ['cat', 'dog'],
    });
    const blue = questionsOnPage(second, { colour: 'blue', grid: { up: 'no', down: 'no' } });
    expect(blue.map((q) => q.question.id)).toEqual(['born', 'aids']);
    const red = questionsOnPage(second, { colour: 'red', grid: { up: 'yes', down: 'no' } });
    expect(red.map((q) => q.question.id)).toEqual(['why_red', 'born', 'aids', 'which_aid']);
    // The section's own stored answers never decide its conditions: only what is posted does.
    expect(
      questionsOnPage(second, { colour: 'red', grid: { up: 'yes' }, aids: ['apl01'] })[3]?.liveCondition,
    ).toEqual({
      question: 'aids',
      answered: true,
    });
  });
});

describe('a section read from its form', () => {
  it('asks for every required question shown, each grid row on its own, when moving on', () => {
    const read = readSection(first, { 'q.grid.down': 'no' }, {}, { requireAnswers: true });
    expect(read.problems).toEqual([
      { question: 'colour', code: 'required' },
      { question: 'grid', row: 'up', code: 'required' },
    ]);
    expect(read.answers).toEqual({ grid: { down: 'no' } });
  });

  it('asks for nothing when going back or leaving to finish later, but still refuses a bad value', () => {
    expect(readSection(first, {}, {}, { requireAnswers: false })).toEqual({ answers: {}, problems: [] });
    const bad = readSection(first, { 'q.pets': 'cat', 'q.pet_count': 'x' }, {}, { requireAnswers: false });
    expect(bad.problems).toEqual([{ question: 'pet_count', code: 'number' }]);
  });

  it('drops the answer to a same-page question whose condition does not hold, without an error', () => {
    const read = readSection(
      first,
      { 'q.colour': 'red', 'q.pets': 'none', 'q.pet_count': 'abc', 'q.grid.up': 'yes', 'q.grid.down': 'no' },
      {},
      { requireAnswers: true },
    );
    expect(read.problems).toEqual([]);
    expect(read.answers).toEqual({ colour: 'red', pets: ['none'], grid: { up: 'yes', down: 'no' } });
  });

  it('requires a same-page question once its condition holds', () => {
    const read = readSection(
      first,
      { 'q.colour': 'blue', 'q.pets': ['cat'], 'q.grid.up': 'no', 'q.grid.down': 'no' },
      {},
      { requireAnswers: true },
    );
    expect(read.problems).toEqual([{ question: 'pet_count', code: 'required' }]);
  });

  it('ignores a field of a question the earlier sections skip', () => {
    const read = readSection(
      second,
      { 'q.why_red': '不该出现', 'q.aids': 'apl01', 'q.which_aid': 'a' },
      { colour: 'blue', grid: { up: 'no', down: 'no' } },
      { requireAnswers: true },
    );
    expect(read).toEqual({ answers: { aids: ['apl01'] }, problems: [] });
  });

  it('reads the default questionnaire’s products section: source and payer only after a product', () => {
    const products = needsQuestionnaire.sections[1] as Section;
    const none = readSection(products, { 'q.source': 'shop' }, {}, { requireAnswers: true });
    expect(none).toEqual({ answers: {}, problems: [] });
    const used = readSection(products, { 'q.products_used': 'apl03' }, {}, { requireAnswers: true });
    expect(used.problems).toEqual([
      { question: 'source', code: 'required' },
      { question: 'payer', code: 'required' },
    ]);
  });

  it('turns stored answers back into the fields that show them', () => {
    const answers = { colour: 'red', pets: ['cat'], pet_count: 2, grid: { up: 'yes' } };
    const fields = fieldsOf(first, answers);
    expect(fields).toEqual({ 'q.colour': 'red', 'q.pets': ['cat'], 'q.pet_count': '2', 'q.grid.up': 'yes' });
    expect(readSection(first, fields, {}, { requireAnswers: false }).answers).toEqual(answers);
  });
});

describe('who an anonymous response is about', () => {
  const allowed = { districtCodes: ['610113'], categories: [] };
  it('takes a district of the campaign and the worker, an age group and a category (0: not known)', () => {
    expect(readDemographics({ district: '610113', ageGroup: '45-59', category: '0' }, allowed)).toEqual({
      demographics: { districtCode: '610113', ageGroup: '45-59', disabilityCategory: 0 },
      problems: {},
    });
  });

  it('names each field left out or out of bounds', () => {
    expect(readDemographics({}, allowed).problems).toEqual({
      district: 'districtRequired',
      ageGroup: 'ageGroup',
      category: 'category',
    });
    expect(
      readDemographics({ district: '610112', ageGroup: '46-59', category: '8' }, allowed).problems,
    ).toEqual({
      district: 'district',
      ageGroup: 'ageGroup',
      category: 'category',
    });
    expect(
      readDemographics(
        { district: '610113', ageGroup: '18-44', category: '0' },
        { ...allowed, categories: [4] },
      ).problems,
    ).toEqual({ category: 'notTargeted' });
  });

  it('targets everyone when a campaign names no group', () => {
    expect(categoryTargeted([], 0)).toBe(true);
    expect(categoryTargeted([1, 4], 4)).toBe(true);
    expect(categoryTargeted([1, 4], 0)).toBe(false);
  });
});
