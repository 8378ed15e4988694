import { priorityProduct } from './apl.ts';
import { functionDomains, identifyingLevels } from './needsQuestionnaire.ts';
import type { Answers } from './questionnaire.ts';

/**
 * The measures one submitted response counts towards. Each is a key tallied
 * per campaign and demographic cell (survey_tally), and every figure of the
 * need analytics is a sum of them:
 *
 * - `respondents`: every response;
 * - `wgss.<domain>.<level>`: the WG-SS answer in each domain;
 * - `wgss.difficulty.<domain>`: a lot of difficulty or cannot do, in that domain;
 * - `wgss.identified`: the WG-SS disability identifier (any domain at that level);
 * - `use.any`, `use.<apl>`: products used (met need);
 * - `unmet.any`, `unmet.<apl>`: products needed but not had (unmet need);
 * - `source.<v>`, `payer.<v>`, `barrier.<v>`: rATA sources, payers and barriers;
 * - `satisfaction.<aspect>.<s1…s5|na>`, `dissatisfaction.<v>`;
 * - `tech.<v>`: the technologies that would help.
 *
 * Keys are made from the questionnaire's stable values, so the measures of a
 * campaign are readable without the questionnaire that produced them.
 */
export function measuresOf(answers: Answers): string[] {
  const measures = ['respondents'];
  const grid = (id: string): Record<string, string> => {
    const answer = answers[id];
    return answer !== undefined && typeof answer === 'object' && !Array.isArray(answer)
      ? (answer as Record<string, string>)
      : {};
  };
  const list = (id: string): readonly string[] => {
    const answer = answers[id];
    return Array.isArray(answer) ? answer : typeof answer === 'string' && answer !== '' ? [answer] : [];
  };

  const wgss = grid('wgss');
  let identified = false;
  for (const domain of functionDomains) {
    const level = wgss[domain];
    if (level === undefined) continue;
    measures.push(`wgss.${domain}.${level}`);
    if ((identifyingLevels as readonly string[]).includes(level)) {
      measures.push(`wgss.difficulty.${domain}`);
      identified = true;
    }
  }
  if (identified) measures.push('wgss.identified');

  const used = list('products_used').filter((code) => priorityProduct(code) !== undefined);
  if (used.length > 0) measures.push('use.any', ...used.map((code) => `use.${code}`));
  // A product both used and needed is a need met: the use counts, the "need" does not.
  const unmet = list('products_needed').filter(
    (code) => priorityProduct(code) !== undefined && !used.includes(code),
  );
  if (unmet.length > 0) measures.push('unmet.any', ...unmet.map((code) => `unmet.${code}`));

  for (const value of list('source')) measures.push(`source.${value}`);
  for (const value of list('payer')) measures.push(`payer.${value}`);
  for (const value of list('barriers')) measures.push(`barrier.${value}`);
  for (const [aspect, score] of Object.entries(grid('satisfaction')))
    measures.push(`satisfaction.${aspect}.${score}`);
  for (const value of list('dissatisfaction')) measures.push(`dissatisfaction.${value}`);
  for (const value of list('tech_needs')) measures.push(`tech.${value}`);
  return [...new Set(measures)];
}
