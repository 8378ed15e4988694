/**
 * The roles a user can hold. A role is always held within an organisation
 * (residents excepted), and the organisation gives its scope.
 */
export const roles = [
  'resident', // 残疾人及亲属
  'community_worker', // 社区/街道专干: acts for residents of the district
  'assessor', // 辅具服务中心评估师
  'district_reviewer', // 区县残联审核
  'city_admin', // 市残联管理员
  'supplier_staff', // 辅具企业
  'department_officer', // 成员单位
  'researcher', // 高校、科研院所
  'volunteer', // 志愿者
  'auditor', // 审计管理员
  'security_admin', // 安全管理员
  'system_admin', // 系统管理员
] as const;

export type Role = (typeof roles)[number];

export const isRole = (value: unknown): value is Role => (roles as readonly unknown[]).includes(value);

/**
 * Roles that can read residents' personal data: with FUJU_REQUIRE_2FA=1 they
 * must sign in with a second factor (SECURITY.md 6).
 */
export const personalDataRoles: ReadonlySet<Role> = new Set([
  'community_worker',
  'assessor',
  'district_reviewer',
  'city_admin',
  'security_admin',
  'auditor',
]);

/**
 * MLPS 三员分立 (SECURITY.md 5): the system administrator, the security
 * administrator and the auditor are three different people, so one user
 * never holds two of these roles.
 */
export const separatedRoles: ReadonlySet<Role> = new Set(['system_admin', 'security_admin', 'auditor']);

/** Which organisation types may hold each role (residents hold theirs without one). */
export const roleOrganisationTypes: Readonly<Record<Role, readonly string[]>> = {
  resident: [],
  community_worker: ['community', 'district_federation'],
  assessor: ['service_centre'],
  district_reviewer: ['district_federation'],
  city_admin: ['city_federation'],
  supplier_staff: ['supplier'],
  department_officer: ['department'],
  researcher: ['research'],
  volunteer: ['volunteer'],
  auditor: ['city_federation'],
  security_admin: ['city_federation'],
  system_admin: ['city_federation'],
};
