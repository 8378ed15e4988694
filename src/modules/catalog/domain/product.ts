import type { DisabilityCategory } from '../../../platform/ids/index.ts';

/** Function areas a product serves (NAV's areas, extended to the plan's six). */
export const functionAreas = [
  'mobility',
  'seeing',
  'hearing',
  'communication',
  'cognition',
  'self_care',
] as const;
export type FunctionArea = (typeof functionAreas)[number];

/** A picture of the product; its text alternative is required in both languages (WCAG 1.1.1). */
export interface ProductImage {
  readonly url: string;
  readonly altZh: string;
  readonly altEn: string;
}

/** A manual, brochure, test report or video, as EASTIN lists them. */
export interface ProductDocument {
  readonly url: string;
  readonly kind: 'manual' | 'brochure' | 'test_report' | 'video' | 'other';
  readonly titleZh: string;
  readonly titleEn: string;
}

/**
 * What a supplier says about one version of a product. Every published
 * version is kept; a revision is a new version of the same product.
 */
export interface ProductDetails {
  readonly nameZh: string;
  readonly nameEn: string;
  readonly model: string;
  /** ISO 9999 / GB/T 16432 division: six digits, class · subclass · division. */
  readonly isoCode: string;
  readonly functionAreas: readonly FunctionArea[];
  readonly disabilityCategories: readonly DisabilityCategory[];
  readonly descriptionZh: string;
  readonly descriptionEn: string;
  /** Technical attributes by id (see attributes.ts): numbers for range filters, or text. */
  readonly attributes: Readonly<Record<string, number | string>>;
  /** Reference price in integer fen (分). */
  readonly priceFen: number;
  /** 医疗器械注册证/备案编号, where the product is a medical device. */
  readonly registrationNumber: string | null;
  readonly certifications: readonly string[];
  readonly images: readonly ProductImage[];
  readonly documents: readonly ProductDocument[];
}

/** Where a product is in its life: draft → submitted → published → withdrawn. */
export const productStatuses = ['draft', 'submitted', 'published', 'withdrawn'] as const;
export type ProductStatus = (typeof productStatuses)[number];

/** Where one version is: a draft, waiting for review, sent back, published, or replaced by a later version. */
export const versionStates = ['draft', 'submitted', 'rejected', 'published', 'superseded'] as const;
export type VersionState = (typeof versionStates)[number];
