import { attributeDefinition, attributesFor } from './attributes.ts';
import type { ProductDetails } from './product.ts';

/** A problem with one field of a product's details, as a message key and its values. */
export interface DetailsProblem {
  readonly field: string;
  readonly message:
    | 'required'
    | 'tooLong'
    | 'isoUnknown'
    | 'priceInvalid'
    | 'attributeUnknown'
    | 'attributeNotNumber'
    | 'attributeRange'
    | 'altRequired'
    | 'urlInvalid';
  readonly params?: Readonly<Record<string, string | number>>;
}

export const detailLimits = {
  name: 200,
  model: 100,
  description: 4000,
  registration: 100,
  certification: 100,
};

/** The highest reference price accepted: ten million yuan, in fen. */
export const maxPriceFen = 1_000_000_000;

const httpsUrl = (value: string) => {
  try {
    const url = new URL(value);
    return url.protocol === 'https:';
  } catch {
    return false;
  }
};

/**
 * Checks a product's details before they are saved: what a supplier must
 * state, how long it may be, and that attributes fit the product's class.
 * `knownIsoCodes` holds the divisions of the current classification.
 */
export function validateDetails(
  details: ProductDetails,
  knownIsoCodes: ReadonlySet<string>,
): DetailsProblem[] {
  const problems: DetailsProblem[] = [];
  const text = (field: string, value: string, max: number, required: boolean) => {
    if (required && value.trim() === '') problems.push({ field, message: 'required' });
    else if (value.length > max) problems.push({ field, message: 'tooLong', params: { max } });
  };
  text('nameZh', details.nameZh, detailLimits.name, true);
  text('nameEn', details.nameEn, detailLimits.name, true);
  text('model', details.model, detailLimits.model, true);
  text('descriptionZh', details.descriptionZh, detailLimits.description, false);
  text('descriptionEn', details.descriptionEn, detailLimits.description, false);
  text('registrationNumber', details.registrationNumber ?? '', detailLimits.registration, false);
  if (details.isoCode === '') problems.push({ field: 'isoCode', message: 'required' });
  else if (!knownIsoCodes.has(details.isoCode))
    problems.push({ field: 'isoCode', message: 'isoUnknown', params: { code: details.isoCode } });
  if (!Number.isSafeInteger(details.priceFen) || details.priceFen <= 0 || details.priceFen > maxPriceFen)
    problems.push({ field: 'priceFen', message: 'priceInvalid' });
  details.certifications.forEach((c) => {
    text('certifications', c, detailLimits.certification, false);
  });
  const allowed = new Set(attributesFor(details.isoCode).map((a) => a.id));
  for (const [id, value] of Object.entries(details.attributes)) {
    const definition = attributeDefinition(id);
    if (!definition || !allowed.has(id)) {
      problems.push({ field: `attributes.${id}`, message: 'attributeUnknown', params: { attribute: id } });
      continue;
    }
    if (definition.kind === 'number') {
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        problems.push({
          field: `attributes.${id}`,
          message: 'attributeNotNumber',
          params: { attribute: id },
        });
      } else if (
        (definition.min !== undefined && value < definition.min) ||
        (definition.max !== undefined && value > definition.max)
      ) {
        problems.push({
          field: `attributes.${id}`,
          message: 'attributeRange',
          params: { attribute: id, min: definition.min ?? '', max: definition.max ?? '' },
        });
      }
    } else text(`attributes.${id}`, String(value), detailLimits.model, false);
  }
  details.images.forEach((image, i) => {
    if (!httpsUrl(image.url)) problems.push({ field: `images.${i}.url`, message: 'urlInvalid' });
    // A picture without a text alternative is refused (WCAG 1.1.1), in both languages.
    if (image.altZh.trim() === '') problems.push({ field: `images.${i}.altZh`, message: 'altRequired' });
    if (image.altEn.trim() === '') problems.push({ field: `images.${i}.altEn`, message: 'altRequired' });
  });
  details.documents.forEach((document, i) => {
    if (!httpsUrl(document.url)) problems.push({ field: `documents.${i}.url`, message: 'urlInvalid' });
    if (document.titleZh.trim() === '')
      problems.push({ field: `documents.${i}.titleZh`, message: 'required' });
  });
  return problems;
}
