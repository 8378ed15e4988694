import { dayOf, isUuid, type Queryable, type SqlQuery, sql } from '../../platform/db/index.ts';
import type { ProjectCommand, ProjectPart, ProjectStatus } from './domain/projectFlow.ts';
import type { Proposal } from './domain/proposal.ts';

/** A project of the reserve pool as stored: its status is the derivation of its actions (projectFlow.ts). */
export interface ResearchProject {
  readonly id: string;
  readonly reference: string;
  readonly title: string;
  readonly summary: string;
  readonly needTopicIds: readonly string[];
  readonly challengeId: string | null;
  readonly organisationId: string;
  readonly organisationNameZh: string;
  readonly organisationNameEn: string;
  readonly team: string;
  readonly trlNow: number;
  readonly trlTarget: number;
  readonly budgetFen: number;
  readonly startsOn: string;
  readonly endsOn: string;
  readonly expectedResults: string;
  readonly status: ProjectStatus;
  readonly fundingSource: string | null;
  readonly fundedFen: number | null;
  readonly resultProductIds: readonly string[];
  readonly resultPatents: string | null;
  readonly resultStandards: string | null;
  readonly proposedBy: string | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly version: number;
}

interface ProjectRow {
  id: string;
  reference: string;
  title: string;
  summary: string;
  need_topic_ids: string[];
  challenge_id: string | null;
  organisation_id: string;
  organisation_name_zh: string;
  organisation_name_en: string;
  team: string;
  trl_now: number;
  trl_target: number;
  budget_fen: string | number;
  starts_on: string | Date;
  ends_on: string | Date;
  expected_results: string;
  status: ProjectStatus;
  funding_source: string | null;
  funded_fen: string | number | null;
  result_product_ids: string[];
  result_patents: string | null;
  result_standards: string | null;
  proposed_by: string | null;
  created_at: Date;
  updated_at: Date;
  version: number;
}

const toProject = (r: ProjectRow): ResearchProject => ({
  id: r.id,
  reference: r.reference,
  title: r.title,
  summary: r.summary,
  needTopicIds: r.need_topic_ids,
  challengeId: r.challenge_id,
  organisationId: r.organisation_id,
  organisationNameZh: r.organisation_name_zh,
  organisationNameEn: r.organisation_name_en,
  team: r.team,
  trlNow: Number(r.trl_now),
  trlTarget: Number(r.trl_target),
  budgetFen: Number(r.budget_fen),
  startsOn: dayOf(r.starts_on),
  endsOn: dayOf(r.ends_on),
  expectedResults: r.expected_results,
  status: r.status,
  fundingSource: r.funding_source,
  fundedFen: r.funded_fen === null ? null : Number(r.funded_fen),
  resultProductIds: r.result_product_ids,
  resultPatents: r.result_patents,
  resultStandards: r.result_standards,
  proposedBy: r.proposed_by,
  createdAt: new Date(r.created_at),
  updatedAt: new Date(r.updated_at),
  version: Number(r.version),
});

const projectColumns = sql`p.id, p.reference, p.title, p.summary, p.need_topic_ids, p.challenge_id, p.organisation_id,
  o.name_zh as organisation_name_zh, o.name_en as organisation_name_en, p.team, p.trl_now, p.trl_target, p.budget_fen,
  p.starts_on, p.ends_on, p.expected_results, p.status, p.funding_source, p.funded_fen, p.result_product_ids,
  p.result_patents, p.result_standards, p.proposed_by, p.created_at, p.updated_at, p.version`;

const fromProjects = sql`research_project p join organisation o on o.id = p.organisation_id`;

export async function findProject(db: Queryable, id: string): Promise<ResearchProject | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await db.query<ProjectRow>(
    sql`select ${projectColumns} from ${fromProjects} where p.id = ${id}`,
  );
  return row && toProject(row);
}

/** The project, locked for the rest of the transaction: commands on one project run one at a time. */
export async function lockProject(tx: Queryable, id: string): Promise<ResearchProject | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await tx.query<ProjectRow>(
    sql`select ${projectColumns} from ${fromProjects} where p.id = ${id} for update of p`,
  );
  return row && toProject(row);
}

