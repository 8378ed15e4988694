-- Administrative divisions a deployment serves (GB/T 2260 codes) and the
-- organisations that act on the platform. Reference data, editable, with its source.

create table district (
  code char(6) primary key check (code ~ '^[0-9]{6}$'),
  name_zh text not null,
  name_en text not null,
  kind text not null check (kind in ('district', 'county')),
  source text not null
);

create table organisation (
  id uuid primary key default gen_random_uuid(),
  type text not null check (type in (
    'city_federation',      -- 市残联
    'district_federation',  -- 区县残联
    'service_centre',       -- 辅具服务中心
    'supplier',             -- 辅具企业
    'department',           -- 市级成员单位
    'research',             -- 高校、科研院所
    'volunteer',            -- 志愿服务组织
    'community'             -- 社区、街道
  )),
  name_zh text not null unique,
  name_en text not null,
  short_name_zh text,
  -- District-bound organisations act only within their district.
  district_code char(6) references district (code),
  is_demo boolean not null default false,
  created_at timestamptz not null default now(),
  check (type not in ('district_federation', 'community') or district_code is not null)
);

create index organisation_type_idx on organisation (type);
create index organisation_district_idx on organisation (district_code);
