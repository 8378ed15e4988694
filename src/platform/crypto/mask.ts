/**
 * Masking for display (SECURITY.md 19, GB/T 35273 §7.2). Each function takes
 * any string, never throws, and never returns a value it could not classify
 * unmasked: what cannot be recognised is hidden more, not less.
 */

const STAR = '*';
const stars = (n: number): string => STAR.repeat(Math.max(0, n));
// Code points, not UTF-16 units, so a rare character outside the BMP is one character.
const characters = (value: string): string[] => Array.from(value);

/**
 * First 6 and last 4 characters with the middle hidden: `610113********1234`.
 * The address code and the last four are what a person recognises as theirs;
 * the birth date and sequence are hidden. Anything shorter than a 15-digit
 * (first-generation) ID is hidden entirely.
 */
export function maskResidentId(value: string): string {
  const chars = characters(String(value).trim());
  if (chars.length < 15) return stars(chars.length);
  return chars.slice(0, 6).join('') + stars(chars.length - 10) + chars.slice(-4).join('');
}

/** First 3 and last 4 with the middle hidden: `138****1234`; shorter than 11 characters, all hidden. */
export function maskPhone(value: string): string {
  const chars = characters(String(value).trim());
  if (chars.length < 11) return stars(chars.length);
  return chars.slice(0, 3).join('') + stars(chars.length - 7) + chars.slice(-4).join('');
}

// Space, middle dots (阿依古丽·买买提, both the Chinese and Japanese forms) and hyphens separate name parts.
const NAME_SEPARATOR = /([\s·・‧•.-]+)/u;

/**
 * Chinese names as in public notices: `张*明`, `欧**娜`, two characters `张*`,
 * one character `*`. A name in several parts (Latin-script names, or
 * transliterated names joined by `·`) keeps the first letter of each part:
 * `Li Wei` → `L* W**`, `阿依古丽·买买提` → `阿***·买**`.
 */
export function maskName(value: string): string {
  const name = String(value).trim();
  const parts = name.split(NAME_SEPARATOR);
  if (parts.filter((part) => part !== '' && !NAME_SEPARATOR.test(part)).length > 1) {
    return parts
      .map((part) => {
        if (NAME_SEPARATOR.test(part)) return part;
        const chars = characters(part);
        // A one-letter part (an initial) would show whole: it is starred too.
        return chars.length <= 1 ? stars(chars.length) : (chars[0] ?? '') + stars(chars.length - 1);
      })
      .join('');
  }
  const chars = characters(name);
  if (chars.length <= 1) return stars(chars.length);
  if (chars.length === 2) return `${chars[0]}${STAR}`;
  return (chars[0] ?? '') + stars(chars.length - 2) + (chars.at(-1) ?? '');
}

// A part of an administrative name: a Han character that is not one that
// marks a street, building or village, so the prefix cannot run into them.
const NAME_PART = '(?:(?![路街巷道号弄村组楼栋单元室院])[\\u3400-\\u9fff])';
const ADMINISTRATIVE_PREFIX = new RegExp(
  `^(?:${NAME_PART}{2,8}?(?:省|自治区|特别行政区))?` +
    `(?:${NAME_PART}{1,8}?(?:自治州|地区|盟|州|市))?` +
    `(?:${NAME_PART}{1,8}?(?:自治县|自治旗|新区|区|县|旗|市))?`,
  'u',
);

/**
 * Keeps the administrative part of a Chinese address, up to the district or
 * county (`陕西省西安市雁塔区****`), which staff need to see whose case it is
 * and which alone identifies nobody; the street, building and door are hidden.
 * An address without a recognisable administrative prefix (a foreign one, or
 * one starting with the street) is hidden entirely: `****`.
 */
export function maskAddress(value: string): string {
  const address = String(value).trim();
  if (address === '') return '';
  const prefix = ADMINISTRATIVE_PREFIX.exec(address)?.[0] ?? '';
  return `${prefix}****`;
}
