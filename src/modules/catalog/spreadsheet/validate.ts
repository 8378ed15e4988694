import { type DisabilityCategory, disabilityCategories, toHalfWidth } from '../../../platform/ids/index.ts';
import { type AttributeDefinition, attributesFor } from '../domain/attributes.ts';
import { type FunctionArea, functionAreas, type ProductDetails } from '../domain/product.ts';
import { detailLimits, maxPriceFen } from '../domain/validate.ts';
import type { ImportColumnKey } from './columns.ts';

/** Every problem a row can have; each is a message in messages.ts, with the column as {column}. */
export const rowMessageKeys = [
  'required',
  'tooLong',
  'isoFormat',
  'isoUnknown',
  'functionAreaUnknown',
  'disabilityCategoryUnknown',
  'priceFormat',
  'priceRange',
  'attributeSyntax',
  'attributeUnknown',
  'attributeDuplicate',
  'attributeNotNumber',
  'attributeTooSmall',
  'attributeTooLarge',
  'attributeTooLong',
  'replacesItself',
] as const;
export type RowMessageKey = (typeof rowMessageKeys)[number];

export interface RowProblem {
  /** The column key (see columns.ts); messages show it as the header in the reader's language. */
  readonly column: ImportColumnKey;
  readonly message: RowMessageKey;
  readonly params?: Record<string, string | number>;
}

export type ParsedRow =
  | { ok: true; details: ProductDetails; replacesModel: string | null }
  | { ok: false; problems: RowProblem[] };

export interface RowContext {
  /** Six-digit divisions of the classification in force, e.g. "122203". */
  readonly knownIsoCodes: ReadonlySet<string>;
}

export const functionAreaLabels: Readonly<Record<FunctionArea, string>> = {
  mobility: '行动',
  seeing: '视觉',
  hearing: '听觉',
  communication: '沟通',
  cognition: '认知',
  self_care: '生活自理',
};

export const disabilityCategoryLabels: Readonly<Record<DisabilityCategory, string>> = {
  visual: '视力',
  hearing: '听力',
  speech: '言语',
  physical: '肢体',
  intellectual: '智力',
  mental: '精神',
  multiple: '多重',
};

/** Text as typed with a Chinese input method: full-width letters, digits and punctuation are the same to the supplier. */
const clean = (raw: string | undefined): string => toHalfWidth(raw ?? '').trim();

/** Long texts keep their line breaks, but one kind of them: Windows files bring \r\n. */
const cleanText = (raw: string | undefined): string => (raw ?? '').replace(/\r\n?/g, '\n').trim();

/**
 * Lists in one cell. Suppliers separate items the way their keyboard makes
 * easy: ; and ；(full width, which toHalfWidth makes ;), 、, and Alt+Enter
 * line breaks. Commas are also accepted where the items are fixed words
 * (areas, categories), but not in free text such as certifications, where a
 * comma can be part of an item.
 */
