-- The fitting-subsidy case (辅助器具适配补贴): from a person's application through
-- eligibility, assessment, prescription, approval, fitting and delivery, training
-- and follow-up. A case's status is derived from its append-only list of actions
-- (fitting_action); fitting_case.status is that derivation stored with the action
-- that changed it, in the same transaction, so queues can be indexed.
-- Every amount is an integer number of fen. Personal free text is sealed.

-- Settings that change by decision of the city, not by release.
create table fitting_setting (
  singleton boolean primary key default true check (singleton),
  -- Months after delivery at which a follow-up is due (1, 3 and 12 by default).
  follow_up_months smallint[] not null check (cardinality(follow_up_months) between 1 and 6),
  -- Days each step may take before the case shows as overdue, keyed by status.
  step_days jsonb not null,
  updated_by uuid references app_user (id),
  updated_at timestamptz not null default now()
);
insert into fitting_setting (follow_up_months, step_days)
values ('{1,3,12}', '{"submitted": 10, "returned": 30, "eligibility_checked": 10, "assessment_scheduled": 20,
  "assessed": 10, "prescribed": 15, "rejected": 60, "appealed": 30, "approved": 15, "fitting": 30,
  "delivered": 15, "trained": 45, "followed_up": 400}');

-- Each district's fitting budget for one policy year. Approval reserves from it with a
-- conditional update (reserved + amount <= total), so concurrent approvals never overspend.
create table district_budget (
  district_code text not null references district (code),
  policy_year smallint not null check (policy_year between 2000 and 2100),
  total_fen bigint not null check (total_fen >= 0),
  reserved_fen bigint not null default 0 check (reserved_fen >= 0),
  version integer not null default 1,
  updated_at timestamptz not null default now(),
  primary key (district_code, policy_year),
  check (reserved_fen <= total_fen)
);

-- Case references: FJ-<policy year>-<serial>. A sequence, so concurrent applications never share one.
create sequence fitting_case_serial;

create table fitting_case (
  id uuid primary key default gen_random_uuid(),
  -- What residents and staff quote on the phone: FJ-<policy year>-<6 digits>.
  reference text not null unique,
  person_id uuid not null references person (id),
  -- Copied from the person when the case is opened: the case stays in the district that took it.
  district_code text not null references district (code),
  policy_year smallint not null,
  catalog_id uuid not null references policy_catalog (id),
  item_code text not null,
  applicant_group text not null check (applicant_group in ('subsistence', 'extremePoverty', 'lowIncome', 'other')),
  status text not null,
  -- Optimistic locking (SECURITY.md 29): every command names the version it saw.
  version integer not null default 1,
  -- The supplier whose product was prescribed: gives suppliers their reach.
  supplier_organisation_id uuid references organisation (id),
  -- When the current step is due (null when nothing is waiting on staff).
  due_on date,
  reserved_fen bigint not null default 0 check (reserved_fen >= 0),
  opened_by uuid not null references app_user (id),
  idempotency_key text,
  is_demo boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (opened_by, idempotency_key)
);
-- Work queues read 50 rows in due order straight from an index: city-wide, per district, per supplier,
-- each also by status.
create index fitting_case_due_idx on fitting_case (due_on, created_at, id);
create index fitting_case_status_idx on fitting_case (status, due_on, created_at, id);
create index fitting_case_district_idx on fitting_case (district_code, due_on, created_at, id);
create index fitting_case_district_status_idx on fitting_case (district_code, status, due_on, created_at, id);
create index fitting_case_supplier_idx on fitting_case (supplier_organisation_id, due_on, created_at, id);
create index fitting_case_person_idx on fitting_case (person_id, created_at);
create index fitting_case_created_idx on fitting_case (created_at, id);
create index fitting_case_district_created_idx on fitting_case (district_code, created_at, id);

-- How many cases each district (and supplier) has in each status with each due day, kept in the same
-- transaction as every case change: a queue's counts and overdue figure sum a few hundred rows
-- instead of counting a city's cases on every page.
create table fitting_case_tally (
  district_code text not null,
  -- The nil UUID when no supplier has been prescribed.
  supplier_key uuid not null,
  status text not null,
  -- 9999-12-31 when nothing is due.
  due_on date not null,
  n integer not null check (n >= 0),
  primary key (district_code, supplier_key, status, due_on)
);

-- The append-only history. Payload holds only structured, non-identifying facts;
-- anything a person wrote about themselves goes in note_sealed.
create table fitting_action (
  id bigserial primary key,
  case_id uuid not null references fitting_case (id),
  seq integer not null,
  command text not null,
  status_after text not null,
  actor_user_id uuid references app_user (id),
  actor_role text not null,
  payload jsonb not null default '{}',
  note_sealed text,
  at timestamptz not null default now(),
  unique (case_id, seq)
);

