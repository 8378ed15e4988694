-- The needs survey (需求调查): questionnaires as versioned data, campaigns that put one in
-- front of people for a period in some districts, and their responses. Answers are health
-- data and sealed; what analytics needs is tallied at submission (survey_tally), so that a
-- campaign's figures are sums over a few thousand cells, never a scan of its responses.

create table questionnaire (
  id uuid primary key default gen_random_uuid(),
  code text not null check (code ~ '^[a-z][a-z0-9-]{1,40}$'),
  version integer not null check (version >= 1),
  title_zh text not null,
  title_en text not null,
  -- The questionnaire as data: src/modules/survey/domain/questionnaire.ts is its type and checker.
  definition jsonb not null,
  created_at timestamptz not null default now(),
  unique (code, version)
);

create table survey_campaign (
  id uuid primary key default gen_random_uuid(),
  questionnaire_id uuid not null references questionnaire (id),
  title_zh text not null,
  title_en text not null,
  starts_on date not null,
  ends_on date not null,
  -- Target districts (GB/T 2260 codes) and groups (disability categories 1-7; empty: everyone).
  district_codes text[] not null check (cardinality(district_codes) >= 1),
  disability_categories smallint[] not null default '{}',
  -- draft: being prepared; open: answers are taken within the period; closed: finished.
  status text not null check (status in ('draft', 'open', 'closed')),
  created_by uuid references app_user (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1,
  check (ends_on >= starts_on)
);

-- Community workers assigned to a campaign: they answer by proxy and enter paper forms.
create table survey_campaign_worker (
  campaign_id uuid not null references survey_campaign (id),
  user_id uuid not null references app_user (id),
  primary key (campaign_id, user_id)
);

create table survey_response (
  id uuid primary key default gen_random_uuid(),
  campaign_id uuid not null references survey_campaign (id),
  status text not null check (status in ('in_progress', 'submitted')),
  -- self: a resident answering for themselves; proxy: a worker with a registered person;
  -- anonymous: a worker with district and demographics only; paper: a paper form keyed in.
  mode text not null check (mode in ('self', 'proxy', 'anonymous', 'paper')),
  person_id uuid references person (id),
  respondent_user_id uuid references app_user (id),
  entered_by uuid not null references app_user (id),
  -- Demographics kept in clear: analytics breaks down by them, and alone they identify nobody.
  district_code text not null references district (code),
  age_group text not null,
  -- 1-7 (DOMAIN.md categories); 0: no certificate or not known.
  disability_category smallint not null default 0 check (disability_category between 0 and 7),
  answers_sealed text not null,
  -- The section to resume at (index into the questionnaire's sections).
  resume_section smallint not null default 0,
  started_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  submitted_at timestamptz,
  version integer not null default 1,
  check ((status = 'submitted') = (submitted_at is not null))
);
create index survey_response_campaign on survey_response (campaign_id, status);
create index survey_response_entered_by on survey_response (entered_by, campaign_id);
-- One response per person and campaign, whoever enters it.
create unique index survey_response_person on survey_response (campaign_id, person_id) where person_id is not null;
create unique index survey_response_self on survey_response (campaign_id, respondent_user_id)
  where respondent_user_id is not null;

-- Submitted responses counted per measure and demographic cell (see domain/measures.ts).
create table survey_tally (
  campaign_id uuid not null references survey_campaign (id),
  measure text not null,
  district_code text not null,
  disability_category smallint not null,
  age_group text not null,
  respondents integer not null check (respondents >= 0),
  primary key (campaign_id, measure, district_code, disability_category, age_group)
);

-- Words of the free-text technology needs, counted per campaign: the keyword suggestions for need topics.
create table survey_term_tally (
  campaign_id uuid not null references survey_campaign (id),
  term text not null,
  respondents integer not null check (respondents >= 0),
  primary key (campaign_id, term)
);

-- A need topic groups measured unmet needs and free-text needs under one name, with its evidence;
-- published topics are what researchers and enterprises build challenges and projects on.
create table need_topic (
  id uuid primary key default gen_random_uuid(),
  title_zh text not null,
  title_en text not null,
  summary_zh text not null,
  summary_en text not null,
  -- Survey measures that evidence the topic (e.g. need.unmet.apl05, tech.exoskeleton).
  measures text[] not null default '{}',
  -- Free-text terms grouped into it.
  keywords text[] not null default '{}',
  -- ISO 9999 class prefixes whose fitting follow-ups (not in use, problems) count as evidence.
  iso_classes text[] not null default '{}',
  status text not null check (status in ('draft', 'published')),
  published_at timestamptz,
  created_by uuid references app_user (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1
);
