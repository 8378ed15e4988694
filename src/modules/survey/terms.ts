import { segmentText } from '../catalog/index.ts';
import type { Answers } from './domain/questionnaire.ts';

/** Free-text questions whose words are counted for need-topic keyword suggestions. */
const freeTextQuestions = ['tech_need_text'];

/**
 * The distinct words of a response's free text, cut by the catalog's
 * assistive-technology dictionary: words of two characters or more (single
 * Han characters say little on their own), and Latin words of three letters
 * or more.
 */
export function termsOf(answers: Answers): string[] {
  const terms = new Set<string>();
  for (const id of freeTextQuestions) {
    const text = answers[id];
    if (typeof text !== 'string') continue;
    for (const word of segmentText(text)) {
      const han = /^\p{Script=Han}+$/u.test(word);
      if ((han && word.length >= 2) || (!han && /^[a-z]{3,}$/.test(word))) terms.add(word);
    }
  }
  return [...terms];
}
