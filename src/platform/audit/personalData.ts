import { AuditPersonalDataError } from './errors.ts';

/**
 * The trail is read by auditors and kept for years, so it holds who did what
 * to which object, never the personal data itself (SECURITY.md 22, 25). These
 * shapes are the ones a careless caller is most likely to pass along; refusing
 * them makes the mistake fail in tests instead of leaking in production.
 */
const shapes: readonly { readonly what: string; readonly pattern: RegExp }[] = [
  // 居民身份证号码 (GB 11643): 17 digits and a check character.
  // Letters count as boundaries too, so the digits inside a uuid or a hash never match by chance.
  { what: 'a resident ID number', pattern: /(?<![\dA-Za-z])\d{17}[\dXx](?![\dA-Za-z])/ },
  // Mainland mobile numbers: 1, then 3-9, then nine digits.
  { what: 'a mobile phone number', pattern: /(?<![\dA-Za-z])1[3-9]\d{9}(?![\dA-Za-z])/ },
];

/** Throws when `value` contains something shaped like personal data. */
export function refusePersonalData(field: string, value: string | number | boolean | null): void {
  if (value === null || typeof value === 'boolean') return;
  const text = typeof value === 'number' ? String(value) : value;
  for (const { what, pattern } of shapes) {
    if (pattern.test(text)) throw new AuditPersonalDataError(field, what);
  }
}
