import { type Queryable, sql } from '../../platform/db/index.ts';
import type { ConsentDetails } from './domain/forms.ts';
import type { ConsentGiver, ConsentPurpose } from './domain/vocabulary.ts';

export interface ConsentView {
  readonly id: string;
  readonly purpose: ConsentPurpose;
  readonly givenBy: ConsentGiver;
  readonly givenAt: Date;
  readonly withdrawnAt: Date | null;
}

interface ConsentRow {
  id: string;
  purpose: ConsentPurpose;
  given_by: ConsentGiver;
  given_at: Date;
  withdrawn_at: Date | null;
}

/** Every consent the person gave, the live ones first, newest first. */
export async function listConsents(db: Queryable, personId: string): Promise<ConsentView[]> {
  const rows = await db.query<ConsentRow>(
    sql`select id, purpose, given_by, given_at, withdrawn_at from person_consent where person_id = ${personId}
        order by (withdrawn_at is null) desc, given_at desc, id`,
  );
  return rows.map((row) => ({
    id: row.id,
    purpose: row.purpose,
    givenBy: row.given_by,
    givenAt: new Date(row.given_at),
    withdrawnAt: row.withdrawn_at === null ? null : new Date(row.withdrawn_at),
  }));
}

/** Records a consent; null when one for the same purpose is already live. */
export async function insertConsent(
  tx: Queryable,
  personId: string,
  consent: ConsentDetails,
  recordedBy: string | null,
): Promise<string | null> {
  const [row] = await tx.query<{ id: string }>(
    sql`insert into person_consent (person_id, purpose, given_by, recorded_by)
        values (${personId}, ${consent.purpose}, ${consent.givenBy}, ${recordedBy})
        on conflict (person_id, purpose) where withdrawn_at is null do nothing
        returning id`,
  );
  return row?.id ?? null;
}

/** Withdraws a live consent of this person: its purpose, or null when there is no live one by that id. */
export async function withdrawConsent(
  tx: Queryable,
  personId: string,
  consentId: string,
  withdrawnBy: string | null,
): Promise<ConsentPurpose | null> {
  const [row] = await tx.query<{ purpose: ConsentPurpose }>(
    sql`update person_consent set withdrawn_at = now(), withdrawn_by = ${withdrawnBy}
        where id = ${consentId} and person_id = ${personId} and withdrawn_at is null returning purpose`,
  );
  return row?.purpose ?? null;
}
