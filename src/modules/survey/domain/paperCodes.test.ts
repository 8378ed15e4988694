import { describe, expect, it } from 'vitest';
import { priorityProducts } from './apl.ts';
import { needsQuestionnaire } from './needsQuestionnaire.ts';
import {
  ageGroupCode,
  ageGroupOfCode,
  choiceCode,
  conditionParts,
  paperDate,
  productCode,
  questionNumbers,
  readKeyed,
  readPaperForm,
  splitCodes,
} from './paperCodes.ts';
import { keepShownAnswers, missingRequired, type Question, questionById } from './questionnaire.ts';

const q = (id: string) => questionById(needsQuestionnaire, id) as Question;

/** A paper form where nobody uses a product but needs two: the satisfaction section is skipped. */
const needsOnly = {
  'q.wgss.seeing': '1',
  'q.wgss.hearing': '1',
  'q.wgss.walking': '3',
  'q.wgss.cognition': '1',
  'q.wgss.self_care': '2',
  'q.wgss.communication': '1',
  'q.products_needed': '3, 22',
  'q.barriers': '1 4',
  'q.travel_minutes': '45',
  'q.tech_needs': '1，6',
  'q.interviewed_on': '2026/3/15',
};

describe('the codes printed on paper', () => {
  it('numbers choices from 1, products by their number in WHO’s list, age groups 1-5', () => {
    expect(choiceCode(0)).toBe('1');
    expect(productCode({ code: 'apl05' })).toBe('5');
    expect(new Set(priorityProducts.map(productCode)).size).toBe(priorityProducts.length);
    expect(ageGroupCode('0-17')).toBe('1');
    expect(ageGroupCode('75+')).toBe('5');
    expect(ageGroupOfCode('5')).toBe('75+');
    expect(ageGroupOfCode('6')).toBeUndefined();
    expect(ageGroupOfCode('x')).toBeUndefined();
  });

  it('numbers questions through every section', () => {
    const numbers = questionNumbers(needsQuestionnaire);
    expect(numbers.get('wgss')).toBe(1);
    expect(numbers.get('products_used')).toBe(2);
    expect(numbers.get('satisfaction')).toBe(8);
    expect(numbers.get('interviewed_on')).toBe(12);
    expect(numbers.size).toBe(12);
  });

  it('splits keyed codes on spaces, commas and enumeration commas, full-width digits included', () => {
    expect(splitCodes(' 1, 2，3、４ 5;6 ')).toEqual(['1', '2', '3', '4', '5', '6']);
    expect(splitCodes('   ')).toEqual([]);
  });

  it('reads dates as people write them, and refuses what is no day', () => {
    expect(paperDate('2026-03-15')).toBe('2026-03-15');
    expect(paperDate('2026/3/5')).toBe('2026-03-05');
    expect(paperDate('2026.3.15')).toBe('2026-03-15');
    expect(paperDate('20260315')).toBe('2026-03-15');
    expect(paperDate('2026年3月15日')).toBe('2026-03-15');
    expect(paperDate('2026-02-30')).toBeNull();
    expect(paperDate('15/3/2026')).toBeNull();
  });
});

describe('one keyed question by kind', () => {
  it('single: one code of its choices', () => {
    expect(readKeyed(q('source'), { 'q.source': '2' })).toEqual({ answer: 'hospital', problems: [] });
    expect(readKeyed(q('source'), { 'q.source': '8' }).problems).toEqual([
      { question: 'source', code: 'code' },
    ]);
    expect(readKeyed(q('source'), { 'q.source': 'a' }).problems[0]?.code).toBe('code');
    expect(readKeyed(q('source'), { 'q.source': '1 2' }).problems[0]?.code).toBe('single');
    expect(readKeyed(q('source'), {})).toEqual({ problems: [] });
  });

  it('multiple: several codes, "none" alone', () => {
    expect(readKeyed(q('payer'), { 'q.payer': '2 1 2' }).answer).toEqual(['self_family', 'subsidy']);
    expect(readKeyed(q('payer'), { 'q.payer': '7' }).problems[0]?.code).toBe('code');
    expect(readKeyed(q('tech_needs'), { 'q.tech_needs': '10' }).answer).toEqual(['none']);
    expect(readKeyed(q('tech_needs'), { 'q.tech_needs': '10 1' }).problems[0]?.code).toBe('exclusive');
  });

  it('product: numbers of the list, leading zeros allowed', () => {
    expect(readKeyed(q('products_used'), { 'q.products_used': '14 03 3' }).answer).toEqual([
      'apl03',
      'apl14',
    ]);
    expect(readKeyed(q('products_used'), { 'q.products_used': '25' }).problems[0]?.code).toBe('code');
    expect(readKeyed(q('products_used'), { 'q.products_used': '0' }).problems[0]?.code).toBe('code');
  });

  it('grid: one code per row, each row’s problem its own', () => {
    const read = readKeyed(q('wgss'), {
      'q.wgss.seeing': '4',
      'q.wgss.hearing': '5',
      'q.wgss.walking': '1 2',
    });
    expect(read.answer).toEqual({ seeing: 'cannot' });
    expect(read.problems).toEqual([
      { question: 'wgss', row: 'hearing', code: 'code' },
      { question: 'wgss', row: 'walking', code: 'single' },
    ]);
  });

  it('number, date and text as written', () => {
    expect(readKeyed(q('travel_minutes'), { 'q.travel_minutes': '９０' }).answer).toBe(90);
    expect(readKeyed(q('travel_minutes'), { 'q.travel_minutes': '601' }).problems[0]?.code).toBe('range');
    expect(readKeyed(q('travel_minutes'), { 'q.travel_minutes': '半小时' }).problems[0]?.code).toBe('number');
    expect(readKeyed(q('interviewed_on'), { 'q.interviewed_on': '2026年3月1日' }).answer).toBe('2026-03-01');
    expect(readKeyed(q('interviewed_on'), { 'q.interviewed_on': '3月1日' }).problems[0]?.code).toBe('date');
    expect(readKeyed(q('tech_need_text'), { 'q.tech_need_text': '希望有智能导盲设备' }).answer).toBe(
      '希望有智能导盲设备',
    );
    expect(readKeyed(q('tech_need_text'), { 'q.tech_need_text': 'x'.repeat(501) }).problems[0]?.code).toBe(
      'tooLong',
    );
  });
});

