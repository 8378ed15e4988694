/**
 * People type identity numbers with Chinese input methods, which often produce
 * full-width digits and letters (０-９, Ｘ) and the ideographic space; those
 * are the same characters to the person typing, so they are accepted.
 */
export function toHalfWidth(raw: string): string {
  return raw.replace(/[\uff01-\uff5e\u3000]/g, (ch) =>
    ch === '\u3000' ? ' ' : String.fromCharCode(ch.charCodeAt(0) - 0xfee0),
  );
}
