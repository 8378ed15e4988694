import { toHalfWidth } from './normalise.ts';

export type PhoneResult = { ok: true; value: string } | { ok: false };

/**
 * A mainland China mobile number, returned as its 11 digits. Spaces, hyphens
 * and a leading +86, 86 or 0086 are how people write the same number, so they
 * are removed before checking; the country code is removed only when 11 digits
 * remain, so a number is never shortened into a different one.
 */
export function parsePhone(raw: string): PhoneResult {
  const compact = toHalfWidth(String(raw)).replace(/[\s-]/g, '');
  const match = /^(?:\+86|0086|86)?(1[3-9]\d{9})$/.exec(compact);
  return match?.[1] ? { ok: true, value: match[1] } : { ok: false };
}