function splitList(raw: string, commas: boolean): string[] {
  const separators = commas ? /[;、\n,]/ : /[;、\n]/;
  return raw
    .split(separators)
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

const lookupKey = (value: string): string =>
  value
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');

/**
 * Attribute names are matched ignoring case, spaces, hyphens and underscores:
 * seatWidth, seat_width and "Seat width" are the same attribute to a supplier.
 */
const attributeKey = (value: string): string =>
  toHalfWidth(value)
    .toLowerCase()
    .replace(/[\s_-]+/g, '');

const functionAreaIndex = new Map<string, FunctionArea>();
for (const area of functionAreas) {
  functionAreaIndex.set(area, area);
  functionAreaIndex.set(functionAreaLabels[area], area);
}

const categoryIndex = new Map<string, DisabilityCategory>();
for (const category of disabilityCategories) {
  const label = disabilityCategoryLabels[category];
  categoryIndex.set(category, category);
  categoryIndex.set(label, category);
  // The certificate's full name, 视力残疾, is as likely as the short one.
  categoryIndex.set(`${label}残疾`, category);
}

/**
 * ISO 9999 division codes are written "12 22 03", "12.22.03" or "122203".
 * Five digits are a code whose leading zero Excel dropped (04 19 06 typed
 * into a number cell is stored as 41906); the classification check still
 * catches a digit that is really missing.
 */
export function parseIsoCode(raw: string): string | null {
  const text = clean(raw);
  const separated = /^(\d{2})[\s.-]?(\d{2})[\s.-]?(\d{2})$/.exec(text);
  if (separated) return `${separated[1]}${separated[2]}${separated[3]}`;
  if (/^\d{5}$/.test(text)) return `0${text}`;
  return null;
}

/** "122203" → "12 22 03", the way the classification prints it. */
export function formatIsoCode(code: string): string {
  return /^\d{6}$/.test(code) ? `${code.slice(0, 2)} ${code.slice(2, 4)} ${code.slice(4)}` : code;
}

export type YuanResult = { ok: true; fen: number } | { ok: false; problem: 'priceFormat' | 'priceRange' };

/**
 * A price in yuan, as text, to integer fen. The digits are taken from the
 * string, never through a float: 0.29 yuan is 29 fen, but 0.29 * 100 is
 * 28.999999999999996.
 * Accepted: 1234.56, 1,234.56, ¥1234.5, 1234元. Refused: 1e3 and 12.345 (a
 * fen has no fraction), and anything not above 0 or above ten million yuan.
 */
export function parseYuan(raw: string): YuanResult {
  let text = clean(raw)
    .replace(/^[¥￥]\s*/, '')
    .replace(/\s*元$/, '');
  const negative = text.startsWith('-');
  if (negative) text = text.slice(1);
  if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(text)) text = text.replace(/,/g, '');
  const match = /^(\d+)(?:\.(\d{1,2}))?$/.exec(text);
  if (!match) return { ok: false, problem: 'priceFormat' };
  const whole = (match[1] ?? '').replace(/^0+(?=\d)/, '');
  // More digits than any accepted price has: refused before Number() could round them.
  if (whole.length > String(maxPriceFen / 100).length) return { ok: false, problem: 'priceRange' };
  const fen = Number(whole) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  if (negative || fen <= 0 || fen > maxPriceFen) return { ok: false, problem: 'priceRange' };
  return { ok: true, fen };
}

/** Integer fen → "1234.56", the inverse of parseYuan. */
export function formatYuan(fen: number): string {
  const whole = Math.trunc(fen / 100);
  const cents = Math.abs(fen % 100);
  return `${whole}.${String(cents).padStart(2, '0')}`;
}

/**
 * Turns one spreadsheet row into a product's details, or says everything that
 * is wrong with it. All problems are collected, so a supplier fixes a row in
 * one pass rather than one upload per mistake.
 */
export function parseProductRow(
  cells: Readonly<Record<string, string | undefined>>,
  context: RowContext,
): ParsedRow {
  const problems: RowProblem[] = [];
  const problem = (
    column: ImportColumnKey,
    message: RowMessageKey,
    params?: Record<string, string | number>,
  ) => {
    problems.push(params ? { column, message, params } : { column, message });
  };

  const text = (column: ImportColumnKey, max: number, required: boolean, multiline = false): string => {
    const value = multiline ? cleanText(cells[column]) : (cells[column] ?? '').trim();
    if (required && value === '') problem(column, 'required');
    else if (value.length > max) problem(column, 'tooLong', { max });
    return value;
  };

  const nameZh = text('name_zh', detailLimits.name, true);
  const nameEn = text('name_en', detailLimits.name, true);
  const model = text('model', detailLimits.model, true);
  const descriptionZh = text('description_zh', detailLimits.description, false, true);
  const descriptionEn = text('description_en', detailLimits.description, false, true);
  const registrationNumber = text('registration_number', detailLimits.registration, false);
  const replacesModel = text('replaces_model', detailLimits.model, false);
  if (replacesModel !== '' && model !== '' && replacesModel === model)
    problem('replaces_model', 'replacesItself');

  let isoCode = '';
  const isoRaw = clean(cells.iso_code);
  if (isoRaw === '') problem('iso_code', 'required');
  else {
    const parsed = parseIsoCode(isoRaw);
    if (parsed === null) problem('iso_code', 'isoFormat', { value: isoRaw });
    else if (!context.knownIsoCodes.has(parsed))
      problem('iso_code', 'isoUnknown', { code: formatIsoCode(parsed) });
    else isoCode = parsed;
  }

  const functionAreasFound: FunctionArea[] = [];
  for (const item of splitList(clean(cells.function_areas), true)) {
    const area = functionAreaIndex.get(lookupKey(item));
    if (area === undefined) problem('function_areas', 'functionAreaUnknown', { value: item });
    else if (!functionAreasFound.includes(area)) functionAreasFound.push(area);
  }

  const categoriesFound: DisabilityCategory[] = [];
  for (const item of splitList(clean(cells.disability_categories), true)) {
    const category = categoryIndex.get(lookupKey(item));
    if (category === undefined)
      problem('disability_categories', 'disabilityCategoryUnknown', { value: item });
    else if (!categoriesFound.includes(category)) categoriesFound.push(category);
  }

  let priceFen = 0;
  const priceRaw = clean(cells.price_yuan);
  if (priceRaw === '') problem('price_yuan', 'required');
  else {
    const price = parseYuan(priceRaw);
    if (price.ok) priceFen = price.fen;
    else problem('price_yuan', price.problem, { value: priceRaw });
  }

  const certifications: string[] = [];
  for (const item of splitList(clean(cells.certifications), false)) {
    if (item.length > detailLimits.certification)
      problem('certifications', 'tooLong', { max: detailLimits.certification });
    else if (!certifications.includes(item)) certifications.push(item);
  }

  const attributes = parseAttributes(clean(cells.attributes), isoCode, problem);

  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    details: {
      nameZh,
      nameEn,
      model,
      isoCode,
      functionAreas: functionAreasFound,
      disabilityCategories: categoriesFound,
      descriptionZh,
      descriptionEn,
      attributes,
      priceFen,
      registrationNumber: registrationNumber === '' ? null : registrationNumber,
      certifications,
      // Pictures and documents need a file and a text alternative each: they are added in the web form.
      images: [],
      documents: [],
    },
    replacesModel: replacesModel === '' ? null : replacesModel,
  };
}

