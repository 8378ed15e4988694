import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInVisitor, type TestApp, testApp, Visitor } from '../../../../../test/support/app.ts';
import { sql } from '../../../../platform/db/index.ts';
import { needsQuestionnaire } from '../../domain/needsQuestionnaire.ts';
import type { Questionnaire } from '../../domain/questionnaire.ts';
import { campaignWithResponses } from './testkit.ts';

let t: TestApp;
let researcher: Visitor;
let main: string;
let earlier: string;
let tiny: string;
let draft: string;
let formula: string;

/** The default questions, with one barrier worded as a spreadsheet formula. */
const formulaQuestionnaire: Questionnaire = {
  ...needsQuestionnaire,
  code: 'tech-needs-formula-test',
  sections: needsQuestionnaire.sections.map((section) => ({
    ...section,
    questions: section.questions.map((q) =>
      q.kind === 'multiple' && q.id === 'barriers'
        ? {
            ...q,
            choices: q.choices.map((c) =>
              c.value === 'cost'
                ? { ...c, label: { zh: '=HYPERLINK("http://x")', en: '=HYPERLINK("http://x")' } }
                : c,
            ),
          }
        : q,
    ),
  })),
};

beforeAll(async () => {
  t = await testApp();
  researcher = await signedInVisitor(t.app, 'demo-researcher');
  main = (
    await campaignWithResponses(t, {
      count: 600,
      seed: 11,
      title: { zh: '测试分析调查', en: 'Test analytics campaign' },
    })
  ).id;
  earlier = (
    await campaignWithResponses(t, {
      count: 300,
      seed: 12,
      title: { zh: '较早的调查', en: 'An earlier campaign' },
    })
  ).id;
  tiny = (await campaignWithResponses(t, { count: 3, seed: 13, districts: ['610113'] })).id;
  draft = (await campaignWithResponses(t, { count: 0, seed: 14, status: 'draft' })).id;
  formula = (await campaignWithResponses(t, { count: 200, seed: 15, questionnaire: formulaQuestionnaire }))
    .id;
}, 120_000);
afterAll(async () => {
  await t.close();
});

const mainOf = (html: string) => html.slice(html.indexOf('<main'), html.indexOf('</main>'));

/** The CSV's lines as fields (the analytics CSV quotes only what needs it; enough for these checks). */
function csvRows(text: string): string[][] {
  const rows: string[][] = [];
  let field = '';
  let row: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n') {
      row.push(field.replace(/\r$/, ''));
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  return rows;
}

/** Every published count of an API answer (cells of count columns that are not withheld). */
function apiCounts(body: {
  tables: {
    columns: { unit: string }[];
    rows: { cells: { value: number | null; suppressed: boolean }[] }[];
  }[];
}): number[] {
  return body.tables.flatMap((table) =>
    table.rows.flatMap((row) =>
      row.cells.flatMap((cell, index) =>
        table.columns[index]?.unit === 'count' && cell.value !== null ? [cell.value] : [],
      ),
    ),
  );
}

