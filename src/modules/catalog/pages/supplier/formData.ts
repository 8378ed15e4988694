import { disabilityCategories } from '../../../../platform/ids/index.ts';
import { attributeDefinitions, attributesFor } from '../../domain/attributes.ts';
import { functionAreas, type ProductDetails, type ProductDocument } from '../../domain/product.ts';
import { type DetailsProblem, validateDetails } from '../../domain/validate.ts';

/**
 * The product form as posted: text fields, checkbox lists (one value or
 * several), and one `attr_<id>` field per technical attribute shown.
 */
export type ProductForm = Readonly<Record<string, string | readonly string[] | undefined>>;

/** A problem with one field of the form, as a message key and its values. */
export interface FormProblem {
  /** The id of the form control (and the error summary's link target). */
  readonly field: string;
  readonly message:
    | DetailsProblem['message']
    | 'imageUrlMissing'
    | 'documentUrlMissing'
    | 'certificationsTooMany'
    | 'priceRequired';
  readonly params?: Readonly<Record<string, string | number>>;
}

export const attributeField = (id: string): string => `attr_${id}`;

/** The kinds of document a supplier may give, in the order the form offers them. */
export const documentKinds: readonly ProductDocument['kind'][] = [
  'manual',
  'brochure',
  'test_report',
  'video',
  'other',
];

const isDocumentKind = (value: string): value is ProductDocument['kind'] =>
  (documentKinds as readonly string[]).includes(value);

/** The attribute fields any form may post: one per defined attribute, so the body schema can name them all. */
export const attributeFieldNames: readonly string[] = attributeDefinitions.map((d) => attributeField(d.id));

const text = (form: ProductForm, name: string): string => {
  const value = form[name];
  return typeof value === 'string' ? value.replace(/\r\n?/g, '\n').trim() : '';
};

export const list = (form: ProductForm, name: string): string[] => {
  const value = form[name];
  if (value === undefined) return [];
  return typeof value === 'string' ? [value] : [...value];
};

/**
 * Yuan as typed ("1280", "1,280.50", "¥1280") to integer fen, by the digits
 * of the text and never through a float: 0.1 + 0.2 yuan is 30 fen. Undefined
 * for anything that is not an amount with at most two decimals.
 */
