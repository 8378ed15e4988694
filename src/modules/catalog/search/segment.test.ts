import { describe, expect, it } from 'vitest';
import { atDictionary, maxWordLength } from './dictionary.ts';
import { segment, segmentRuns } from './segment.ts';

describe('dictionary', () => {
  it('holds the assistive-technology vocabulary', () => {
    expect(atDictionary.size).toBeGreaterThanOrEqual(250);
    for (const word of [
      '轮椅',
      '电动轮椅',
      '助听器',
      '耳背机',
      '盲杖',
      '读屏软件',
      '防褥疮',
      '外骨骼',
      '如厕',
    ]) {
      expect(atDictionary.has(word)).toBe(true);
    }
    expect(maxWordLength).toBe(Math.max(...Array.from(atDictionary, (w) => w.length)));
  });
});

describe('segment', () => {
  it('cuts a compound into its dictionary parts', () => {
    expect(segment('电动轮椅折叠')).toEqual(['电动', '轮椅', '折叠']);
  });

  it('keeps words that do not split into dictionary words', () => {
    expect(segment('助听器耳背机')).toEqual(['助听器', '耳背机']);
    expect(segment('护理床')).toEqual(['护理床']);
  });

  it('leaves unknown characters single', () => {
    expect(segment('轮倚')).toEqual(['轮', '倚']);
  });

  it('prefers fewer words, then fewer single characters', () => {
    // Forward 助行器/具 (2 words) beats backward 助/行/器具 (3).
    expect(segment('助行器具')).toEqual(['助行器', '具']);
    // Both directions give 2 words; backward 护理/床垫 has no single character, forward 护理床/垫 has one.
    expect(segment('护理床垫')).toEqual(['护理', '床垫']);
    expect(segment('读屏软件')).toEqual(['读屏', '软件']);
  });

  it('keeps model tokens whole and split into letters and digits, dropping punctuation', () => {
    expect(segment('KX200 轮椅！')).toEqual(['kx200', 'kx', '200', '轮椅']);
    expect(segment('D130-L, 可充电')).toEqual(['d130', 'd', '130', 'l', '可充电']);
  });

  it('normalises before cutting', () => {
    expect(segment('電動輪椅')).toEqual(['电动', '轮椅']);
  });

  it('reports runs by script', () => {
    expect(segmentRuns('轮椅abc 12')).toEqual([
      { kind: 'han', text: '轮椅', words: ['轮椅'] },
      { kind: 'latin', text: 'abc', parts: [] },
      { kind: 'latin', text: '12', parts: [] },
    ]);
  });
});