type Report = (
  column: ImportColumnKey,
  message: RowMessageKey,
  params?: Record<string, string | number>,
) => void;

/**
 * `seatWidth=46; maxUserWeight=120 kg`. An attribute may be named by its id
 * or by its Chinese or English name; a number may carry its unit. When the
 * ISO code itself is wrong only the syntax is checked: which attributes
 * belong depends on the code, and its problem is already reported.
 */
function parseAttributes(raw: string, isoCode: string, problem: Report): Record<string, number | string> {
  const attributes: Record<string, number | string> = {};
  if (raw === '') return attributes;
  const definitions = isoCode === '' ? [] : attributesFor(isoCode);
  const byName = new Map<string, AttributeDefinition>();
  for (const definition of definitions) {
    for (const name of [definition.id, definition.zh, definition.en])
      byName.set(attributeKey(name), definition);
  }
  for (const item of splitList(raw, false)) {
    // Split at the first = (or, failing that, :), so a text value may itself contain either.
    const at = item.includes('=') ? item.indexOf('=') : item.indexOf(':');
    const name = at > 0 ? item.slice(0, at).trim() : '';
    const value = at > 0 ? item.slice(at + 1).trim() : '';
    if (name === '' || value === '') {
      problem('attributes', 'attributeSyntax', { value: item });
      continue;
    }
    if (isoCode === '') continue;
    const definition = byName.get(attributeKey(name));
    if (definition === undefined) {
      problem('attributes', 'attributeUnknown', { attribute: name, code: formatIsoCode(isoCode) });
      continue;
    }
    if (definition.id in attributes) {
      problem('attributes', 'attributeDuplicate', { attribute: name });
      continue;
    }
    if (definition.kind === 'text') {
      if (value.length > detailLimits.model) {
        problem('attributes', 'attributeTooLong', { attribute: name, max: detailLimits.model });
      } else attributes[definition.id] = value;
      continue;
    }
    const number = parseDecimal(value, definition.unit);
    if (number === null) {
      problem('attributes', 'attributeNotNumber', { attribute: name, value });
    } else if (definition.min !== undefined && number < definition.min) {
      problem('attributes', 'attributeTooSmall', {
        attribute: name,
        min: withUnit(definition.min, definition.unit),
      });
    } else if (definition.max !== undefined && number > definition.max) {
      problem('attributes', 'attributeTooLarge', {
        attribute: name,
        max: withUnit(definition.max, definition.unit),
      });
    } else attributes[definition.id] = number;
  }
  return attributes;
}

const withUnit = (value: number, unit: string | null): string => (unit ? `${value} ${unit}` : String(value));

/** A plain decimal, optionally followed by the attribute's own unit ("46 cm"); no exponents, no thousands separators. */
function parseDecimal(raw: string, unit: string | null): number | null {
  let text = raw;
  if (unit && text.toLowerCase().endsWith(unit.toLowerCase())) text = text.slice(0, -unit.length).trim();
  if (!/^[+-]?\d+(\.\d+)?$/.test(text)) return null;
  return Number(text);
}