describe('the need analytics pages', () => {
  it('lists the campaigns with figures, a count under 5 as "<5", and no draft', async () => {
    const page = await researcher.get('/needs');
    expect(page.statusCode).toBe(200);
    const body = mainOf(page.body);
    expect(body).toContain(`href="/needs/campaigns/${main}"`);
    expect(body).toContain('测试分析调查');
    expect(body).toMatch(new RegExp(`href="/needs/campaigns/${tiny}"[\\s\\S]*?&lt;5`));
    expect(body).not.toContain(draft);
    expect(body).toContain('href="/needs/topics"');
  });

  it('shows a researcher every finding: a sentence, a chart and a table', async () => {
    const page = await researcher.get(`/needs/campaigns/${main}`);
    expect(page.statusCode).toBe(200);
    const body = mainOf(page.body);
    expect(page.body.match(/<h1/g)).toHaveLength(1);
    expect(body.match(/<figure/g)?.length).toBe(12);
    expect(body.match(/<figcaption/g)?.length).toBe(12);
    expect(body.match(/<svg class="fj-chart__svg" aria-hidden="true"/g)?.length).toBeGreaterThanOrEqual(11);
    expect(body).toContain('在 600 名受访者中');
    expect(body).toContain('<th scope="row"');
    expect(body).toContain('来源：需求调查');
    expect(body).toContain('来源：适配个案随访');
    // The CSP forbids inline styles: the charts carry none.
    expect(page.body).not.toMatch(/\sstyle=|<style/);
    expect(page.headers['content-security-policy']).toContain("style-src 'self'");
  });

  it('reads in English too', async () => {
    const page = await researcher.get(`/needs/campaigns/${main}?lang=en`);
    expect(page.statusCode).toBe(200);
    expect(mainOf(page.body)).toContain('Of 600 respondents');
    expect(mainOf(page.body)).toContain('Source: fitting case follow-ups');
    // The language is remembered: back to Chinese for the tests that follow.
    expect((await researcher.get('/needs?lang=zh-CN')).statusCode).toBe(200);
  });

  it('narrows to a district, and compares with another campaign without JavaScript', async () => {
    const district = await researcher.get(`/needs/campaigns/${main}?district=610113&compare=`);
    expect(district.statusCode).toBe(200);
    expect(mainOf(district.body)).toContain('本次调查在雁塔区共有');
    expect(mainOf(district.body)).toContain('<option value="610113" selected');
    const compared = await researcher.get(`/needs/campaigns/${main}?district=&compare=${earlier}`);
    expect(compared.statusCode).toBe(200);
    const body = mainOf(compared.body);
    expect(body).toContain('与“较早的调查”相比，有未满足需求的受访者比例从');
    expect(body).toContain('id="table-comparison"');
    expect(body).toContain(`href="/needs/campaigns/${main}/analytics.xlsx?compare=${earlier}"`);
  });

  it('answers 404 for a draft, an unknown campaign, a district it does not cover or a draft to compare with', async () => {
    for (const url of [
      `/needs/campaigns/${draft}`,
      '/needs/campaigns/00000000-0000-4000-8000-000000000000',
      `/needs/campaigns/${tiny}?district=610116`,
      `/needs/campaigns/${main}?compare=${draft}`,
    ]) {
      expect((await researcher.get(url)).statusCode, url).toBe(404);
    }
    expect((await researcher.get(`/needs/campaigns/${main}?district=abc`)).statusCode).toBe(400);
  });

  it('publishes nothing about a campaign of fewer than five respondents', async () => {
    const page = await researcher.get(`/needs/campaigns/${tiny}`);
    expect(page.statusCode).toBe(200);
    expect(mainOf(page.body)).toContain('提交答卷的受访者少于5人');
    expect(mainOf(page.body)).not.toContain('<figure');
    const api = await researcher.get(`/api/v1/campaigns/${tiny}/analytics`);
    expect(api.json()).toMatchObject({
      tooFewToShow: true,
      tables: [],
      respondents: { count: null, suppressed: true },
    });
  });

  it('is for the roles that read figures: a resident is refused, a visitor asked to sign in', async () => {
    const resident = await signedInVisitor(t.app, 'demo-resident');
    for (const url of ['/needs', `/needs/campaigns/${main}`, `/needs/campaigns/${main}/analytics.csv`]) {
      expect((await resident.get(url)).statusCode, url).toBe(403);
    }
    expect((await resident.get(`/api/v1/campaigns/${main}/analytics`)).statusCode).toBe(403);
    const visitor = new Visitor(t.app);
    expect((await visitor.get(`/needs/campaigns/${main}`)).statusCode).toBe(303);
    expect((await visitor.get(`/api/v1/campaigns/${main}/analytics`)).statusCode).toBe(401);
    for (const user of ['demo-department', 'demo-district-reviewer', 'demo-city-admin']) {
      expect(
        (await (await signedInVisitor(t.app, user)).get(`/needs/campaigns/${main}`)).statusCode,
        user,
      ).toBe(200);
    }
  });
});

