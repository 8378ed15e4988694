import { toHalfWidth } from '../../../platform/ids/index.ts';

/** Length in characters as a person counts them (a rare character outside the BMP is one). */
export const characterCount = (text: string): number => Array.from(text).length;

/** Control characters never belong in a one-line field; they also break the audit hash and CSV exports. */
export const hasControlCharacters = (text: string): boolean => /\p{Cc}/u.test(text);

/**
 * A long run of digits is most likely an ID or phone number. Text kept in the
 * clear (street, community, a note for the audit trail) must never hold one.
 */
export const looksPersonal = (text: string): boolean =>
  /\d{7,}/.test(toHalfWidth(text).replace(/[\s-]/g, ''));

/** Letters of any script with the separators names use (阿依古丽·买买提, O'Neil, Jean-Luc). */
export const isNameLike = (text: string): boolean => /^[\p{L}\p{M}][\p{L}\p{M}\s·・•.'’-]*$/u.test(text);

/** The value of a one-line form field: trimmed, '' when absent. */
export const field = (value: string | undefined): string => (value ?? '').trim();
