import type { CellValue } from 'exceljs';
import {
  type DisabilityCategory,
  type DisabilityGrade,
  disabilityCategories,
  toHalfWidth,
} from '../../../platform/ids/index.ts';
import { cellText as sheetCellText } from '../../../platform/spreadsheet/index.ts';

/** What a person sees in a cell, as trimmed text. Numbers may arrive as numbers or as text; both end up here. */
export const cellText = (value: CellValue | unknown): string => sheetCellText(value).trim();

export type Parsed<T> = { readonly value: T } | { readonly problem: string; readonly token?: string };

/**
 * A whole number, strictly: "800", "+800", "-5" (a sign is left for the
 * domain rules to judge), full-width digits from a Chinese input method, and
 * nothing else. "800.5", "800元" or "1,000" are refused, never rounded: an
 * amount in a policy catalog must be what the person meant, to the fen.
 */
export function parseWhole(text: string): Parsed<number> {
  const form = toHalfWidth(text).trim();
  if (!/^[+-]?[0-9]+$/.test(form)) return { problem: 'notInteger' };
  const value = Number(form);
  if (!Number.isSafeInteger(value)) return { problem: 'tooLarge' };
  // Number('-0') is -0, which toEqual tells apart from 0.
  return { value: value === 0 ? 0 : value };
}

const yes = new Set(['是', 'yes', 'true']);
const no = new Set(['否', 'no', 'false']);

export function parseYesNo(text: string): Parsed<boolean> {
  const form = toHalfWidth(text).trim().toLowerCase();
  if (yes.has(form)) return { value: true };
  if (no.has(form)) return { value: false };
  return { problem: 'notYesNo' };
}

/** Splits a list cell: spaces, commas, 、 or semicolons, half- or full-width. */
export const listTokens = (text: string): string[] =>
  toHalfWidth(text)
    .split(/[\s,;、]+/)
    .filter((token) => token !== '');

/**
 * GB/T 26341 category digits ("4 7"), in code order and without repeats, so
 * the same categories always read back as the same list.
 */
export function parseCategories(text: string): Parsed<DisabilityCategory[]> {
  const codes = new Set<number>();
  for (const token of listTokens(text)) {
    if (!/^[1-7]$/.test(token)) return { problem: 'categoryUnknown', token };
    codes.add(Number(token));
  }
  return {
    value: disabilityCategories.filter((_category, index) => codes.has(index + 1)),
  };
}

const isGrade = (value: number): value is DisabilityGrade => value >= 1 && value <= 4;

export function parseGrades(text: string): Parsed<DisabilityGrade[]> {
  const grades = new Set<DisabilityGrade>();
  for (const token of listTokens(text)) {
    const value = Number(token);
    if (!/^[1-4]$/.test(token) || !isGrade(value)) return { problem: 'gradeUnknown', token };
    grades.add(value);
  }
  return { value: [...grades].sort((a, b) => a - b) };
}

/** Category digits as written in a cell: visual → 1 … multiple → 7. */
export const categoryDigits = (categories: readonly DisabilityCategory[]): string =>
  categories.map((category) => disabilityCategories.indexOf(category) + 1).join(' ');

export const yesNoText = (value: boolean): string => (value ? '是' : '否');
