-- The research project reserve pool (科技计划项目储备库) and enterprise challenges (企业出题):
-- needs measured by the survey become challenges and projects, which move through screening,
-- expert review, reservation and funding to results. A project's status is derived from its
-- append-only actions (research_project_action); research_project.status is that derivation.

create table research_challenge (
  id uuid primary key default gen_random_uuid(),
  reference text not null unique,
  organisation_id uuid not null references organisation (id),
  title text not null,
  description text not null,
  need_topic_ids uuid[] not null default '{}',
  -- What the enterprise offers towards a solution, in fen; null when not stated.
  budget_fen bigint check (budget_fen >= 0),
  closes_on date not null,
  status text not null check (status in ('open', 'closed')),
  created_by uuid references app_user (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1
);
create sequence research_challenge_serial;

create table research_project (
  id uuid primary key default gen_random_uuid(),
  -- KY-<year>-<4 digits>
  reference text not null unique,
  title text not null,
  summary text not null,
  need_topic_ids uuid[] not null default '{}',
  challenge_id uuid references research_challenge (id),
  organisation_id uuid not null references organisation (id),
  team text not null,
  trl_now smallint not null check (trl_now between 1 and 9),
  trl_target smallint not null check (trl_target between 1 and 9),
  budget_fen bigint not null check (budget_fen >= 0),
  starts_on date not null,
  ends_on date not null,
  expected_results text not null,
  status text not null,
  funding_source text,
  result_product_ids uuid[] not null default '{}',
  result_patents text,
  result_standards text,
  proposed_by uuid references app_user (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1,
  check (trl_target >= trl_now),
  check (ends_on >= starts_on)
);
create sequence research_project_serial;
create index research_project_status on research_project (status);

create table research_project_action (
  id uuid primary key default gen_random_uuid(),
  project_id uuid not null references research_project (id),
  command text not null,
  status_after text not null,
  note text,
  details jsonb not null default '{}',
  actor_user_id uuid references app_user (id),
  at timestamptz not null default now()
);
create index research_project_action_project on research_project_action (project_id, at);

create table research_milestone (
  id uuid primary key default gen_random_uuid(),
  project_id uuid not null references research_project (id),
  title text not null,
  due_on date not null,
  done_on date,
  note text,
  created_at timestamptz not null default now()
);
create index research_milestone_project on research_milestone (project_id, due_on);
