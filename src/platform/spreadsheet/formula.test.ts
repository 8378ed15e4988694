import { describe, expect, it } from 'vitest';
import { csvLine, guardFormula } from './index.ts';

describe('the spreadsheet formula guard (SECURITY.md 13)', () => {
  it('puts an apostrophe before text Excel would run as a formula', () => {
    for (const text of ['=1+1', '+41', '-2+3', '@SUM(A1:A2)', '\t=1', '\r=1']) {
      expect(guardFormula(text)).toBe(`'${text}`);
    }
  });

  it('escapes an apostrophe already there, so an importer removing one gets the text back', () => {
    expect(guardFormula("'=already")).toBe("''=already");
    expect(guardFormula("'plain")).toBe("'plain");
  });

  it('leaves other text alone', () => {
    for (const text of ['手动轮椅', 'a=b', '', '1-2', ' =x']) expect(guardFormula(text)).toBe(text);
  });
});

describe('a CSV record', () => {
  it('guards text, writes numbers as they are, and quotes where a field would change', () => {
    expect(csvLine(['=HYPERLINK("x")', -2.5, 1234, 'a,b', ' edge', '行\n二'])).toBe(
      `"'=HYPERLINK(""x"")",-2.5,1234,"a,b"," edge","行\n二"\r\n`,
    );
  });
});
