-- The city's yearly policy catalogs: the fitting-subsidy catalog
-- (辅助器具适配补贴目录) and the basic rehabilitation-services catalog
-- (基本康复服务项目目录), one version per policy year; and the admission of
-- products to subsidy items by an evidence-based review and a public notice (公示).
-- Every amount is an integer number of fen.

-- Settings that change by decision of the city, not by release: kept as data.
create table policy_setting (
  singleton boolean primary key default true check (singleton),
  -- The policy (application) year starts on this day each year: 1 Oct by 市残联发〔2021〕97号.
  year_start_month smallint not null check (year_start_month between 1 and 12),
  year_start_day smallint not null check (year_start_day between 1 and 28),
  notice_days smallint not null check (notice_days between 1 and 60),
  panel_size smallint not null check (panel_size between 1 and 9),
  -- Weights of the four admission criteria, in percent, summing to 100.
  weight_maturity smallint not null check (weight_maturity between 0 and 100),
  weight_safety smallint not null check (weight_safety between 0 and 100),
  weight_cost smallint not null check (weight_cost between 0 and 100),
  weight_feedback smallint not null check (weight_feedback between 0 and 100),
  updated_by uuid references app_user (id),
  updated_at timestamptz not null default now(),
  check (weight_maturity + weight_safety + weight_cost + weight_feedback = 100)
);
insert into policy_setting (year_start_month, year_start_day, notice_days, panel_size,
  weight_maturity, weight_safety, weight_cost, weight_feedback)
values (10, 1, 7, 3, 25, 30, 25, 20);

