import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInVisitor, type TestApp, testApp, type Visitor } from '../../../../../test/support/app.ts';
import { sql } from '../../../../platform/db/index.ts';
import { parseClassificationFile, parseNodeCode } from '../../classificationService.ts';
import { parseTerms } from './synonyms.tsx';

let t: TestApp;
let admin: Visitor;
let supplier: Visitor;
const edition = 'GB-T-16432-2025';
const editionId = 'GB/T 16432-2025';

const one = async <R>(query: ReturnType<typeof sql>): Promise<R> => {
  const [row] = await t.database.db.query<R>(query);
  if (row === undefined) throw new Error(`no row for ${query.text}`);
  return row;
};
const lastAudit = () =>
  one<{ action: string; outcome: string; object_id: string | null }>(
    sql`select action, outcome, object_id from audit_event order by seq desc limit 1`,
  );
const nodeCount = async () =>
  Number(
    (
      await one<{ n: string }>(
        sql`select count(*) as n from classification_node where version_id = ${editionId}`,
      )
    ).n,
  );
const h1Count = (html: string) => html.match(/<h1[\s>]/g)?.length ?? 0;

let dataDir: string;

beforeAll(async () => {
  // Uploads are kept under the data directory while they are read: a temporary one per file.
  dataDir = await mkdtemp(join(tmpdir(), 'fuju-uploads-'));
  t = await testApp({ env: { FUJU_DATA_DIR: dataDir } });
  [admin, supplier] = await Promise.all([
    signedInVisitor(t.app, 'demo-city-admin'),
    signedInVisitor(t.app, 'demo-supplier'),
  ]);
});
afterAll(async () => {
  await t.close();
  // Every upload was deleted after use: only the empty folder is left.
  expect(await readdir(join(dataDir, 'imports'))).toEqual([]);
  await rm(dataDir, { recursive: true, force: true });
});

const tableRows = (html: string, id: string): string[][] => {
  const table = html.slice(html.indexOf('<tbody', html.indexOf(`id="${id}"`)));
  const body = table.slice(0, table.indexOf('</tbody>'));
  return [...body.matchAll(/<tr class="fj-table__row">(.*?)<\/tr>/gs)].map((m) =>
    [...(m[1] ?? '').matchAll(/<t[dh][^>]*>(.*?)<\/t[dh]>/gs)].map((c) =>
      (c[1] ?? '').replace(/<[^>]+>/g, ''),
    ),
  );
};

describe('landing page', () => {
  it('shows what waits for review and the sections, to the city administrator only', async () => {
    const page = await admin.get('/admin/catalog');
    expect(page.statusCode).toBe(200);
    expect(h1Count(page.body)).toBe(1);
    expect(page.body).toContain('href="/admin/catalog/review"');
    expect(page.body).toContain('href="/admin/catalog/classification"');
    expect(page.body).toContain('href="/admin/catalog/synonyms"');
    expect((await supplier.get('/admin/catalog/synonyms')).statusCode).toBe(403);
    expect((await supplier.get('/admin/catalog/classification')).statusCode).toBe(403);
    const english = await admin.get('/admin/catalog?lang=en');
    expect(english.body).toContain('Review queue');
    await admin.get('/admin/catalog?lang=zh-CN');
  });
});

