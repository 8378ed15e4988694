import { createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSheetRows } from './read.ts';
import { sampleDetails, type TempDir, tempDir } from './testSupport.ts';
import { parseProductRow } from './validate.ts';
import { type ExportRow, writeProductsCsv, writeProductsXlsx } from './write.ts';

let dir: TempDir;
beforeAll(async () => {
  dir = await tempDir();
});
afterAll(async () => {
  await dir.remove();
});

const rowCount = 50_000;
const megabyte = 1024 * 1024;

/** Rows made on demand, so the test itself holds none of them. */
async function* products(): AsyncGenerator<ExportRow> {
  for (let i = 0; i < rowCount; i++) {
    yield {
      id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      supplierNameZh: '西安康复器材有限公司',
      supplierNameEn: 'Xi’an Rehab Equipment Co.',
      status: 'draft',
      version: 1,
      details: sampleDetails({
        model: `QZ-${i}`,
        nameZh: `轻便折叠手动轮椅 第${i}号`,
        descriptionZh: `第${i}号：铝合金车架，可折叠，适合室内外使用。`.repeat(4),
        priceFen: 10_000 + i,
      }),
      replacesModel: null,
    };
  }
}

/** Peak resident memory above the starting point, sampled as the work goes. */
function memoryWatch() {
  const start = process.memoryUsage().rss;
  let peak = start;
  return {
    sample() {
      peak = Math.max(peak, process.memoryUsage().rss);
    },
    growthMb: () => (peak - start) / megabyte,
  };
}

async function sampledWhile(watch: ReturnType<typeof memoryWatch>, work: Promise<void>): Promise<void> {
  const timer = setInterval(() => watch.sample(), 50);
  try {
    await work;
  } finally {
    clearInterval(timer);
    watch.sample();
  }
}

describe(`${rowCount} rows`, () => {
  for (const format of ['xlsx', 'csv'] as const) {
    it(`are written and read back in bounded time and memory (${format})`, { timeout: 60_000 }, async () => {
      const path = dir.path(`large.${format}`);
      const watch = memoryWatch();

      const writeStart = performance.now();
      const write = format === 'xlsx' ? writeProductsXlsx : writeProductsCsv;
      await sampledWhile(watch, write(createWriteStream(path), products(), 'zh-CN'));
      const writeSeconds = (performance.now() - writeStart) / 1000;

      const readStart = performance.now();
      let valid = 0;
      let rows = 0;
      const knownIsoCodes = new Set(['122203']);
      await sampledWhile(
        watch,
        (async () => {
          for await (const row of readSheetRows(path, format)) {
            rows += 1;
            const result = parseProductRow(row.cells, { knownIsoCodes });
            if (result.ok && result.details.priceFen === 10_000 + row.rowNumber - 2) valid += 1;
            if (rows % 1000 === 0) watch.sample();
          }
        })(),
      );
      const readSeconds = (performance.now() - readStart) / 1000;
      const size = (await stat(path)).size / megabyte;

      console.log(
        `${format}: ${rowCount} rows, ${size.toFixed(1)} MB; write ${writeSeconds.toFixed(1)} s, ` +
          `read+validate ${readSeconds.toFixed(1)} s; peak RSS growth ${watch.growthMb().toFixed(0)} MB`,
      );
      expect(rows).toBe(rowCount);
      expect(valid).toBe(rowCount);
      expect(writeSeconds + readSeconds).toBeLessThan(30);
      expect(watch.growthMb()).toBeLessThan(300);
    });
  }
});