/** Opens a project in screening with the next reference of the year: KY-<year>-<4 digits>. */
export async function insertProject(
  tx: Queryable,
  p: Proposal & { readonly organisationId: string; readonly proposedBy: string; readonly at: Date },
): Promise<string> {
  const [serial] = await tx.query<{ n: string | number }>(
    sql`select nextval('research_project_serial') as n`,
  );
  const reference = `KY-${beijingYear(p.at)}-${String(serial?.n).padStart(4, '0')}`;
  const [row] = await tx.query<{ id: string }>(
    sql`insert into research_project (reference, title, summary, need_topic_ids, challenge_id, organisation_id, team,
          trl_now, trl_target, budget_fen, starts_on, ends_on, expected_results, status, proposed_by, created_at,
          updated_at)
        values (${reference}, ${p.title}, ${p.summary}, ${[...p.needTopicIds]}::uuid[], ${p.challengeId},
          ${p.organisationId}, ${p.team}, ${p.trlNow}, ${p.trlTarget}, ${p.budgetFen}, ${p.startsOn}, ${p.endsOn},
          ${p.expectedResults}, 'screening', ${p.proposedBy}, ${p.at}, ${p.at})
        returning id`,
  );
  if (!row) throw new Error('insert returned no row');
  return row.id;
}

/** The year in Xi'an, where a reference is numbered: a proposal at 1 a.m. on 1 January belongs to the new year. */
export const beijingYear = (at: Date): number => new Date(at.getTime() + 8 * 3600_000).getUTCFullYear();

/** What a command may change besides the status. */
export interface ProjectChange {
  readonly status: ProjectStatus;
  readonly fundingSource?: string;
  readonly fundedFen?: number;
  readonly resultProductIds?: readonly string[];
  readonly resultPatents?: string | null;
  readonly resultStandards?: string | null;
  readonly at: Date;
}

/** Moves the project on if nobody else did since `version` was read; false when someone did. */
export async function advanceProject(
  tx: Queryable,
  p: Pick<ResearchProject, 'id' | 'version'>,
  change: ProjectChange,
): Promise<boolean> {
  const rows = await tx.query<{ id: string }>(
    sql`update research_project set status = ${change.status},
          funding_source = coalesce(${change.fundingSource ?? null}::text, funding_source),
          funded_fen = coalesce(${change.fundedFen ?? null}::bigint, funded_fen),
          result_product_ids = coalesce(${change.resultProductIds === undefined ? null : [...change.resultProductIds]}::uuid[], result_product_ids),
          result_patents = case when ${change.resultPatents !== undefined} then ${change.resultPatents ?? null}::text else result_patents end,
          result_standards = case when ${change.resultStandards !== undefined} then ${change.resultStandards ?? null}::text else result_standards end,
          updated_at = ${change.at}, version = version + 1
        where id = ${p.id} and version = ${p.version}
        returning id`,
  );
  return rows.length === 1;
}

export interface ProjectAction {
  readonly id: string;
  readonly command: ProjectCommand;
  readonly statusAfter: ProjectStatus;
  readonly part: ProjectPart | null;
  readonly note: string | null;
  readonly details: Readonly<Record<string, unknown>>;
  readonly actorUserId: string | null;
  readonly at: Date;
}

export async function appendAction(
  tx: Queryable,
  projectId: string,
  a: Omit<ProjectAction, 'id'>,
): Promise<void> {
  await tx.query(
    sql`insert into research_project_action (project_id, command, status_after, part, note, details, actor_user_id, at)
        values (${projectId}, ${a.command}, ${a.statusAfter}, ${a.part}, ${a.note}, ${JSON.stringify(a.details)}::jsonb,
          ${a.actorUserId}, ${a.at})`,
  );
}

/** The project's actions, oldest first: the service gives each a moment after the one before, so the order is the history. */
export async function actionsOf(db: Queryable, projectId: string): Promise<ProjectAction[]> {
  const rows = await db.query<{
    id: string;
    command: ProjectCommand;
    status_after: ProjectStatus;
    part: ProjectPart | null;
    note: string | null;
    details: Record<string, unknown> | string;
    actor_user_id: string | null;
    at: Date;
  }>(
    sql`select id, command, status_after, part, note, details, actor_user_id, at from research_project_action
        where project_id = ${projectId} order by at, id`,
  );
  return rows.map((r) => ({
    id: r.id,
    command: r.command,
    statusAfter: r.status_after,
    part: r.part,
    note: r.note,
    details: typeof r.details === 'string' ? (JSON.parse(r.details) as Record<string, unknown>) : r.details,
    actorUserId: r.actor_user_id,
    at: new Date(r.at),
  }));
}

