import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInVisitor, type TestApp, testApp, type Visitor } from '../../../../../test/support/app.ts';
import { sql } from '../../../../platform/db/index.ts';
import { fenToYuan, yuanToFen } from './formData.ts';

let t: TestApp;
let supplier: Visitor;
let admin: Visitor;
let supplierId: string;

const supplierName = '示例康行辅具科技有限公司';

const one = async <R>(query: ReturnType<typeof sql>): Promise<R> => {
  const [row] = await t.database.db.query<R>(query);
  if (row === undefined) throw new Error(`no row for ${query.text}`);
  return row;
};
const lastAudit = () =>
  one<{
    action: string;
    outcome: string;
    object_id: string | null;
    detail: Record<string, unknown> | string;
  }>(sql`select action, outcome, object_id, detail from audit_event order by seq desc limit 1`);
const productCount = async () =>
  Number(
    (await one<{ n: string }>(sql`select count(*) as n from product where supplier_id = ${supplierId}`)).n,
  );
const h1Count = (html: string) => html.match(/<h1[\s>]/g)?.length ?? 0;

interface StoredDocument {
  url: string;
  kind: string;
  titleZh: string;
  titleEn: string;
}
/** The documents of a product's latest version, as stored in `product_version.details`. */
const storedDocuments = async (productId: string): Promise<StoredDocument[]> => {
  const row = await one<{ details: { documents: StoredDocument[] } | string }>(
    sql`select details from product_version where product_id = ${productId} order by version desc limit 1`,
  );
  const details = typeof row.details === 'string' ? JSON.parse(row.details) : row.details;
  return details.documents;
};

let dataDir: string;

beforeAll(async () => {
  // Uploads are kept under the data directory while they are read: a temporary one per file.
  dataDir = await mkdtemp(join(tmpdir(), 'fuju-uploads-'));
  t = await testApp({ env: { FUJU_DATA_DIR: dataDir } });
  [supplier, admin] = await Promise.all([
    signedInVisitor(t.app, 'demo-supplier'),
    signedInVisitor(t.app, 'demo-city-admin'),
  ]);
  supplierId = (await one<{ id: string }>(sql`select id from organisation where name_zh = ${supplierName}`))
    .id;
});
afterAll(async () => {
  await t.close();
  // Every upload was deleted after use: only the empty folder is left.
  expect(await readdir(join(dataDir, 'imports'))).toEqual([]);
  await rm(dataDir, { recursive: true, force: true });
});