describe('classification', () => {
  it('reads codes as people write them', () => {
    expect(parseNodeCode('12 22 03')).toBe('122203');
    expect(parseNodeCode('12.22')).toBe('1222');
    expect(parseNodeCode('41906')).toBe('041906');
    expect(parseNodeCode('1222033')).toBeNull();
    expect(parseNodeCode('12a2')).toBeNull();
  });

  it('shows an edition as a table, and changes one node with an audit row', async () => {
    const list = await admin.get(`/admin/catalog/classification?version=${edition}`);
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('12 22 03');
    const editUrl = `/admin/catalog/classification/${edition}/122203/edit`;
    const page = await admin.get(editUrl);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('value="手动轮椅车"');
    const empty = await admin.post(editUrl, editUrl, [
      ['titleZh', ''],
      ['titleEn', 'Manual wheelchairs'],
      ['source', 'GB/T 16432-2025'],
    ]);
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('href="#titleZh"');
    expect(empty.body).toContain('value="Manual wheelchairs"');
    const saved = await admin.post(editUrl, editUrl, [
      ['titleZh', '手动轮椅车'],
      ['titleEn', 'Manual wheelchairs'],
      ['source', 'GB/T 16432-2025 正文'],
      ['flags', 'verified'],
      ['flags', 'apl'],
    ]);
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe(`/admin/catalog/classification?version=${edition}&done=nodeSaved`);
    const node = await one<{ verified: boolean; apl: boolean; source: string }>(
      sql`select verified, apl, source from classification_node where version_id = ${editionId} and code = '122203'`,
    );
    expect(node).toEqual({ verified: true, apl: true, source: 'GB/T 16432-2025 正文' });
    expect(await lastAudit()).toMatchObject({ action: 'classification.update', outcome: 'success' });
  });

  it('adds a node under an existing parent, and refuses one without a parent', async () => {
    const newUrl = `/admin/catalog/classification/${edition}/new`;
    const orphan = await admin.post(newUrl, newUrl, [
      ['code', '99 01'],
      ['titleZh', '测试'],
      ['titleEn', 'Test'],
      ['source', 'test'],
    ]);
    expect(orphan.statusCode).toBe(400);
    expect(orphan.body).toContain('上一级 99 还不存在');
    const added = await admin.post(newUrl, newUrl, [
      ['code', '12 22 98'],
      ['titleZh', '测试轮椅'],
      ['titleEn', 'Test wheelchairs'],
      ['source', 'test'],
    ]);
    expect(added.statusCode).toBe(303);
    const again = await admin.post(newUrl, newUrl, [
      ['code', '122298'],
      ['titleZh', '测试轮椅'],
      ['titleEn', 'Test wheelchairs'],
      ['source', 'test'],
    ]);
    expect(again.statusCode).toBe(400);
    expect(again.body).toContain('已经存在');
  });

  it('imports nothing from a file with bad rows, and reports row, column and problem', async () => {
    const before = await nodeCount();
    const csv = [
      'code,title_zh,title_en,source,verified,apl',
      '1297,测试次类,Test subclass,test,否,否',
      '129701,测试支类,Test division,test,maybe,',
      '88 01 01,孤儿支类,Orphan division,test,,',
      '12 97 02,,No Chinese title,test,,',
    ].join('\r\n');
    const importUrl = `/admin/catalog/classification/${edition}/import`;
    const response = await admin.upload(importUrl, importUrl, {
      name: 'nodes.csv',
      content: Buffer.from(csv),
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('没有导入任何节点');
    expect(tableRows(response.body, 'problems')).toEqual([
      ['3', '已核实', expect.stringContaining('maybe')],
      ['4', '编码', expect.stringContaining('88 01')],
      ['5', '中文名称', '必须填写。'],
    ]);
    expect(await nodeCount()).toBe(before);
  });

  it('imports a good xlsx file in one go, adding and updating', async () => {
    const before = await nodeCount();
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('nodes');
    sheet.addRow(['编码', '中文名称', '英文名称', '来源', '已核实', 'APL']);
    sheet.addRow(['12 96', '测试次类', 'Test subclass', 'test', '是', '']);
    sheet.addRow(['12 96 01', '测试支类', 'Test division', 'test', '', '']);
    sheet.addRow(['12 22 03', '手动轮椅车', 'Manual wheelchairs', 'imported', 'yes', 'yes']);
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
    const importUrl = `/admin/catalog/classification/${edition}/import`;
    const response = await admin.upload(importUrl, importUrl, { name: 'nodes.xlsx', content: buffer });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(
      `/admin/catalog/classification?version=${edition}&done=imported&added=2&updated=1`,
    );
    expect(await nodeCount()).toBe(before + 2);
    expect(await lastAudit()).toMatchObject({ action: 'classification.import', outcome: 'success' });
    const list = await admin.get(String(response.headers.location));
    expect(list.body).toContain('新增 2 个，更新 1 个');
  });

  it('reads a classification file from disk with the parser directly', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fuju-cls-'));
    try {
      const path = join(dir, 'nodes.csv');
      await writeFile(
        path,
        '\uFEFFCode,Chinese title,English title,Source\r\n04,测试,Test,src\r\n0401,测试二,Test 2,src\r\n',
      );
      const parsed = await parseClassificationFile(path, 'csv', new Set());
      expect(parsed.problems).toEqual([]);
      expect(parsed.nodes.map((n) => [n.code, n.parentCode, n.level])).toEqual([
        ['04', null, 1],
        ['0401', '04', 2],
      ]);
      await writeFile(path, 'Code,Title\r\n04,x\r\n');
      const refused = await parseClassificationFile(path, 'csv', new Set());
      expect(refused.problems[0]).toMatchObject({ row: 0, message: 'unknown_column' });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('shows the crosswalk to the other edition', async () => {
    const page = await admin.get('/admin/catalog/classification/GB-T-16432-2016/crosswalk');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('id="crosswalk"');
    expect(page.body).toContain('GB/T 16432-2025');
  });
});

describe('synonyms', () => {
  it('splits terms on commas, 、 and spaces, and checks them', () => {
    expect(parseTerms('拐杖、手杖，拐棍 拐杖')).toEqual({ terms: ['拐杖', '手杖', '拐棍'] });
    expect(parseTerms('拐杖')).toEqual({ problem: 'termsTooFew' });
    expect(parseTerms(' ')).toEqual({ problem: 'termsMissing' });
    expect(parseTerms(`拐杖,${'长'.repeat(21)}`)).toMatchObject({ problem: 'termTooLong' });
  });

  it('makes a search for one term find products named by the other, and can change and delete the group', async () => {
    const search = async (q: string) =>
      (await t.app.inject({ url: `/api/v1/products?q=${encodeURIComponent(q)}` })).json() as {
        items: { nameEn: string }[];
      };
    expect((await search('zorblat')).items).toEqual([]);
    const refused = await admin.post('/admin/catalog/synonyms', '/admin/catalog/synonyms', {
      terms: 'zorblat',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('href="#terms"');
    expect(refused.body).toContain('value="zorblat"');
    const added = await admin.post('/admin/catalog/synonyms', '/admin/catalog/synonyms', {
      terms: 'zorblat, chopsticks',
    });
    expect(added.statusCode).toBe(303);
    expect(await lastAudit()).toMatchObject({ action: 'synonym.update', outcome: 'success' });
    const found = await search('zorblat');
    expect(found.items.map((i) => i.nameEn)).toContainEqual(expect.stringContaining('chopsticks'));

    const { id } = await one<{ id: string }>(sql`select id from search_synonym where 'zorblat' = any(terms)`);
    const editUrl = `/admin/catalog/synonyms/${id}/edit`;
    const changed = await admin.post(editUrl, editUrl, { terms: 'zorblat、quuxle、chopsticks' });
    expect(changed.statusCode).toBe(303);
    expect((await search('quuxle')).items.map((i) => i.nameEn)).toContainEqual(
      expect.stringContaining('chopsticks'),
    );
    const deleted = await admin.post('/admin/catalog/synonyms', `/admin/catalog/synonyms/${id}/delete`, {});
    expect(deleted.statusCode).toBe(303);
    expect((await search('quuxle')).items).toEqual([]);
    expect(await lastAudit()).toMatchObject({ action: 'synonym.update', object_id: id });
  });
});
