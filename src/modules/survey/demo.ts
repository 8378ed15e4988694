import type { Queryable } from '../../platform/db/index.ts';
import type { DemoContext } from '../../platform/module.ts';

/** The survey's demo data. */
export async function seedSurveyDemo(_tx: Queryable, _context: DemoContext): Promise<Record<string, number>> {
  return {};
}
