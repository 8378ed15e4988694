-- The assistive-product catalog: the ISO 9999 / GB/T 16432 classification
-- (versioned, with a crosswalk), products with every published version kept,
-- search synonyms, and supplier imports with their per-row reports.

create table classification_version (
  id text primary key,                 -- e.g. 'GB/T 16432-2016'
  title_zh text not null,
  title_en text not null,
  source text not null,
  in_force_from date,
  is_current boolean not null default false
);

-- One row per class (2 digits), subclass (4) or division (6).
create table classification_node (
  version_id text not null references classification_version (id),
  code text not null check (code ~ '^([0-9]{2}){1,3}$'),
  parent_code text,
  level smallint not null check (level between 1 and 3),
  title_zh text not null,
  title_en text not null,
  source text not null,
  -- Checked against the standard's text; unverified codes are shown as such.
  verified boolean not null default false,
  -- On the WHO Priority Assistive Products List (2016).
  apl boolean not null default false,
  updated_at timestamptz not null default now(),
  primary key (version_id, code),
  check (length(code) = level * 2),
  check ((level = 1) = (parent_code is null))
);

create table classification_crosswalk (
  from_version text not null references classification_version (id),
  from_code text not null,
  to_version text not null references classification_version (id),
  to_code text not null,
  relation text not null check (relation in ('same', 'split', 'merged', 'moved')),
  verified boolean not null default false,
  note text not null default '',
  primary key (from_version, from_code, to_version, to_code)
);

create table product (
  id uuid primary key default gen_random_uuid(),
  supplier_id uuid not null references organisation (id),
  status text not null default 'draft' check (status in ('draft', 'submitted', 'published', 'withdrawn')),
  -- The plan's product iteration: a new generation replaces an older product.
  replaces_product_id uuid references product (id),
  published_version integer,
  -- The version the supplier is working on, when it is not the published one.
  working_version integer,
  in_subsidy_catalog boolean not null default false,
  is_demo boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  withdrawn_at timestamptz,
  withdrawn_reason text,
  -- The catalog revision of the last change the public sees (see catalog_revision).
  index_revision bigint not null default 0
);

create index product_index_revision_idx on product (index_revision, id);

create index product_supplier_idx on product (supplier_id, status);
create index product_status_idx on product (status, updated_at);
create index product_replaces_idx on product (replaces_product_id);

create table product_version (
  product_id uuid not null references product (id),
  version integer not null check (version > 0),
  state text not null check (state in ('draft', 'submitted', 'rejected', 'published', 'superseded')),
  name_zh text not null,
  name_en text not null,
  model text not null,
  iso_code char(6) not null check (iso_code ~ '^[0-9]{6}$'),
  price_fen bigint not null check (price_fen > 0),
  -- Everything else a supplier states, as the ProductDetails record.
  details jsonb not null,
  created_by uuid references app_user (id),
  created_at timestamptz not null default now(),
  submitted_at timestamptz,
  reviewed_by uuid references app_user (id),
  reviewed_at timestamptz,
  review_reason text,
  published_at timestamptz,
  primary key (product_id, version)
);

create index product_version_state_idx on product_version (state, submitted_at);
create index product_version_model_idx on product_version (model);

-- Administrators' synonym groups for search (拐杖/手杖, 助听器/耳背机).
create table search_synonym (
  id uuid primary key default gen_random_uuid(),
  terms text[] not null check (cardinality(terms) >= 2),
  updated_by uuid references app_user (id),
  updated_at timestamptz not null default now()
);

-- Bumped first in any transaction that changes what the public catalog shows,
-- and stamped on the products it changes. The row lock taken by the bump
-- makes revisions commit in order, so an app process that has read revision R
-- has every change up to R by asking for products stamped after its last one.
create table catalog_revision (
  singleton boolean primary key default true check (singleton),
  revision bigint not null
);
insert into catalog_revision (revision) values (1);

create table product_import (
  id uuid primary key default gen_random_uuid(),
  supplier_id uuid not null references organisation (id),
  file_name text not null,
  format text not null check (format in ('xlsx', 'csv')),
  status text not null check (status in ('running', 'imported', 'refused', 'failed')),
  total_rows integer not null default 0,
  imported_rows integer not null default 0,
  -- [{row, column, message, params}]: the per-row report; nothing is imported when it is not empty.
  problems jsonb not null default '[]',
  -- Null when an operator ran the import with `fuju import products`.
  created_by uuid references app_user (id),
  created_at timestamptz not null default now(),
  finished_at timestamptz
);

create index product_import_supplier_idx on product_import (supplier_id, created_at desc);