export interface Milestone {
  readonly id: string;
  readonly title: string;
  readonly dueOn: string;
  readonly doneOn: string | null;
  readonly note: string | null;
}

export async function milestonesOf(db: Queryable, projectId: string): Promise<Milestone[]> {
  const rows = await db.query<{
    id: string;
    title: string;
    due_on: string | Date;
    done_on: string | Date | null;
    note: string | null;
  }>(
    sql`select id, title, due_on, done_on, note from research_milestone where project_id = ${projectId}
        order by due_on, created_at, id`,
  );
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    dueOn: dayOf(r.due_on),
    doneOn: r.done_on === null ? null : dayOf(r.done_on),
    note: r.note,
  }));
}

export async function insertMilestone(
  tx: Queryable,
  projectId: string,
  m: { title: string; dueOn: string; at: Date },
): Promise<string> {
  const [row] = await tx.query<{ id: string }>(
    sql`insert into research_milestone (project_id, title, due_on, created_at)
        values (${projectId}, ${m.title}, ${m.dueOn}, ${m.at}) returning id`,
  );
  if (!row) throw new Error('insert returned no row');
  return row.id;
}

/** Marks an open milestone of this project done; false when it is not the project's or is done already. */
export async function completeMilestone(
  tx: Queryable,
  projectId: string,
  milestoneId: string,
  m: { doneOn: string; note: string | null },
): Promise<boolean> {
  if (!isUuid(milestoneId)) return false;
  const rows = await tx.query<{ id: string }>(
    sql`update research_milestone set done_on = ${m.doneOn}, note = ${m.note}
        where id = ${milestoneId} and project_id = ${projectId} and done_on is null returning id`,
  );
  return rows.length === 1;
}

/**
 * Which projects a reader sees: the public statuses for everyone, and the
 * rest of their own organisations' projects, or of all with `all`. Lists and
 * counts both go through it, so neither shows what a direct request refuses.
 */
export interface ProjectVisibility {
  readonly all: boolean;
  readonly organisationIds: readonly string[];
  readonly publicStatuses: readonly ProjectStatus[];
}

export interface ProjectFilter {
  readonly statuses: readonly ProjectStatus[] | null;
  /** Only these organisations' projects (a team's own list), whatever else the reader may see. */
  readonly organisationIds?: readonly string[] | undefined;
  readonly challengeId?: string | undefined;
}

function whereVisible(v: ProjectVisibility, f: ProjectFilter): SqlQuery {
  return sql`(${v.all} or p.status = any(${[...v.publicStatuses]}::text[])
               or p.organisation_id = any(${[...v.organisationIds]}::uuid[]))
          and (${f.statuses === null} or p.status = any(${[...(f.statuses ?? [])]}::text[]))
          and (${f.organisationIds === undefined} or p.organisation_id = any(${[...(f.organisationIds ?? [])]}::uuid[]))
          and (${f.challengeId ?? null}::uuid is null or p.challenge_id = ${f.challengeId ?? null}::uuid)`;
}

/** A page of the projects a reader sees, newest first. */
export async function listProjects(
  db: Queryable,
  v: ProjectVisibility,
  f: ProjectFilter,
  page: { readonly page: number; readonly pageSize: number },
): Promise<ResearchProject[]> {
  const rows = await db.query<ProjectRow>(
    sql`select ${projectColumns} from ${fromProjects} where ${whereVisible(v, f)}
        order by p.created_at desc, p.reference desc
        limit ${page.pageSize} offset ${(page.page - 1) * page.pageSize}`,
  );
  return rows.map(toProject);
}

/** How many projects of each status the reader sees (the status filter left out: the filter shows every count). */
export async function countProjects(
  db: Queryable,
  v: ProjectVisibility,
  f: Omit<ProjectFilter, 'statuses'>,
): Promise<Partial<Record<ProjectStatus, number>>> {
  const rows = await db.query<{ status: ProjectStatus; n: number }>(
    sql`select p.status, count(*)::int as n from research_project p where ${whereVisible(v, { ...f, statuses: null })}
        group by p.status`,
  );
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}
