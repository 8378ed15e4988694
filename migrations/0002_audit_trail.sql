-- The audit trail (SECURITY.md 25, 26): one row for every write, sign-in,
-- authorisation denial and read of personal data. Append-only and hash-chained;
-- the format and the hash are described in docs/audit.md.

create table audit_event (
  -- Assigned by the writer as the previous seq + 1 under an advisory lock, not
  -- by a sequence: a rolled-back transaction leaves no gap, so a gap always
  -- means a deleted row.
  seq bigint primary key check (seq > 0),
  -- Set by the application (milliseconds, UTC) because it is part of the hash.
  occurred_at timestamptz not null,
  -- No foreign keys: the trail must outlive the users and organisations it names.
  actor_user_id uuid,
  -- A username, 'system', 'anonymous' or 'token:<id>'; never a person's name, ID number or phone.
  actor_label text not null check (actor_label <> ''),
  actor_organisation_id uuid,
  -- Dotted, most general first: 'login.success', 'user.disable', 'person.reveal'.
  action text not null check (action ~ '^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$'),
  object_type text,
  object_id text,
  outcome text not null check (outcome in ('success', 'failure', 'denied')),
  source_address text,
  -- Flat values saying how, never who; the application refuses personal-data shapes.
  detail jsonb not null default '{}' check (jsonb_typeof(detail) = 'object'),
  -- SM3 of the previous row (64 zeros before row 1) and of this row's contents.
  prev_hash char(64) not null check (prev_hash ~ '^[0-9a-f]{64}$'),
  hash char(64) not null check (hash ~ '^[0-9a-f]{64}$'),
  check ((object_type is null) = (object_id is null))
);

-- The auditor's searches (src/platform/audit/search.ts), each newest first by seq.
create index audit_event_actor_idx on audit_event (actor_label, seq);
create index audit_event_object_idx on audit_event (object_type, object_id, seq);
-- text_pattern_ops serves the action prefix search (LIKE 'user.%') under any collation.
create index audit_event_action_idx on audit_event (action text_pattern_ops, seq);
create index audit_event_time_idx on audit_event (occurred_at);

-- Append-only. The triggers refuse every UPDATE, DELETE and TRUNCATE, for every
-- role, superusers included (PGlite runs as one). Statement triggers fire even
-- when no row matches, so an attempt fails loudly instead of quietly doing nothing.
create function audit_event_refuse_change() returns trigger language plpgsql as $$
begin
  raise exception 'audit_event is append-only: % refused', tg_op
    using hint = 'the audit trail can only be added to; see docs/audit.md';
end
$$;

create trigger audit_event_append_only
  before update or delete on audit_event
  for each statement execute function audit_event_refuse_change();

create trigger audit_event_no_truncate
  before truncate on audit_event
  for each statement execute function audit_event_refuse_change();

-- Privileges as a second wall. PUBLIC gets none of these by default; revoking
-- states the intent for anyone granting later. The role running this migration
-- owns the table and gives up its own UPDATE, DELETE and TRUNCATE (an owner is
-- always allowed to, on PGlite and PostgreSQL alike). An owner could grant them
-- back and a superuser ignores privileges, hence the triggers; in production the
-- server runs as a separate role holding only SELECT and INSERT on audit_event
-- (docs/audit.md, "PostgreSQL roles in production").
revoke update, delete, truncate on audit_event from public;
revoke update, delete, truncate on audit_event from current_user;

-- Default privileges (ALTER DEFAULT PRIVILEGES ... GRANT ... ON TABLES TO the
-- application role) were applied when the table was created above; take the
-- changing ones back from every role they went to.
do $$
declare
  holder text;
begin
  for holder in
    select distinct acl.grantee::regrole::text
    from pg_class c, aclexplode(c.relacl) acl
    where c.oid = 'audit_event'::regclass
      and acl.grantee <> 0
      and acl.privilege_type in ('UPDATE', 'DELETE', 'TRUNCATE')
  loop
    execute 'revoke update, delete, truncate on audit_event from ' || holder;
  end loop;
end
$$;
