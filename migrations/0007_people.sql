-- The residents' registry (人员库): disabled residents and children the programme
-- serves, whether or not they ever sign in. Identity numbers, names, contacts and
-- addresses are sealed (SM4 + HMAC-SM3, see src/platform/crypto) and looked up by
-- keyed hash; what scope, aggregates and eligibility need stays readable.

create table person (
  id uuid primary key default gen_random_uuid(),
  resident_id_sealed text not null,
  -- keyring.lookupHash('resident-id', <normalised 18 characters>): the same hash identity keeps
  -- on app_user, so a resident's account finds their record. One record per ID number.
  resident_id_hash char(64) not null unique,
  -- Derived from the resident ID when it is saved, never typed.
  sex text not null check (sex in ('male', 'female')),
  birth_date date not null,
  name_sealed text not null,
  -- The masked name (张*明), which alone identifies nobody: what lists show without opening a seal.
  name_masked text not null,
  -- The masked ID number (610113********123X), for the same reason: a work queue of fifty people opens no seal.
  resident_id_masked text not null,
  phone_sealed text,
  phone_hash char(64),
  address_sealed text,
  -- Not personal: where the person is served, for scope and aggregates.
  district_code char(6) not null references district (code),
  street text not null default '',
  community text not null default '',
  local_household boolean not null,
  -- The certificate number (20 characters, optional B1-B9 suffix); required for the 2nd generation.
  certificate_sealed text,
  certificate_generation smallint check (certificate_generation in (2, 3)),
  disability_category text check (disability_category in (
    'visual', 'hearing', 'speech', 'physical', 'intellectual', 'mental', 'multiple'
  )),
  disability_grade smallint check (disability_grade between 1 and 4),
  -- Null: the certificate has no end date.
  certificate_valid_until date,
  -- When the grade last changed: re-application within the service life is allowed for 3 years after.
  grade_changed_on date,
  economic_status text not null default 'none' check (economic_status in (
    'subsistence', 'extremePoverty', 'lowIncome', 'none'
  )),
  economic_status_source text check (economic_status_source in ('civilAffairs', 'applicant', 'communityCheck')),
  economic_status_as_of date,
  -- The resident's own account, once bound.
  user_id uuid unique references app_user (id),
  is_demo boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  -- Optimistic locking (SECURITY.md 29): an edit names the version it was made from.
  version integer not null default 1,
  check ((certificate_generation is null) = (disability_category is null)),
  check ((certificate_generation is null) = (disability_grade is null)),
  check (certificate_generation <> 2 or certificate_sealed is not null),
  check (certificate_generation is not null or (certificate_sealed is null
    and certificate_valid_until is null and grade_changed_on is null)),
  check ((phone_sealed is null) = (phone_hash is null))
);
create index person_district_idx on person (district_code, created_at);
create index person_phone_idx on person (phone_hash);
create index person_category_idx on person (disability_category, disability_grade);

-- Family members and guardians; a proxy may act for the person (apply, confirm receipt).
create table person_guardian (
  id uuid primary key default gen_random_uuid(),
  person_id uuid not null references person (id),
  name_sealed text not null,
  name_masked text not null,
  phone_sealed text not null,
  relation text not null check (relation in ('parent', 'spouse', 'child', 'sibling', 'guardian', 'other')),
  is_proxy boolean not null default false,
  created_at timestamptz not null default now(),
  -- Removed guardians are kept: a case may name the proxy who signed for it.
  removed_at timestamptz
);
create index person_guardian_person_idx on person_guardian (person_id) where removed_at is null;

-- Consent to process sensitive data for one purpose (SECURITY.md 20): withdrawable, and
-- processing for that purpose stops when it is withdrawn.
create table person_consent (
  id uuid primary key default gen_random_uuid(),
  person_id uuid not null references person (id),
  purpose text not null check (purpose in ('fitting', 'research')),
  given_at timestamptz not null default now(),
  given_by text not null check (given_by in ('person', 'guardian')),
  -- Null when recorded by the platform itself (demo data, imports).
  recorded_by uuid references app_user (id),
  withdrawn_at timestamptz,
  withdrawn_by uuid references app_user (id)
);
-- At most one live consent per purpose.
create unique index person_consent_live_idx on person_consent (person_id, purpose) where withdrawn_at is null;
