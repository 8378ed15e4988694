import type { Locale } from './index.ts';

/**
 * Money on the public pages. Prices are stored as integer fen (分); they are
 * formatted and parsed with integer and string arithmetic only, so ¥0.10 +
 * ¥0.20 can never show as ¥0.30000000000000004.
 */

const groupThousands = (digits: string): string => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/**
 * "¥1,280.00" from 128000 fen. English pages write "CN¥", as Intl does, so
 * the sign is not taken for Japanese yen.
 */
export function formatYuan(fen: number, locale: Locale): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`not a whole number of fen: ${fen}`);
  const sign = fen < 0 ? '-' : '';
  const magnitude = Math.abs(fen);
  const fraction = magnitude % 100;
  const yuan = (magnitude - fraction) / 100;
  const symbol = locale === 'en' ? 'CN¥' : '¥';
  return `${sign}${symbol}${groupThousands(String(yuan))}.${String(fraction).padStart(2, '0')}`;
}

/** Full-width digits, point and comma, as a Chinese input method may type them. */
const halfWidth = (text: string): string =>
  text.replace(/[０-９．，]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));

// Whole yuan (plain, or grouped by thousands with commas), then at most two decimals.
const amountPattern = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?$/;

/** More than ten thousand billion yuan is a typing mistake, and stays far inside safe integers. */
const maxYuanDigits = 13;

/**
 * Fen from a yuan amount as typed: "1280", "1280.5", "1,280.00", "¥1280",
 * "1280元". Null for anything else: negatives, exponents, more than two
 * decimals, misplaced commas. No floating point: the digits are joined as text.
 */
export function parseYuanToFen(text: string): number | null {
  const cleaned = halfWidth(text.trim())
    .replace(/^[¥￥]\s*/, '')
    .replace(/\s*元$/, '');
  const match = amountPattern.exec(cleaned);
  if (!match) return null;
  const whole = (match[1] ?? '').replace(/,/g, '').replace(/^0+(?=\d)/, '');
  if (whole.length > maxYuanDigits) return null;
  const fraction = (match[2] ?? '').padEnd(2, '0');
  return Number.parseInt(`${whole}${fraction}`, 10);
}
