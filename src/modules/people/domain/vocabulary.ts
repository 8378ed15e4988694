/** The words of the registry, as stored and as the API spells them. */

/** 低保 subsistence allowance, 特困 extreme poverty support, 低收入 low income, or none of them. */
export const economicStatuses = ['subsistence', 'extremePoverty', 'lowIncome', 'none'] as const;
export type EconomicStatus = (typeof economicStatuses)[number];

/** Where the economic status was learnt: 民政部门数据, 申请人提供, 社区核实. */
export const economicStatusSources = ['civilAffairs', 'applicant', 'communityCheck'] as const;
export type EconomicStatusSource = (typeof economicStatusSources)[number];

export const certificateGenerations = [2, 3] as const;
export type CertificateGeneration = (typeof certificateGenerations)[number];

export const guardianRelations = ['parent', 'spouse', 'child', 'sibling', 'guardian', 'other'] as const;
export type GuardianRelation = (typeof guardianRelations)[number];

/**
 * 'fitting': processing sensitive data to provide fitting services;
 * 'research': use of de-identified data for need analysis.
 */
export const consentPurposes = ['fitting', 'research'] as const;
export type ConsentPurpose = (typeof consentPurposes)[number];

export const consentGivers = ['person', 'guardian'] as const;
export type ConsentGiver = (typeof consentGivers)[number];

/** Why staff open a record in full; the trail keeps the reason. */
export const revealReasons = ['case', 'request', 'verify', 'other'] as const;
export type RevealReason = (typeof revealReasons)[number];

export const isOneOf = <T extends string | number>(list: readonly T[], value: unknown): value is T =>
  (list as readonly unknown[]).includes(value);