describe('a whole paper form', () => {
  it('reads a complete form into the answers the questionnaire keeps, nothing missing', () => {
    const { answers, problems } = readPaperForm(needsQuestionnaire, needsOnly);
    expect(problems).toEqual([]);
    expect(answers).toEqual({
      wgss: {
        seeing: 'none',
        hearing: 'none',
        walking: 'a_lot',
        cognition: 'none',
        self_care: 'some',
        communication: 'none',
      },
      products_needed: ['apl03', 'apl22'],
      barriers: ['cost', 'too_far'],
      travel_minutes: 45,
      tech_needs: ['smart_mobility', 'home_adaptation'],
      interviewed_on: '2026-03-15',
    });
    expect(keepShownAnswers(needsQuestionnaire, answers)).toEqual(answers);
    expect(missingRequired(needsQuestionnaire, answers)).toEqual([]);
  });

  it('refuses an answer the skip instructions say to leave out: a question and a whole section', () => {
    const { problems } = readPaperForm(needsQuestionnaire, {
      ...needsOnly,
      'q.source': '1',
      'q.satisfaction.training': '4',
    });
    expect(problems).toEqual([
      { question: 'source', code: 'skipped' },
      { question: 'satisfaction', row: 'training', code: 'skipped' },
    ]);
  });

  it('asks for every required question the answers lead to, and each required grid row', () => {
    const { problems } = readPaperForm(needsQuestionnaire, {
      ...needsOnly,
      'q.wgss.hearing': '',
      'q.products_used': '1',
    });
    expect(problems).toEqual([
      { question: 'wgss', row: 'hearing', code: 'required' },
      { question: 'source', code: 'required' },
      { question: 'payer', code: 'required' },
      { question: 'satisfaction', row: 'product', code: 'required' },
      { question: 'satisfaction', row: 'assessment', code: 'required' },
      { question: 'satisfaction', row: 'training', code: 'required' },
      { question: 'satisfaction', row: 'repair', code: 'required' },
    ]);
  });

  it('does not guess about questions whose condition looks at a wrongly keyed answer', () => {
    const { problems } = readPaperForm(needsQuestionnaire, {
      ...needsOnly,
      'q.products_used': '99',
      'q.source': '1',
    });
    // Only the wrong code: whether 3 (source) should be skipped is not known until 2 is put right.
    expect(problems).toEqual([{ question: 'products_used', code: 'code' }]);
  });

  it('reports every problem of an empty form: the required WG-SS rows', () => {
    const { problems, answers } = readPaperForm(needsQuestionnaire, {});
    expect(answers).toEqual({});
    expect(problems.map((p) => p.row)).toEqual([
      'seeing',
      'hearing',
      'walking',
      'cognition',
      'self_care',
      'communication',
    ]);
  });
});

describe('conditions in parts, for the skip instructions', () => {
  it('names the question by number, and the choices with their codes', () => {
    const parts = conditionParts(needsQuestionnaire, { question: 'products_used', answered: true });
    expect(parts).toMatchObject({ kind: 'answered', number: 2, question: { id: 'products_used' } });
    const row = conditionParts(needsQuestionnaire, {
      question: 'wgss',
      row: 'walking',
      anyOf: ['a_lot', 'cannot'],
    });
    expect(row).toMatchObject({
      kind: 'anyOf',
      number: 1,
      row: { number: 3, choice: { value: 'walking' } },
      choices: [
        { code: '3', choice: { value: 'a_lot' } },
        { code: '4', choice: { value: 'cannot' } },
      ],
    });
    const products = conditionParts(needsQuestionnaire, {
      any: [
        { question: 'products_needed', anyOf: ['apl14'] },
        { question: 'source', anyOf: ['shop'] },
      ],
    });
    expect(products).toMatchObject({
      kind: 'any',
      parts: [
        { kind: 'anyOf', number: 5, choices: [{ code: '14' }] },
        { kind: 'anyOf', number: 3, choices: [{ code: '3' }] },
      ],
    });
  });
});
