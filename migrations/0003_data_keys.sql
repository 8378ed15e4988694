-- Data keys that seal personal data (SECURITY.md 18), each wrapped by the master key, which is never stored here.
-- Field keys are rotated (old versions stay, retired, until nothing sealed with them remains); the lookup key
-- makes the keyed hashes used to find a sealed value and is not rotated.

create table data_key (
  purpose text not null check (purpose in ('field', 'lookup')),
  version integer not null check (version > 0),
  -- fj1 sealed form of the key material, under a key derived from the master key, this purpose and this version.
  wrapped text not null check (wrapped like 'fj1.%'),
  created_at timestamptz not null default now(),
  retired_at timestamptz,
  primary key (purpose, version)
);

-- New values are sealed with exactly one key per purpose.
create unique index data_key_one_active on data_key (purpose) where retired_at is null;
