import { describe, expect, it } from 'vitest';
import { ageGroupOn } from './demographics.ts';
import { generateResponse, seededRandom } from './generate.ts';
import { measuresOf } from './measures.ts';
import { needsQuestionnaire } from './needsQuestionnaire.ts';
import {
  type Answers,
  holds,
  keepShownAnswers,
  missingRequired,
  type Questionnaire,
  questionnaireProblems,
  shownSections,
} from './questionnaire.ts';

const wgssNone = {
  seeing: 'none',
  hearing: 'none',
  walking: 'none',
  cognition: 'none',
  self_care: 'none',
  communication: 'none',
};

describe('the questionnaire as data', () => {
  it('the default needs questionnaire has no problems', () => {
    expect(questionnaireProblems(needsQuestionnaire)).toEqual([]);
  });

  it('finds a condition that looks forward, a repeated id, a missing translation and a bad range', () => {
    const broken: Questionnaire = {
      code: 'broken',
      version: 1,
      title: { zh: '测试', en: '' },
      intro: { zh: '说明', en: 'Intro' },
      sections: [
        {
          id: 'one',
          title: { zh: '一', en: 'One' },
          questions: [
            {
              id: 'a',
              kind: 'text',
              required: false,
              maxLength: 10,
              label: { zh: '甲', en: 'A' },
              showIf: { question: 'b', answered: true },
            },
            { id: 'a', kind: 'number', required: false, min: 5, max: 5, label: { zh: '乙', en: 'B' } },
            {
              id: 'b',
              kind: 'single',
              required: true,
              label: { zh: '丙', en: 'C' },
              choices: [{ value: 'x', label: { zh: '是', en: 'Yes' } }],
            },
          ],
        },
      ],
    };
    const problems = questionnaireProblems(broken).join('\n');
    expect(problems).toContain('the title and introduction need both languages');
    expect(problems).toContain('question a depends on b, which is not asked before it');
    expect(problems).toContain('question id a');
    expect(problems).toContain('question a range');
    expect(problems).toContain('question b needs two choices');
  });

  it('skips the satisfaction section for someone who uses no product, and asks it of someone who does', () => {
    const none: Answers = { wgss: wgssNone };
    expect(shownSections(needsQuestionnaire, none).map((s) => s.id)).toEqual([
      'functioning',
      'products',
      'technology',
    ]);
    const user: Answers = { wgss: wgssNone, products_used: ['apl03'] };
    expect(shownSections(needsQuestionnaire, user).map((s) => s.id)).toContain('satisfaction');
  });

  it('holds grid-row, any and all conditions', () => {
    const answers: Answers = { wgss: { ...wgssNone, walking: 'cannot' }, tech_needs: ['exoskeleton'] };
    expect(holds({ question: 'wgss', row: 'walking', anyOf: ['a_lot', 'cannot'] }, answers)).toBe(true);
    expect(holds({ question: 'wgss', row: 'seeing', anyOf: ['a_lot', 'cannot'] }, answers)).toBe(false);
    expect(
      holds(
        {
          any: [
            { question: 'tech_needs', anyOf: ['bci'] },
            { question: 'tech_needs', answered: true },
          ],
        },
        answers,
      ),
    ).toBe(true);
    expect(
      holds(
        {
          all: [
            { question: 'tech_needs', anyOf: ['bci'] },
            { question: 'tech_needs', answered: true },
          ],
        },
        answers,
      ),
    ).toBe(false);
  });

  it('drops answers to questions that are no longer asked, and everything that depended on them', () => {
    const answers: Answers = {
      wgss: wgssNone,
      source: 'shop',
      payer: ['self_family'],
      satisfaction: { product: 's4', assessment: 'na', training: 'na', repair: 'na' },
    };
    const kept = keepShownAnswers(needsQuestionnaire, answers);
    expect(Object.keys(kept)).toEqual(['wgss']);
  });

  it('requires every row of a required grid and the required questions of shown sections only', () => {
    const partial: Answers = { wgss: { seeing: 'none' }, products_used: ['apl03'] };
    const missing = missingRequired(needsQuestionnaire, partial).map((q) => q.id);
    expect(missing).toEqual(['wgss', 'source', 'payer', 'satisfaction']);
    expect(missingRequired(needsQuestionnaire, { wgss: wgssNone })).toEqual([]);
  });
});

describe('measures', () => {
  it('counts the WG-SS identifier, met and unmet need, barriers and satisfaction', () => {
    const answers: Answers = {
      wgss: { ...wgssNone, walking: 'a_lot', seeing: 'some' },
      products_used: ['apl03', 'apl99'],
      products_needed: ['apl03', 'apl04'],
      source: 'government',
      payer: ['subsidy'],
      barriers: ['cost'],
      satisfaction: { product: 's4' },
      tech_needs: ['smart_mobility'],
    };
    expect(measuresOf(answers).sort()).toEqual(
      [
        'respondents',
        'wgss.seeing.some',
        'wgss.hearing.none',
        'wgss.walking.a_lot',
        'wgss.cognition.none',
        'wgss.self_care.none',
        'wgss.communication.none',
        'wgss.difficulty.walking',
        'wgss.identified',
        'use.any',
        'use.apl03',
        'unmet.any',
        'unmet.apl04',
        'source.government',
        'payer.subsidy',
        'barrier.cost',
        'satisfaction.product.s4',
        'tech.smart_mobility',
      ].sort(),
    );
  });
});

describe('synthetic responses', () => {
  it('are complete, ask only what is shown, and are the same for the same seed', () => {
    const random = seededRandom(7);
    for (let i = 0; i < 500; i++) {
      const { who, answers } = generateResponse(random, ['610113', '610112']);
      expect(missingRequired(needsQuestionnaire, answers)).toEqual([]);
      expect(keepShownAnswers(needsQuestionnaire, answers)).toEqual(answers);
      expect(['610113', '610112']).toContain(who.districtCode);
    }
    const a = generateResponse(seededRandom(42), ['610113']);
    const b = generateResponse(seededRandom(42), ['610113']);
    expect(a).toEqual(b);
  });
});

describe('age groups', () => {
  it('turns on the birthday', () => {
    expect(ageGroupOn('2008-11-30', '2026-11-29')).toBe('0-17');
    expect(ageGroupOn('2008-11-29', '2026-11-29')).toBe('18-44');
    expect(ageGroupOn('1968-05-12', '2026-11-29')).toBe('45-59');
    expect(ageGroupOn('1951-01-01', '2026-11-29')).toBe('75+');
  });
});
