import { dayOf, isUuid, type Queryable, sql } from '../../platform/db/index.ts';
import type { ChallengeDraft, ChallengeStatus } from './domain/challenge.ts';
import { beijingYear } from './projectRepo.ts';

/** An enterprise challenge (企业出题) as stored. */
export interface Challenge {
  readonly id: string;
  readonly reference: string;
  readonly organisationId: string;
  readonly organisationNameZh: string;
  readonly organisationNameEn: string;
  readonly title: string;
  readonly description: string;
  readonly needTopicIds: readonly string[];
  readonly budgetFen: number | null;
  readonly closesOn: string;
  readonly status: ChallengeStatus;
  readonly createdBy: string | null;
  readonly createdAt: Date;
  readonly version: number;
}

interface ChallengeRow {
  id: string;
  reference: string;
  organisation_id: string;
  organisation_name_zh: string;
  organisation_name_en: string;
  title: string;
  description: string;
  need_topic_ids: string[];
  budget_fen: string | number | null;
  closes_on: string | Date;
  status: ChallengeStatus;
  created_by: string | null;
  created_at: Date;
  version: number;
}

const toChallenge = (r: ChallengeRow): Challenge => ({
  id: r.id,
  reference: r.reference,
  organisationId: r.organisation_id,
  organisationNameZh: r.organisation_name_zh,
  organisationNameEn: r.organisation_name_en,
  title: r.title,
  description: r.description,
  needTopicIds: r.need_topic_ids,
  budgetFen: r.budget_fen === null ? null : Number(r.budget_fen),
  closesOn: dayOf(r.closes_on),
  status: r.status,
  createdBy: r.created_by,
  createdAt: new Date(r.created_at),
  version: Number(r.version),
});

const challengeColumns = sql`c.id, c.reference, c.organisation_id, o.name_zh as organisation_name_zh,
  o.name_en as organisation_name_en, c.title, c.description, c.need_topic_ids, c.budget_fen, c.closes_on, c.status,
  c.created_by, c.created_at, c.version`;

const fromChallenges = sql`research_challenge c join organisation o on o.id = c.organisation_id`;

export async function findChallenge(db: Queryable, id: string): Promise<Challenge | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await db.query<ChallengeRow>(
    sql`select ${challengeColumns} from ${fromChallenges} where c.id = ${id}`,
  );
  return row && toChallenge(row);
}

export async function lockChallenge(tx: Queryable, id: string): Promise<Challenge | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await tx.query<ChallengeRow>(
    sql`select ${challengeColumns} from ${fromChallenges} where c.id = ${id} for update of c`,
  );
  return row && toChallenge(row);
}

/** Posts an open challenge with the next reference of the year: QY-<year>-<4 digits>. */
export async function insertChallenge(
  tx: Queryable,
  c: ChallengeDraft & { readonly organisationId: string; readonly createdBy: string; readonly at: Date },
): Promise<string> {
  const [serial] = await tx.query<{ n: string | number }>(
    sql`select nextval('research_challenge_serial') as n`,
  );
  const reference = `QY-${beijingYear(c.at)}-${String(serial?.n).padStart(4, '0')}`;
  const [row] = await tx.query<{ id: string }>(
    sql`insert into research_challenge (reference, organisation_id, title, description, need_topic_ids, budget_fen,
          closes_on, status, created_by, created_at, updated_at)
        values (${reference}, ${c.organisationId}, ${c.title}, ${c.description}, ${[...c.needTopicIds]}::uuid[],
          ${c.budgetFen}, ${c.closesOn}, 'open', ${c.createdBy}, ${c.at}, ${c.at})
        returning id`,
  );
  if (!row) throw new Error('insert returned no row');
  return row.id;
}

/** Closes the challenge if nobody changed it since `version` was read; false when someone did. */
export async function closeChallenge(
  tx: Queryable,
  c: Pick<Challenge, 'id' | 'version'>,
  at: Date,
): Promise<boolean> {
  const rows = await tx.query<{ id: string }>(
    sql`update research_challenge set status = 'closed', updated_at = ${at}, version = version + 1
        where id = ${c.id} and version = ${c.version} and status = 'open' returning id`,
  );
  return rows.length === 1;
}

export interface ChallengeFilter {
  /** Only those still taking proposals on this day (open, and not past their closing day). */
  readonly acceptingOn: string | null;
  /** Only these organisations' challenges; undefined for every organisation's. */
  readonly organisationIds?: readonly string[] | undefined;
}

/** Challenges, those closing soonest first; closed ones after, newest first. Challenges are public. */
export async function listChallenges(db: Queryable, f: ChallengeFilter, limit = 200): Promise<Challenge[]> {
  const rows = await db.query<ChallengeRow>(
    sql`select ${challengeColumns} from ${fromChallenges}
        where (${f.acceptingOn}::date is null or (c.status = 'open' and c.closes_on >= ${f.acceptingOn}::date))
          and (${f.organisationIds === undefined} or c.organisation_id = any(${[...(f.organisationIds ?? [])]}::uuid[]))
        order by c.status = 'closed', case when c.status = 'open' then c.closes_on end, c.created_at desc
        limit ${limit}`,
  );
  return rows.map(toChallenge);
}
