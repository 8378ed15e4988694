import { parseYuanToFen } from '../../../platform/i18n/index.ts';

/**
 * Reading what people typed into the research forms: each reader returns the
 * value and notes its problem, so a form names all its mistakes at once.
 */

/** A mistake in one field: the field's name and the message key (`err_<key>`, or `required_<field>`). */
export interface Problem {
  readonly field: string;
  readonly key: string;
  readonly params?: Readonly<Record<string, number>>;
}

/** A form read: the value when nothing was wrong, or every problem found. */
export type Read<T> =
  | { readonly value: T; readonly problems: [] }
  | { readonly value: undefined; readonly problems: Problem[] };

/** Titles and names: one line. */
export const shortText = 200;
/** Summaries, descriptions, opinions and results: a few paragraphs. */
export const longText = 4000;

const halfWidthDigits = (value: string) =>
  value.replace(/[０-９－]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));

/** YYYY-MM-DD naming a day that exists (not 2026-02-30). */
export function isCalendarDay(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const day = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === text;
}

/** Collects problems while fields are read; `done` gives the value only if there were none. */
export class FieldReader {
  readonly problems: Problem[] = [];

  add(field: string, key: string, params?: Readonly<Record<string, number>>): void {
    // One problem per field: the first is the one to fix first.
    if (this.problems.some((p) => p.field === field)) return;
    this.problems.push(params === undefined ? { field, key } : { field, key, params });
  }

  has(field: string): boolean {
    return this.problems.some((p) => p.field === field);
  }

  /** Trimmed text; required unless said otherwise; at most `max` characters. */
  text(field: string, value: string, max: number, required = true): string {
    const text = value.trim();
    if (required && text === '') this.add(field, 'required');
    else if ([...text].length > max) this.add(field, 'tooLong', { max });
    return text;
  }

  /** A day as YYYY-MM-DD (full-width digits accepted); '' when missing or wrong. */
  day(field: string, value: string, required = true): string {
    const text = halfWidthDigits(value.trim());
    if (text === '') {
      if (required) this.add(field, 'required');
      return '';
    }
    if (!isCalendarDay(text)) {
      this.add(field, 'date');
      return '';
    }
    return text;
  }

  /** Yuan as typed ("12万" is not an amount: the unit is yuan) to fen; null when missing or wrong. */
  yuan(field: string, value: string, required = true): number | null {
    const text = value.trim();
    if (text === '') {
      if (required) this.add(field, 'required');
      return null;
    }
    const fen = parseYuanToFen(text);
    if (fen === null) this.add(field, 'amount');
    return fen;
  }

  /** A whole number from `min` to `max`; null when missing or out of range. */
  whole(field: string, value: string, min: number, max: number, key: string): number | null {
    const text = halfWidthDigits(value.trim());
    if (text === '') {
      this.add(field, 'required');
      return null;
    }
    const n = /^\d{1,4}$/.test(text) ? Number(text) : Number.NaN;
    if (!(n >= min && n <= max)) {
      this.add(field, key);
      return null;
    }
    return n;
  }

  /** One of the values offered; undefined when missing or not one of them. */
  choice<T extends string>(field: string, value: string, values: readonly T[]): T | undefined {
    const text = value.trim();
    if (text === '') {
      this.add(field, 'required');
      return undefined;
    }
    if ((values as readonly string[]).includes(text)) return text as T;
    this.add(field, 'invalid');
    return undefined;
  }

  done<T>(value: T): Read<T> {
    return this.problems.length === 0
      ? { value, problems: [] }
      : { value: undefined, problems: this.problems };
  }
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids from ticked boxes: duplicates dropped; anything not shaped like an id is a problem of the field. */
export function idsOf(reader: FieldReader, field: string, values: readonly string[]): string[] {
  const ids = [...new Set(values.map((v) => v.trim()).filter((v) => v !== ''))];
  if (ids.some((id) => !uuidPattern.test(id))) reader.add(field, 'invalid');
  return ids.filter((id) => uuidPattern.test(id)).map((id) => id.toLowerCase());
}