/** A multipart body built by hand: the fields, then one file. */
function multipart(fields: Record<string, string>, file: { name: string; type: string; content: Buffer }) {
  const boundary = `----fuju-test-${randomUUID()}`;
  const parts: Buffer[] = Object.entries(fields).map(([name, value]) =>
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
  );
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`,
    ),
    file.content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

async function upload(visitor: Visitor, fileName: string, content: string | Buffer) {
  const page = await visitor.get('/supplier/imports/new');
  const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
  const body = multipart(
    { _csrf: token },
    { name: fileName, type: 'text/csv', content: Buffer.from(content) },
  );
  return t.app.inject({
    method: 'POST',
    url: '/supplier/imports',
    headers: { cookie: visitor.cookie, 'content-type': body.contentType },
    payload: body.payload,
  });
}

/** Waits for a background import to finish and returns its report page. */
async function finishedReport(visitor: Visitor, url: string) {
  for (let attempt = 0; attempt < 200; attempt++) {
    const page = await visitor.get(url);
    if (!page.body.includes('进行中')) return page;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`import at ${url} did not finish`);
}

/** The cells of the problems table: [row, column, message]. */
const problemRows = (html: string): string[][] => {
  const table = html.slice(html.indexOf('<tbody', html.indexOf('id="problems"')));
  return [...table.matchAll(/<tr class="fj-table__row">(.*?)<\/tr>/gs)]
    .map((m) =>
      [...(m[1] ?? '').matchAll(/<t[dh][^>]*>(.*?)<\/t[dh]>/gs)].map((c) =>
        (c[1] ?? '').replace(/<[^>]+>/g, ''),
      ),
    )
    .filter((cells) => cells.length === 3);
};

const productFields = (overrides: Record<string, string> = {}): [string, string][] => {
  const base: Record<string, string> = {
    nameZh: '测试旋风折叠轮椅',
    nameEn: 'Test Whirlwind folding wheelchair',
    model: 'XF-2026',
    isoCode: '122203',
    descriptionZh: '轻便的折叠轮椅。',
    descriptionEn: 'A light folding wheelchair.',
    price: '12.345',
    registrationNumber: '',
    certifications: 'CCC\nISO 13485',
    imageUrl: '',
    imageAltZh: '',
    imageAltEn: '',
    documentUrl: '',
    documentKind: '',
    documentTitleZh: '',
    documentTitleEn: '',
    replacesProductId: '',
    attributesOf: '',
    intent: 'save',
    ...overrides,
  };
  return [...Object.entries(base), ['functionAreas', 'mobility'], ['disabilityCategories', 'physical']];
};

describe('price in yuan', () => {
  it('turns yuan into fen by the digits, never through a float', () => {
    expect(yuanToFen('0.1')).toBe(10);
    expect(yuanToFen('1,280.50')).toBe(128_050);
    expect(yuanToFen('¥ 19.99')).toBe(1999);
    expect(yuanToFen('12.345')).toBeUndefined();
    expect(yuanToFen('1e3')).toBeUndefined();
    expect(yuanToFen('-5')).toBeUndefined();
    expect(fenToYuan(128_050)).toBe('1280.50');
  });
});

describe('a product from draft to publication', () => {
  let productId: string;

  it('refuses a draft with an invalid price, keeping every value', async () => {
    const response = await supplier.post('/supplier/products/new', '/supplier/products/new', productFields());
    expect(response.statusCode).toBe(400);
    expect(response.body).toMatch(/<title>错误：/);
    expect(response.body).toContain('fj-error-summary');
    expect(response.body).toContain('href="#price"');
    expect(response.body).toContain('参考价格应为大于 0');
    expect(response.body).toContain('value="测试旋风折叠轮椅"');
    expect(response.body).toContain('value="12.345"');
    expect(response.body).toMatch(/value="mobility"[^>]*checked/);
    expect(response.body).toContain('ISO 13485</textarea>');
    expect(h1Count(response.body)).toBe(1);
  });

  it('saves the corrected draft and submits it for review', async () => {
    const before = await productCount();
    const saved = await supplier.post(
      '/supplier/products/new',
      '/supplier/products/new',
      productFields({ price: '1,280.50' }),
    );
    expect(saved.statusCode).toBe(303);
    const location = String(saved.headers.location);
    productId = /^\/supplier\/products\/([0-9a-f-]{36})\?done=created$/.exec(location)?.[1] ?? '';
    expect(productId).not.toBe('');
    expect(await productCount()).toBe(before + 1);
    const version = await one<{ price_fen: string; details: { priceFen: number } | string }>(
      sql`select price_fen, details from product_version where product_id = ${productId} and version = 1`,
    );
    expect(Number(version.price_fen)).toBe(128_050);
    const page = await supplier.get(location);
    expect(page.body).toContain('已保存产品草稿');
    expect(page.body).toContain('测试旋风折叠轮椅');
    // The class is saved now, so its attributes are offered.
    const edit = await supplier.get(`/supplier/products/${productId}/edit`);
    expect(edit.body).toContain('name="attr_seatWidth"');

    const submitted = await supplier.post(
      `/supplier/products/${productId}`,
      `/supplier/products/${productId}/submit`,
      {},
    );
    expect(submitted.statusCode).toBe(303);
    expect(submitted.headers.location).toBe(`/supplier/products/${productId}?done=submitted`);
    expect(await lastAudit()).toMatchObject({
      action: 'product.submit',
      outcome: 'success',
      object_id: productId,
    });
    // Frozen while in review.
    const frozen = await supplier.get(`/supplier/products/${productId}/edit`);
    expect(frozen.statusCode).toBe(409);
  });

  it('lets the city administrator send it back with a reason, which the supplier sees', async () => {
    const queue = await admin.get('/admin/catalog/review');
    expect(queue.statusCode).toBe(200);
    expect(queue.body).toContain(`/admin/catalog/review/${productId}`);
    const empty = await admin.post(
      `/admin/catalog/review/${productId}`,
      `/admin/catalog/review/${productId}/reject`,
      {
        reason: '  ',
      },
    );
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('href="#rejectReason"');
    expect(empty.body).toContain('请输入退回理由');
    const rejected = await admin.post(
      `/admin/catalog/review/${productId}`,
      `/admin/catalog/review/${productId}/reject`,
      {
        reason: '请补充座宽参数。',
      },
    );
    expect(rejected.statusCode).toBe(303);
    expect(await lastAudit()).toMatchObject({ action: 'product.reject', outcome: 'success' });
    const page = await supplier.get(`/supplier/products/${productId}`);
    expect(page.body).toContain('请补充座宽参数。');
    expect(page.body).toContain('已退回');
  });

  it('takes the edited version again, and publishes it on approval', async () => {
    const resubmitted = await supplier.post(
      `/supplier/products/${productId}/edit`,
      `/supplier/products/${productId}/edit`,
      productFields({
        price: '1280.50',
        attributesOf: '122203',
        attr_seatWidth: '46',
        documentUrl: 'https://example.com/xf-2026-manual.pdf',
        documentKind: 'manual',
        documentTitleZh: '旋风折叠轮椅使用说明书',
        documentTitleEn: 'Whirlwind wheelchair user manual',
        intent: 'submit',
      }),
    );
    expect(resubmitted.statusCode).toBe(303);
    expect(resubmitted.headers.location).toBe(`/supplier/products/${productId}?done=submitted`);
    expect(await storedDocuments(productId)).toEqual([
      {
        url: 'https://example.com/xf-2026-manual.pdf',
        kind: 'manual',
        titleZh: '旋风折叠轮椅使用说明书',
        titleEn: 'Whirlwind wheelchair user manual',
      },
    ]);
    const review = await admin.get(`/admin/catalog/review/${productId}`);
    expect(review.statusCode).toBe(200);
    expect(review.body).toContain('46 cm');
    const approved = await admin.post(
      `/admin/catalog/review/${productId}`,
      `/admin/catalog/review/${productId}/approve`,
      {},
    );
    expect(approved.statusCode).toBe(303);
    expect(await lastAudit()).toMatchObject({ action: 'product.approve', outcome: 'success' });
    const found = await t.app.inject({ url: `/api/v1/products?q=${encodeURIComponent('测试旋风折叠轮椅')}` });
    expect(found.statusCode).toBe(200);
    expect((found.json() as { items: { id: string }[] }).items.map((i) => i.id)).toContain(productId);
    // The public product page links the document, with its kind and title in the page's language.
    const publicPage = await t.app.inject({ url: `/products/${productId}` });
    expect(publicPage.statusCode).toBe(200);
    expect(publicPage.body).toMatch(
      /<a href="https:\/\/example\.com\/xf-2026-manual\.pdf">.*旋风折叠轮椅使用说明书.*<\/a> \(使用说明书\)/s,
    );
    const english = await t.app.inject({ url: `/products/${productId}?lang=en` });
    expect(english.body).toContain('Whirlwind wheelchair user manual');
    expect(english.body).toContain('(User manual)');
  });

  it('revises a published product as a new version and withdraws it with a reason', async () => {
    const page = await supplier.get(`/supplier/products/${productId}`);
    expect(page.body).toContain('下架产品');
    const noReason = await supplier.post(
      `/supplier/products/${productId}/withdraw`,
      `/supplier/products/${productId}/withdraw`,
      { reason: '' },
    );
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('请输入下架理由');
    const withdrawn = await supplier.post(
      `/supplier/products/${productId}/withdraw`,
      `/supplier/products/${productId}/withdraw`,
      { reason: '已停产' },
    );
    expect(withdrawn.statusCode).toBe(303);
    expect(await lastAudit()).toMatchObject({ action: 'product.withdraw', outcome: 'success' });
    const after = await supplier.get(`/supplier/products/${productId}?done=withdrawn`);
    expect(after.body).toContain('已下架');
    expect(after.body).toContain('已停产');
  });
});

describe('a document on the product form', () => {
  const documentFields = {
    model: 'DOC-2026',
    price: '980',
    documentUrl: 'https://example.com/doc-2026.pdf',
    documentKind: 'test_report',
    documentTitleZh: '检测报告 2026',
    documentTitleEn: 'Test report 2026',
  };
  let productId: string;

  it('asks for the kind and the Chinese title when the address is given, keeping every value', async () => {
    const response = await supplier.post(
      '/supplier/products/new',
      '/supplier/products/new',
      productFields({
        ...documentFields,
        documentKind: '',
        documentTitleZh: '',
        documentTitleEn: 'Manual in English only',
      }),
    );
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('fj-error-summary');
    expect(response.body).toContain('<a href="#documentKind">请选择资料类型</a>');
    expect(response.body).toContain('<a href="#documentTitleZh">请输入资料的中文标题</a>');
    expect(response.body).toContain('value="https://example.com/doc-2026.pdf"');
    expect(response.body).toContain('value="Manual in English only"');
    expect(response.body).toContain('说明书或其他资料（选填）');
  });

  it('refuses an address that is not https, and titles without an address', async () => {
    const insecure = await supplier.post(
      '/supplier/products/new',
      '/supplier/products/new',
      productFields({ ...documentFields, documentUrl: 'http://example.com/doc.pdf' }),
    );
    expect(insecure.statusCode).toBe(400);
    expect(insecure.body).toContain('<a href="#documentUrl">资料网址应以 https:// 开头');
    expect(insecure.body).toMatch(/value="test_report"[^>]*selected/);
    const noAddress = await supplier.post(
      '/supplier/products/new',
      '/supplier/products/new',
      productFields({ ...documentFields, documentUrl: '' }),
    );
    expect(noAddress.statusCode).toBe(400);
    expect(noAddress.body).toContain('<a href="#documentUrl">请输入资料网址，或清空资料标题</a>');
    expect(noAddress.body).toContain('value="检测报告 2026"');
  });

  it('saves the document, shows it on the edit page, and keeps the others unchanged', async () => {
    const saved = await supplier.post(
      '/supplier/products/new',
      '/supplier/products/new',
      productFields(documentFields),
    );
    expect(saved.statusCode).toBe(303);
    productId = /^\/supplier\/products\/([0-9a-f-]{36})\?/.exec(String(saved.headers.location))?.[1] ?? '';
    const first = {
      url: 'https://example.com/doc-2026.pdf',
      kind: 'test_report',
      titleZh: '检测报告 2026',
      titleEn: 'Test report 2026',
    };
    expect(await storedDocuments(productId)).toEqual([first]);

    // A second document, as an earlier version (or another channel) may have given.
    const second = {
      url: 'https://example.com/doc-2026.mp4',
      kind: 'video',
      titleZh: '使用视频',
      titleEn: '',
    };
    await t.database.db.query(
      sql`update product_version set details = jsonb_set(details, '{documents}', ${JSON.stringify([first, second])}::jsonb)
          where product_id = ${productId} and version = 1`,
    );
    const edit = await supplier.get(`/supplier/products/${productId}/edit`);
    expect(edit.statusCode).toBe(200);
    expect(edit.body).toContain('value="https://example.com/doc-2026.pdf"');
    expect(edit.body).toMatch(/value="test_report"[^>]*selected/);
    expect(edit.body).toContain('value="检测报告 2026"');
    expect(edit.body).toContain('已有的另外 1 份资料');

    const changed = await supplier.post(
      `/supplier/products/${productId}/edit`,
      `/supplier/products/${productId}/edit`,
      productFields({ ...documentFields, documentKind: 'brochure', documentTitleZh: '产品手册 2026' }),
    );
    expect(changed.statusCode).toBe(303);
    expect(await storedDocuments(productId)).toEqual([
      { ...first, kind: 'brochure', titleZh: '产品手册 2026' },
      second,
    ]);

    // An empty address removes the form's document; the others stay.
    const cleared = await supplier.post(
      `/supplier/products/${productId}/edit`,
      `/supplier/products/${productId}/edit`,
      productFields({ ...documentFields, documentUrl: '', documentTitleZh: '', documentTitleEn: '' }),
    );
    expect(cleared.statusCode).toBe(303);
    expect(await storedDocuments(productId)).toEqual([second]);
  });
});

describe('object authorisation', () => {
  it('gives 404 for another supplier’s product, and audits the denial', async () => {
    const other = await one<{ id: string }>(
      sql`select id from product where supplier_id <> ${supplierId} order by id limit 1`,
    );
    for (const path of [`/supplier/products/${other.id}`, `/supplier/products/${other.id}/edit`]) {
      const response = await supplier.get(path);
      expect(response.statusCode).toBe(404);
      expect(await lastAudit()).toMatchObject({ outcome: 'denied', object_id: other.id });
    }
    const list = await supplier.get('/supplier/products?status=published');
    expect(list.body).not.toContain(other.id);
  });

  it('keeps suppliers out of the review pages, and lets the city administrator read suppliers’ lists', async () => {
    expect((await supplier.get('/admin/catalog')).statusCode).toBe(403);
    const all = await admin.get('/supplier/products');
    expect(all.statusCode).toBe(200);
    expect(all.body).toContain('<th scope="col" class="fj-table__header">企业</th>');
    expect((await admin.get('/supplier/products/new')).statusCode).toBe(403);
  });

  it('refuses a field the form does not have', async () => {
    const response = await supplier.post('/supplier/products/new', '/supplier/products/new', [
      ...productFields({ price: '100' }),
      ['status', 'published'],
    ]);
    expect(response.statusCode).toBe(400);
  });
});

const header = '产品名称,英文名称,型号,分类编码,参考价格（元）,功能领域\r\n';

describe('import', () => {
  it('refuses a file with two bad rows, names row and column, and imports nothing', async () => {
    const before = await productCount();
    const csv = `${header}导入测试轮椅甲,Import test chair A,IMP-A,12 22 03,1280.50,行动\r\n导入测试轮椅乙,Import test chair B,IMP-B,12 22 03,abc,行动\r\n导入测试轮椅丙,Import test chair C,IMP-C,99 99 99,300,行动\r\n`;
    const response = await upload(supplier, '坏文件.csv', csv);
    expect(response.statusCode).toBe(303);
    const report = await finishedReport(supplier, String(response.headers.location));
    expect(report.body).toContain('没有导入任何产品');
    expect(problemRows(report.body)).toEqual([
      ['3', '参考价格（元）', expect.stringContaining('abc')],
      ['4', '分类编码', expect.stringContaining('99 99 99')],
    ]);
    expect(await productCount()).toBe(before);
    const english = await supplier.get(`${response.headers.location}?lang=en`);
    expect(problemRows(english.body)[0]?.[1]).toBe('Reference price (yuan)');
    expect(english.body).toContain('Nothing was imported');
    await supplier.get('/supplier/products?lang=zh-CN');
  });

  it('imports a good file as drafts, and submits them all for review', async () => {
    const before = await productCount();
    const csv = `${header.replace('\r\n', ',技术参数\r\n')}导入测试轮椅一,Import test chair 1,IMP-001,12 22 03,1280.50,行动,座宽=46；Maximum user weight=120\r\n导入测试轮椅二,Import test chair 2,IMP-002,12 22 03,990,行动\r\n导入测试轮椅三,Import test chair 3,IMP-003,12 22 03,1500,行动\r\n`;
    const response = await upload(supplier, 'products.csv', csv);
    expect(response.statusCode).toBe(303);
    const report = await finishedReport(supplier, String(response.headers.location));
    expect(report.body).toContain('已把 3 个产品保存为草稿');
    expect(await productCount()).toBe(before + 3);
    expect(report.body).toContain('把这次导入的 3 个草稿全部提交审核');
    const submitted = await supplier.post(
      String(response.headers.location),
      `${response.headers.location}/submit`,
      {},
    );
    expect(submitted.statusCode).toBe(303);
    const states = await t.database.db.query<{ state: string }>(
      sql`select v.state from product_version v join product p on p.id = v.product_id
          where p.supplier_id = ${supplierId} and v.model like 'IMP-00%'`,
    );
    expect(states.map((s) => s.state)).toEqual(['submitted', 'submitted', 'submitted']);
    const first = await one<{ details: { attributes: Record<string, number> } | string }>(
      sql`select details from product_version where model = 'IMP-001'`,
    );
    const details = typeof first.details === 'string' ? JSON.parse(first.details) : first.details;
    expect(details.attributes).toEqual({ seatWidth: 46, maxUserWeight: 120 });
    const list = await supplier.get('/supplier/imports');
    expect(list.body).toContain('products.csv');
  });

  it('refuses a file that is not a spreadsheet, and one with no file at all', async () => {
    const binary = await upload(supplier, 'picture.xlsx', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0]));
    expect(binary.statusCode).toBe(400);
    expect(binary.body).toContain('文件应为 Excel');
    expect(binary.body).toContain('href="#file"');
    const none = await upload(supplier, '', '');
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain('请选择要上传的文件');
  });

  it('refuses an upload without a valid CSRF token', async () => {
    const body = multipart(
      { _csrf: 'forged' },
      { name: 'x.csv', type: 'text/csv', content: Buffer.from(header) },
    );
    const response = await t.app.inject({
      method: 'POST',
      url: '/supplier/imports',
      headers: { cookie: supplier.cookie, 'content-type': body.contentType },
      payload: body.payload,
    });
    expect(response.statusCode).toBe(403);
  });

  it('offers templates with the columns and no rows', async () => {
    const csv = await supplier.get('/supplier/imports/template.csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-disposition']).toMatch(/^attachment; filename="/);
    expect(parseCsv(csv.rawPayload, { bom: true })).toHaveLength(1);
    const xlsx = await supplier.get('/supplier/imports/template.xlsx');
    expect(xlsx.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets[0]?.rowCount).toBe(1);
  });
});

describe('export', () => {
  it('streams the supplier’s products as CSV and xlsx that read back with the same row count, audited', async () => {
    const count = await productCount();
    const csv = await supplier.get('/supplier/products/export.csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toMatch(/^attachment; filename="fuju-products-[\d-]+\.csv"$/);
    expect(parseCsv(csv.rawPayload, { bom: true, relax_column_count: true })).toHaveLength(count + 1);
    const audit = await lastAudit();
    expect(audit).toMatchObject({ action: 'product.export', outcome: 'success', object_id: supplierId });
    const detail = typeof audit.detail === 'string' ? JSON.parse(audit.detail) : audit.detail;
    expect(detail).toMatchObject({ rows: count, format: 'csv' });

    const xlsx = await supplier.get('/supplier/products/export.xlsx');
    expect(xlsx.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets[0]?.rowCount).toBe(count + 1);
  });
});
