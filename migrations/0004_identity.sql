-- Who acts on the platform: user accounts, the roles they hold in an
-- organisation, sessions, sign-in throttling, one-time codes, API tokens and
-- the outbox that carries messages to residents. Personal fields are sealed
-- (SM4 + HMAC-SM3, see src/platform/crypto) and looked up by keyed hash.

create table app_user (
  id uuid primary key default gen_random_uuid(),
  kind text not null check (kind in ('staff', 'resident')),
  -- Staff sign in with a username; residents with a phone number (a username only for demo accounts).
  username text unique check (username ~ '^[a-z0-9][a-z0-9._-]{2,63}$'),
  display_name text not null,
  password_hash text,
  password_changed_at timestamptz,
  phone_sealed text,
  phone_hash char(64) unique,
  resident_id_sealed text,
  resident_id_hash char(64) unique,
  -- Where a resident lives (their district scope); staff take scope from their organisation.
  district_code char(6) references district (code),
  totp_secret_sealed text,
  totp_enabled boolean not null default false,
  totp_last_step bigint,
  disabled_at timestamptz,
  is_demo boolean not null default false,
  created_at timestamptz not null default now(),
  check (kind = 'resident' or username is not null)
);

create table role_grant (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references app_user (id),
  role text not null check (role in (
    'resident', 'community_worker', 'assessor', 'district_reviewer', 'city_admin',
    'supplier_staff', 'department_officer', 'researcher', 'volunteer',
    'auditor', 'security_admin', 'system_admin'
  )),
  -- Residents hold their role without an organisation; everyone else within one.
  organisation_id uuid references organisation (id),
  granted_by uuid references app_user (id),
  granted_at timestamptz not null default now(),
  revoked_by uuid references app_user (id),
  revoked_at timestamptz,
  check (role = 'resident' or organisation_id is not null)
);

-- One live grant of a role per user and organisation.
create unique index role_grant_live_idx on role_grant (user_id, role, coalesce(organisation_id, '00000000-0000-0000-0000-000000000000'::uuid))
  where revoked_at is null;
create index role_grant_organisation_idx on role_grant (organisation_id) where revoked_at is null;

create table user_session (
  -- The SM3 hash of the cookie's value: a database dump holds no usable session.
  id char(64) primary key,
  user_id uuid not null references app_user (id),
  -- 'active', or waiting for the second factor ('second_factor') or its enrolment ('enrol_second_factor').
  state text not null check (state in ('active', 'second_factor', 'enrol_second_factor')),
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  expires_at timestamptz not null,
  device text not null default '',
  ended_at timestamptz,
  ended_reason text
);

create index user_session_user_idx on user_session (user_id) where ended_at is null;

-- Failed sign-ins and code requests, counted per key ('pair:<user>|<address>', 'address:<address>', ...).
create table sign_in_throttle (
  key text primary key,
  failures integer not null,
  window_started_at timestamptz not null,
  last_failure_at timestamptz not null,
  locked_until timestamptz
);

create table one_time_code (
  id uuid primary key default gen_random_uuid(),
  phone_hash char(64) not null,
  code_hash char(64) not null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  attempts integer not null default 0,
  used_at timestamptz
);

create index one_time_code_phone_idx on one_time_code (phone_hash, created_at);

-- Transactional outbox: a message is written with the change that causes it and sent afterwards.
create table outbox_message (
  id uuid primary key default gen_random_uuid(),
  channel text not null check (channel in ('sms')),
  recipient_sealed text not null,
  body_sealed text not null,
  created_at timestamptz not null default now(),
  sent_at timestamptz
);

create table api_token (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references app_user (id),
  -- SM3 of the token: shown once at creation, never stored.
  token_hash char(64) not null unique,
  label text not null,
  created_by uuid references app_user (id),
  created_at timestamptz not null default now(),
  expires_at timestamptz,
  revoked_at timestamptz,
  last_used_at timestamptz
);

create index api_token_user_idx on api_token (user_id);

-- A resident asks for their data to be corrected (PIPL art. 46).
create table correction_request (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references app_user (id),
  field text not null check (field in ('name', 'phone', 'resident_id', 'district', 'other')),
  message_sealed text not null,
  status text not null default 'open' check (status in ('open', 'done', 'refused')),
  created_at timestamptz not null default now()
);
