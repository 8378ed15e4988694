/**
 * Helpers for the spreadsheet tests: real files in a temporary directory, and
 * a GB18030 encoder (Node can decode GB18030 but not encode it).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ProductDetails } from '../domain/product.ts';
import { readSheetRows, type SheetRow } from './read.ts';

export interface TempDir {
  readonly path: (name: string) => string;
  readonly remove: () => Promise<void>;
}

export async function tempDir(): Promise<TempDir> {
  const dir = await mkdtemp(join(tmpdir(), 'fuju-sheet-'));
  return {
    path: (name) => join(dir, name),
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

export async function readAll(
  filePath: string,
  format: 'xlsx' | 'csv',
  options?: { maxRows?: number },
): Promise<SheetRow[]> {
  const rows: SheetRow[] = [];
  for await (const row of readSheetRows(filePath, format, options)) rows.push(row);
  return rows;
}

let gbTable: Map<string, number[]> | undefined;

/**
 * Encodes text as GB18030 by inverting the decoder over the two-byte (GBK)
 * range, which holds every Chinese character the tests use; ASCII is itself.
 */
export function encodeGb18030(text: string): Buffer {
  if (!gbTable) {
    gbTable = new Map();
    const decoder = new TextDecoder('gb18030');
    for (let lead = 0x81; lead <= 0xfe; lead++) {
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        if (trail === 0x7f) continue;
        const char = decoder.decode(Uint8Array.of(lead, trail));
        if (char.length === 1 && char !== '\uFFFD' && !gbTable.has(char)) gbTable.set(char, [lead, trail]);
      }
    }
  }
  const bytes: number[] = [];
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (code < 0x80) bytes.push(code);
    else {
      const pair = gbTable.get(char);
      if (!pair) throw new Error(`no two-byte GB18030 code for ${char}`);
      bytes.push(...pair);
    }
  }
  return Buffer.from(bytes);
}

/** A manual wheelchair (ISO 12 22 03) as a supplier would describe it. */
export function sampleDetails(overrides: Partial<ProductDetails> = {}): ProductDetails {
  return {
    nameZh: '轻便折叠手动轮椅',
    nameEn: 'Lightweight folding manual wheelchair',
    model: 'QZ-100',
    isoCode: '122203',
    functionAreas: ['mobility', 'self_care'],
    disabilityCategories: ['physical', 'multiple'],
    descriptionZh: '铝合金车架，可折叠。\n适合室内外使用。',
    descriptionEn: 'Aluminium frame, folding.\nFor indoor and outdoor use.',
    attributes: {},
    priceFen: 123456,
    registrationNumber: '陕械注准20212190123',
    certifications: ['CE', 'GB/T 13800-2021'],
    images: [],
    documents: [],
    ...overrides,
  };
}