describe('the downloads', () => {
  const lastAudit = async () =>
    (
      await t.database.db.query<{
        seq: number;
        action: string;
        object_id: string;
        detail: Record<string, unknown>;
      }>(sql`select seq, action, object_id, detail from audit_event order by seq desc limit 1`)
    )[0];

  it('give every table as a sheet of a workbook that opens, and write one audit row', async () => {
    const before = (await lastAudit())?.seq ?? 0;
    const response = await researcher.get(`/needs/campaigns/${main}/analytics.xlsx?compare=${earlier}`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      '说明',
      '受访者',
      '功能困难',
      '辅具使用',
      '需求-按产品',
      '需求-按分类',
      '未满足-按区县',
      '未满足-按残疾类别',
      '未满足-按年龄组',
      '障碍',
      '满意度',
      '科技需求',
      '随访对照',
      '比较',
    ]);
    const respondents = workbook.getWorksheet('受访者');
    const total = respondents?.getRows(1, 20)?.find((row) => row.getCell(1).value === '合计');
    expect(total?.getCell(2).value).toBe(600);
    expect(total?.getCell(3).value).toBe(1);
    const audit = await lastAudit();
    expect(audit?.seq).toBe(before + 1);
    expect(audit).toMatchObject({
      action: 'survey.analytics_export',
      object_id: main,
      detail: { format: 'xlsx', compare: earlier, district: null },
    });
  });

  it('give the same figures as a CSV with a BOM, text guarded against formulas', async () => {
    const response = await researcher.get(`/needs/campaigns/${formula}/analytics.csv`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/csv');
    expect(response.body.startsWith('\uFEFF表格,行,列,数值,单位\r\n')).toBe(true);
    expect(response.body).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(response.body).not.toMatch(/(^|,)=HYPERLINK/m);
    const rows = csvRows(response.body.slice(1)).slice(1);
    expect(rows.length).toBeGreaterThan(300);
    expect(rows).toContainEqual(['各区县受访者和残疾识别', '合计', '受访者（人）', '200', '人']);
    const book = await researcher.get(`/needs/campaigns/${formula}/analytics.xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(book.rawPayload as unknown as ArrayBuffer);
    const barriers = workbook.getWorksheet('障碍');
    const labels = barriers?.getColumn(1).values.filter((v) => typeof v === 'string') as string[];
    expect(labels).toContain(`'=HYPERLINK("http://x")`);
  });
});

describe('the survey API', () => {
  it('gives questionnaires and campaigns to anyone, a count under 5 withheld', async () => {
    const visitor = new Visitor(t.app);
    const questionnaires = await visitor.get('/api/v1/questionnaires');
    expect(questionnaires.statusCode).toBe(200);
    const q = questionnaires.json().items.find((i: { code: string }) => i.code === 'tech-needs');
    expect(q.definition.sections.length).toBeGreaterThan(2);
    const campaigns = await visitor.get('/api/v1/campaigns');
    expect(campaigns.statusCode).toBe(200);
    const items: { id: string; submitted: unknown; status: string }[] = campaigns.json().items;
    expect(items.find((c) => c.id === main)).toMatchObject({
      status: 'closed',
      submitted: { count: 600, suppressed: false },
    });
    expect(items.find((c) => c.id === tiny)?.submitted).toEqual({ count: null, suppressed: true });
    expect(items.some((c) => c.id === draft)).toBe(false);
  });

  it('gives a campaign’s analytics as the page shows them, withheld cells null and marked', async () => {
    const response = await researcher.get(`/api/v1/campaigns/${main}/analytics?compare=${earlier}`);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.respondents).toEqual({ count: 600, suppressed: false });
    expect(body.tables.map((x: { id: string }) => x.id)).toContain('comparison');
    const byDistrict = body.tables.find((x: { id: string }) => x.id === 'respondentsByDistrict');
    expect(byDistrict.columns[0]).toEqual({
      id: 'respondents',
      unit: 'count',
      label: { zh: '受访者（人）', en: 'Respondents' },
    });
    const total = byDistrict.rows.find((r: { key: string }) => r.key === 'total');
    expect(total.cells[0]).toEqual({ value: 600, suppressed: false });
    const withheld = body.tables.flatMap(
      (x: { rows: { cells: { value: unknown; suppressed: boolean }[] }[] }) =>
        x.rows.flatMap((r) => r.cells.filter((c) => c.suppressed)),
    );
    for (const cell of withheld) expect(cell.value).toBeNull();
    expect(apiCounts(body).some((n) => n >= 1 && n <= 4)).toBe(false);
  });

  it('never gives a count from 1 to 4, in the API or the CSV, for small campaigns of any shape', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 100_000 }),
        fc.integer({ min: 5, max: 60 }),
        fc.subarray(['610102', '610112', '610113', '610116'], { minLength: 1 }),
        async (seed, count, districts) => {
          const { id } = await campaignWithResponses(t, { count, seed, districts });
          const api = await researcher.get(`/api/v1/campaigns/${id}/analytics`);
          expect(api.statusCode).toBe(200);
          expect(apiCounts(api.json()).filter((n) => n >= 1 && n <= 4)).toEqual([]);
          const csv = await researcher.get(`/needs/campaigns/${id}/analytics.csv`);
          const counts = csvRows(csv.body.slice(1))
            .slice(1)
            .filter((row) => row[4] === '人')
            .map((row) => row[3]);
          expect(counts.length).toBeGreaterThan(100);
          expect(counts.filter((v) => ['1', '2', '3', '4'].includes(v ?? ''))).toEqual([]);
        },
      ),
      { numRuns: 6 },
    );
  }, 120_000);
});