-- The application as the applicant gave it.
create table fitting_application (
  case_id uuid primary key references fitting_case (id),
  channel text not null check (channel in ('online', 'community_worker')),
  -- Where the product will be used (NAV): home, school, work, institution.
  use_places text[] not null,
  supplied_by_other_scheme boolean not null,
  reason_sealed text not null,
  -- Who signs: the person, or a proxy (guardian) recorded in the registry.
  signed_by text not null check (signed_by in ('person', 'proxy')),
  proxy_guardian_id uuid
);

-- Each eligibility check: the rule set, its inputs and each rule's verdict (SECURITY.md 24).
create table eligibility_check (
  id uuid primary key default gen_random_uuid(),
  case_id uuid not null references fitting_case (id),
  rule_set_version text not null,
  inputs jsonb not null,
  results jsonb not null,
  overrides jsonb not null default '[]',
  eligible boolean not null,
  checked_at timestamptz not null default now()
);
create index eligibility_check_case_idx on eligibility_check (case_id, checked_at);

create table assessment (
  case_id uuid primary key references fitting_case (id),
  mode text check (mode in ('on_site', 'remote')),
  scheduled_on date,
  function_area text check (function_area in ('mobility', 'hearing', 'vision', 'communication', 'self_care', 'cognition')),
  -- Measurements and findings are health data: sealed (SECURITY.md 18).
  findings_sealed text,
  recommended_item_codes text[] not null default '{}',
  assessed_on date,
  assessor_user_id uuid references app_user (id)
);

create table prescription_line (
  id uuid primary key default gen_random_uuid(),
  case_id uuid not null references fitting_case (id),
  item_code text not null,
  product_id uuid not null references product (id),
  quantity smallint not null check (quantity >= 1),
  price_fen bigint not null check (price_fen >= 0),
  cap_fen bigint not null check (cap_fen >= 0),
  ratio_percent smallint not null check (ratio_percent between 0 and 100),
  subsidy_fen bigint not null check (subsidy_fen >= 0),
  product_part_fen bigint not null check (product_part_fen >= 0),
  service_part_fen bigint not null check (service_part_fen >= 0),
  self_paid_fen bigint not null check (self_paid_fen >= 0),
  check (product_part_fen + service_part_fen = subsidy_fen),
  check (subsidy_fen + self_paid_fen = price_fen * quantity)
);
create index prescription_line_case_idx on prescription_line (case_id);
create index prescription_line_product_idx on prescription_line (product_id);

create table delivery (
  case_id uuid primary key references fitting_case (id),
  serial_number text,
  fitting_notes_sealed text,
  delivered_on date,
  confirmed_on date,
  confirmed_by text check (confirmed_by in ('person', 'proxy')),
  trained_on date,
  training_notes_sealed text
);

-- Photos the supplier takes of the fitted product: sealed, since they may show the person.
create table delivery_photo (
  id uuid primary key default gen_random_uuid(),
  case_id uuid not null references fitting_case (id),
  content_type text not null check (content_type in ('image/jpeg', 'image/png')),
  bytes integer not null check (bytes > 0),
  content_sealed text not null,
  uploaded_by uuid references app_user (id),
  uploaded_at timestamptz not null default now()
);
create index delivery_photo_case_idx on delivery_photo (case_id, uploaded_at);

create table follow_up (
  id uuid primary key default gen_random_uuid(),
  case_id uuid not null references fitting_case (id),
  month smallint not null,
  due_on date not null,
  done_on date,
  method text check (method in ('phone', 'visit', 'self_report')),
  in_use boolean,
  use_frequency text check (use_frequency in ('daily', 'weekly', 'rarely', 'never')),
  product_satisfaction smallint check (product_satisfaction between 1 and 5),
  service_satisfaction smallint check (service_satisfaction between 1 and 5),
  problems text[] not null default '{}',
  repair_needed boolean,
  recorded_by uuid references app_user (id),
  unique (case_id, month)
);
create index follow_up_due_idx on follow_up (due_on) where done_on is null;

create table repair_request (
  id uuid primary key default gen_random_uuid(),
  case_id uuid not null references fitting_case (id),
  follow_up_id uuid references follow_up (id),
  status text not null default 'open' check (status in ('open', 'done')),
  created_at timestamptz not null default now()
);

-- In-site notifications for the person's account; SMS goes through identity's outbox.
create table case_notification (
  id uuid primary key default gen_random_uuid(),
  case_id uuid not null references fitting_case (id),
  user_id uuid not null references app_user (id),
  status_after text not null,
  created_at timestamptz not null default now(),
  read_at timestamptz
);
create index case_notification_user_idx on case_notification (user_id, created_at desc);