export function yuanToFen(raw: string): number | undefined {
  let value = raw
    .replace(/[０-９．，]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .trim()
    .replace(/^[¥￥]\s*/, '')
    .replace(/\s*元$/, '');
  if (/^\d{1,3}(,\d{3})+(\.\d*)?$/.test(value)) value = value.replace(/,/g, '');
  const match = /^(\d+)(?:\.(\d{0,2}))?$/.exec(value);
  if (!match) return undefined;
  const whole = (match[1] ?? '').replace(/^0+(?=\d)/, '');
  // More digits than a safe integer of fen can hold: out of range, refused before Number() rounds.
  if (whole.length > 13) return Number.MAX_SAFE_INTEGER + 1;
  return Number(whole) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

/** Integer fen → "1280.50", what the price box shows. */
export function fenToYuan(fen: number): string {
  const whole = Math.trunc(fen / 100);
  const cents = Math.abs(fen % 100);
  return `${whole}.${String(cents).padStart(2, '0')}`;
}

/** "12 22 03", "12.22.03" or "122203" → "122203"; anything else as typed, for the check to refuse. */
export const isoDigits = (raw: string): string => {
  const compact = raw.replace(/[\s.-]/g, '');
  return /^\d{6}$/.test(compact) ? compact : raw.trim();
};

/** The form's values from saved details, for the edit page. */
export function formFromDetails(details: ProductDetails): Record<string, string | readonly string[]> {
  const image = details.images[0];
  const document = details.documents[0];
  const form: Record<string, string | readonly string[]> = {
    nameZh: details.nameZh,
    nameEn: details.nameEn,
    model: details.model,
    isoCode: details.isoCode,
    functionAreas: details.functionAreas,
    disabilityCategories: details.disabilityCategories,
    descriptionZh: details.descriptionZh,
    descriptionEn: details.descriptionEn,
    price: fenToYuan(details.priceFen),
    registrationNumber: details.registrationNumber ?? '',
    certifications: details.certifications.join('\n'),
    imageUrl: image?.url ?? '',
    imageAltZh: image?.altZh ?? '',
    imageAltEn: image?.altEn ?? '',
    documentUrl: document?.url ?? '',
    documentKind: document?.kind ?? '',
    documentTitleZh: document?.titleZh ?? '',
    documentTitleEn: document?.titleEn ?? '',
    attributesOf: details.isoCode,
  };
  for (const [id, value] of Object.entries(details.attributes)) form[attributeField(id)] = String(value);
  return form;
}

const maxCertifications = 20;
const decimal = /^[+-]?\d+(\.\d+)?$/;

/** The order of the form's controls, so the error summary lists problems as the page shows the fields. */
export function fieldOrder(attributeIds: readonly string[]): string[] {
  return [
    'supplierId',
    'nameZh',
    'nameEn',
    'model',
    'isoCode',
    'functionAreas',
    'disabilityCategories',
    'descriptionZh',
    'descriptionEn',
    'price',
    'registrationNumber',
    'certifications',
    ...attributeIds.map(attributeField),
    'imageUrl',
    'imageAltZh',
    'imageAltEn',
    'documentUrl',
    'documentKind',
    'documentTitleZh',
    'documentTitleEn',
    'replacesProductId',
  ];
}

const imageFields = { url: 'imageUrl', altZh: 'imageAltZh', altEn: 'imageAltEn' } as const;
const documentFields = {
  url: 'documentUrl',
  kind: 'documentKind',
  titleZh: 'documentTitleZh',
  titleEn: 'documentTitleEn',
} as const;

/** Where a problem of `validateDetails` shows on the form. */
function formField(field: string, formHasDocument: boolean): string {
  if (field === 'priceFen') return 'price';
  if (field.startsWith('attributes.')) return attributeField(field.slice('attributes.'.length));
  const image = /^images\.(\d+)\.(url|altZh|altEn)$/.exec(field);
  // The form shows the first picture; a problem with a later one (kept from before) points at its address.
  if (image) return image[1] === '0' ? imageFields[image[2] as keyof typeof imageFields] : 'imageUrl';
  const document = /^documents\.(\d+)\.(url|kind|titleZh|titleEn)$/.exec(field);
  // Likewise the form's document, when one is given; a problem with one kept from before points at the address.
  if (document)
    return formHasDocument && document[1] === '0'
      ? documentFields[document[2] as keyof typeof documentFields]
      : 'documentUrl';
  return field;
}

/**
 * Reads the posted form into a product's details and checks them: the form's
 * own rules (a price as an amount, the picture's address when alt texts are
 * given, a document's kind when its address is given) and then
 * `validateDetails`. Attributes are read for the class chosen: those of
 * another class are not kept. Pictures and documents after the first, which
 * the form does not show, are kept from `previous`.
 * Problems come one per field, in the order of the page.
 */
export function detailsFromForm(
  form: ProductForm,
  previous: ProductDetails | undefined,
  knownIsoCodes: ReadonlySet<string>,
): { details: ProductDetails; problems: FormProblem[] } {
  const problems: FormProblem[] = [];
  const isoCode = isoDigits(text(form, 'isoCode'));
  const priceText = text(form, 'price');
  const priceFen = priceText === '' ? 0 : (yuanToFen(priceText) ?? 0);
  if (priceText === '') problems.push({ field: 'price', message: 'priceRequired' });

  const certifications: string[] = [];
  for (const line of text(form, 'certifications').split('\n')) {
    const item = line.trim();
    if (item !== '' && !certifications.includes(item)) certifications.push(item);
  }
  if (certifications.length > maxCertifications)
    problems.push({ field: 'certifications', message: 'certificationsTooMany' });

  const attributes: Record<string, number | string> = {};
  for (const definition of attributesFor(isoCode)) {
    const value = text(form, attributeField(definition.id));
    if (value === '') continue;
    const number = value.replace(/[０-９．＋－]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
    // A number that is not one is kept as typed, so the check names the attribute.
    attributes[definition.id] = definition.kind === 'number' && decimal.test(number) ? Number(number) : value;
  }

  const imageUrl = text(form, 'imageUrl');
  const altZh = text(form, 'imageAltZh');
  const altEn = text(form, 'imageAltEn');
  if (imageUrl === '' && (altZh !== '' || altEn !== ''))
    problems.push({ field: 'imageUrl', message: 'imageUrlMissing' });
  const images = [
    ...(imageUrl === '' ? [] : [{ url: imageUrl, altZh, altEn }]),
    ...(previous?.images.slice(1) ?? []),
  ];

  // One document, saved only when its address is given; its kind and Chinese title are then required.
  const documentUrl = text(form, 'documentUrl');
  const kind = text(form, 'documentKind');
  const titleZh = text(form, 'documentTitleZh');
  const titleEn = text(form, 'documentTitleEn');
  if (documentUrl === '' && (titleZh !== '' || titleEn !== ''))
    problems.push({ field: 'documentUrl', message: 'documentUrlMissing' });
  if (documentUrl !== '' && !isDocumentKind(kind))
    problems.push({ field: 'documentKind', message: 'required' });
  const documents: ProductDocument[] = [
    // With no kind chosen the details are refused above; 'other' only keeps them well typed.
    ...(documentUrl === ''
      ? []
      : [{ url: documentUrl, kind: isDocumentKind(kind) ? kind : 'other', titleZh, titleEn }]),
    ...(previous?.documents.slice(1) ?? []),
  ];

  const registration = text(form, 'registrationNumber');
  const details: ProductDetails = {
    nameZh: text(form, 'nameZh'),
    nameEn: text(form, 'nameEn'),
    model: text(form, 'model'),
    isoCode,
    functionAreas: functionAreas.filter((area) => list(form, 'functionAreas').includes(area)),
    disabilityCategories: disabilityCategories.filter((c) => list(form, 'disabilityCategories').includes(c)),
    descriptionZh: text(form, 'descriptionZh'),
    descriptionEn: text(form, 'descriptionEn'),
    attributes,
    priceFen,
    registrationNumber: registration === '' ? null : registration,
    certifications,
    images,
    documents,
  };
  for (const problem of validateDetails(details, knownIsoCodes)) {
    const field = formField(problem.field, documentUrl !== '');
    // "Enter the price" says more than "the price is invalid" about an empty box.
    if (problem.message === 'priceInvalid' && priceText === '') continue;
    problems.push({ field, message: problem.message, ...(problem.params ? { params: problem.params } : {}) });
  }
  const order = fieldOrder(Object.keys(attributes));
  const rank = (field: string) => {
    const at = order.indexOf(field);
    return at === -1 ? order.length : at;
  };
  const seen = new Set<string>();
  const firstPerField = problems
    .map((problem, index) => ({ problem, index }))
    .sort((a, b) => rank(a.problem.field) - rank(b.problem.field) || a.index - b.index)
    .map(({ problem }) => problem)
    .filter((problem) => {
      if (seen.has(problem.field)) return false;
      seen.add(problem.field);
      return true;
    });
  return { details, problems: firstPerField };
}