create table policy_catalog (
  id uuid primary key default gen_random_uuid(),
  kind text not null check (kind in ('subsidy', 'rehab')),
  year smallint not null check (year between 2000 and 2100),
  title_zh text not null,
  title_en text not null,
  source text not null default '',
  status text not null check (status in ('draft', 'notice', 'in_force', 'superseded')),
  -- The policy year's first and last day, fixed when the version is created.
  starts_on date not null,
  ends_on date not null,
  notice_started_at timestamptz,
  in_force_at timestamptz,
  superseded_at timestamptz,
  is_demo boolean not null default false,
  -- Bumped by every change to the version's items or admitted products: app processes key what they
  -- compute from a version (pages, spreadsheets, differences) on it.
  revision integer not null default 1,
  created_by uuid references app_user (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (kind, year),
  check (ends_on > starts_on)
);

-- At most one version of each kind is in force.
create unique index policy_catalog_in_force_idx on policy_catalog (kind) where status = 'in_force';

create table subsidy_item (
  id uuid primary key default gen_random_uuid(),
  catalog_id uuid not null references policy_catalog (id) on delete cascade,
  code text not null check (code ~ '^[0-9]{6,10}$'),
  name_zh text not null,
  name_en text not null,
  description_zh text not null default '',
  description_en text not null default '',
  iso_codes text[] not null check (cardinality(iso_codes) >= 1),
  max_subsidy_fen bigint not null check (max_subsidy_fen >= 0),
  product_part_fen bigint not null check (product_part_fen >= 0),
  service_part_fen bigint not null check (service_part_fen >= 0),
  -- Percent paid per applicant group: {subsistence, extremePoverty, lowIncome, other}.
  ratios jsonb not null,
  eligible_categories text[] not null,
  eligible_grades smallint[] not null,
  age_min smallint,
  age_max smallint,
  service_life_years smallint not null check (service_life_years >= 1),
  quantity_limit smallint not null check (quantity_limit >= 1),
  medical_insurance boolean not null default false,
  medical_insurance_code text,
  -- 首台套 / 首批次 / 首版次 support (plan task 5).
  first_of_kind boolean not null default false,
  position integer not null default 0,
  unique (catalog_id, code),
  check (product_part_fen + service_part_fen = max_subsidy_fen),
  check (age_min is null or age_max is null or age_min <= age_max)
);

-- The products admitted to an item, with the price at which they were admitted.
create table subsidy_item_product (
  item_id uuid not null references subsidy_item (id) on delete cascade,
  product_id uuid not null references product (id),
  price_fen bigint not null check (price_fen > 0),
  admission_id uuid,
  admitted_at timestamptz not null default now(),
  primary key (item_id, product_id)
);

create index subsidy_item_product_product_idx on subsidy_item_product (product_id);

create table rehab_item (
  id uuid primary key default gen_random_uuid(),
  catalog_id uuid not null references policy_catalog (id) on delete cascade,
  code text not null check (code ~ '^R[0-9]{2,4}$'),
  name_zh text not null,
  name_en text not null,
  target_group_zh text not null,
  target_group_en text not null,
  content_zh text not null,
  content_en text not null,
  frequency_zh text not null,
  frequency_en text not null,
  standard_price_fen bigint not null check (standard_price_fen >= 0),
  subsidy_fen bigint not null check (subsidy_fen >= 0),
  eligible_categories text[] not null,
  age_min smallint,
  age_max smallint,
  position integer not null default 0,
  unique (catalog_id, code),
  check (subsidy_fen <= standard_price_fen),
  check (age_min is null or age_max is null or age_min <= age_max)
);

-- An application to admit one product to one subsidy item.
create table admission (
  id uuid primary key default gen_random_uuid(),
  item_id uuid not null references subsidy_item (id),
  product_id uuid not null references product (id),
  -- The product's supplier, also when the city applies on its own initiative (created_by says who
  -- applied): the supplier follows its product's application either way.
  applicant_organisation_id uuid not null references organisation (id),
  status text not null check (status in
    ('applied', 'under_review', 'notice', 'admitted', 'rejected', 'objection_upheld', 'withdrawn')),
  price_fen bigint not null check (price_fen > 0),
  -- {registrationNumber, testReports[{title, url}], trialSummary, trialParticipants}
  evidence jsonb not null,
  -- The weights in force when the panel was assigned: later changes do not rescore a review.
  weights jsonb,
  decision_reason text,
  decided_by uuid references app_user (id),
  decided_at timestamptz,
  notice_starts_on date,
  notice_ends_on date,
  concluded_at timestamptz,
  created_by uuid references app_user (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create index admission_status_idx on admission (status, updated_at desc);
create index admission_applicant_idx on admission (applicant_organisation_id, created_at desc);
-- One open application per product and item.
create unique index admission_open_idx on admission (item_id, product_id)
  where status in ('applied', 'under_review', 'notice');

create table admission_reviewer (
  admission_id uuid not null references admission (id),
  reviewer_id uuid not null references app_user (id),
  assigned_by uuid references app_user (id),
  assigned_at timestamptz not null default now(),
  -- null until declared; true removes the reviewer from scoring.
  has_conflict boolean,
  conflict_statement text,
  declared_at timestamptz,
  -- Each criterion scored 0-100.
  score_maturity smallint check (score_maturity between 0 and 100),
  score_safety smallint check (score_safety between 0 and 100),
  score_cost smallint check (score_cost between 0 and 100),
  score_feedback smallint check (score_feedback between 0 and 100),
  comment text,
  scored_at timestamptz,
  primary key (admission_id, reviewer_id)
);

create index admission_reviewer_user_idx on admission_reviewer (reviewer_id, assigned_at desc);

-- Objections to a notice. The objector's name and contact are personal data: sealed.
create table admission_objection (
  id uuid primary key default gen_random_uuid(),
  admission_id uuid not null references admission (id),
  objector_sealed text not null,
  grounds text not null,
  status text not null default 'open' check (status in ('open', 'upheld', 'dismissed')),
  ruling_reason text,
  ruled_by uuid references app_user (id),
  ruled_at timestamptz,
  submitted_at timestamptz not null default now()
);

create index admission_objection_admission_idx on admission_objection (admission_id, submitted_at);
