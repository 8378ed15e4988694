import { type Queryable, sql } from '../../platform/db/index.ts';
import { publishedProductsByModel, setSubsidyCatalogMembership } from '../catalog/index.ts';
import { staffHoldingRoles } from '../identity/index.ts';
import {
  addReviewers,
  declareConflict,
  insertAdmission,
  recordScores,
  setAdmissionStatus,
} from './admissionsRepo.ts';
import {
  insertCatalog,
  productsInForce,
  readSettings,
  replaceRehabItems,
  replaceSubsidyItems,
  setCatalogStatus,
  subsidyItems,
} from './catalogsRepo.ts';
import { noticeEndsOn } from './domain/admission.ts';
import { addDays, beijingDay, policyYearBounds } from './domain/policyYear.ts';
import { readRehabSeed, readSubsidySeed, seedYears } from './seedFiles.ts';

/**
 * The seeded catalogs (2025 superseded, 2026 in force) with their admitted
 * products, and three admissions: one under public notice, one with its
 * panel scoring, one waiting for a panel.
 */
export async function seedPolicyCatalogs(tx: Queryable, now: Date): Promise<Record<string, number>> {
  const [existing] = await tx.query<{ n: string | number }>(sql`select count(*) as n from policy_catalog`);
  if (Number(existing?.n ?? 0) > 0) return {};
  const settings = await readSettings(tx);
  let subsidyItemCount = 0;
  let rehabItemCount = 0;
  let latestSubsidyId = '';
  for (const year of seedYears) {
    const status = year === seedYears.at(-1) ? 'in_force' : 'superseded';
    const bounds = policyYearBounds(year, settings.yearStart);
    const subsidy = readSubsidySeed(year);
    const subsidyId = await insertCatalog(tx, { ...subsidy, ...bounds, isDemo: true }, null);
    const models = await publishedProductsByModel(
      tx,
      subsidy.items.flatMap((i) => i.products.map((p) => p.model)),
    );
    const links = subsidy.items.flatMap((item) =>
      item.products.flatMap((p) => {
        const product = models.get(p.model);
        return product === undefined
          ? []
          : [{ code: item.code, productId: product.id, priceFen: p.priceFen ?? product.priceFen }];
      }),
    );
    await replaceSubsidyItems(tx, subsidyId, subsidy.items, links);
    await setCatalogStatus(tx, subsidyId, status);
    subsidyItemCount += subsidy.items.length;
    latestSubsidyId = subsidyId;

    const rehab = readRehabSeed(year);
    const rehabId = await insertCatalog(tx, { ...rehab, ...bounds, isDemo: true }, null);
    await replaceRehabItems(tx, rehabId, rehab.items);
    await setCatalogStatus(tx, rehabId, status);
    rehabItemCount += rehab.items.length;
  }
  await setSubsidyCatalogMembership(tx, await productsInForce(tx));
  const admissions = await seedAdmissions(tx, latestSubsidyId, now, settings);
  return { subsidyItems: subsidyItemCount, rehabItems: rehabItemCount, admissions };
}

async function seedAdmissions(
  tx: Queryable,
  catalogId: string,
  now: Date,
  settings: Awaited<ReturnType<typeof readSettings>>,
): Promise<number> {
  const items = await subsidyItems(tx, catalogId);
  const listed = new Set(items.flatMap((i) => i.products.map((p) => p.productId)));
  // Products of the demo suppliers that fit an item but are not listed yet.
  const rows = await tx.query<{
    id: string;
    iso_code: string;
    price_fen: string | number;
    supplier_id: string;
  }>(
    sql`select p.id, v.iso_code, v.price_fen, p.supplier_id
        from product p join product_version v on v.product_id = p.id and v.version = p.published_version
        where p.status = 'published' and p.is_demo
        order by v.model`,
  );
  const candidates = rows.flatMap((r) => {
    const item = items.find((i) => i.isoCodes.includes(r.iso_code));
    return item === undefined || listed.has(r.id) ? [] : [{ ...r, item }];
  });
  const reviewers = await staffHoldingRoles(tx, ['assessor', 'researcher', 'department_officer']);
  const panel = [...new Map(reviewers.map((r) => [r.userId, r])).values()].slice(0, 3);
  const today = beijingDay(now);
  // One admission per supplier and item, so each demo supplier account that has one sees a different stage.
  const usedItems = new Set<string>();
  const usedSuppliers = new Set<string>();
  const picks = candidates.filter((c) => {
    if (usedItems.has(c.item.id) || usedSuppliers.has(c.supplier_id)) return false;
    usedItems.add(c.item.id);
    usedSuppliers.add(c.supplier_id);
    return true;
  });
  const stages = ['notice', 'under_review', 'applied'] as const;
  let count = 0;
  for (const [index, stage] of stages.entries()) {
    const pick = picks[index];
    if (pick === undefined) break;
    const id = await insertAdmission(tx, {
      itemId: pick.item.id,
      productId: pick.id,
      applicantOrganisationId: pick.supplier_id,
      priceFen: Math.min(Number(pick.price_fen), pick.item.maxSubsidyFen),
      evidence: {
        registrationNumber: '',
        testReports: [{ title: '型式检验报告（示例）', url: 'https://example.org/demo-test-report.pdf' }],
        trialParticipants: 30 + index * 10,
        trialSummary: '示例：在两个社区辅具服务站组织试用四周，多数使用者认为操作简便、舒适。',
      },
      createdBy: null,
    });
    count += 1;
    if (stage === 'applied') continue;
    await addReviewers(
      tx,
      id,
      panel.map((p) => p.userId),
      null,
    );
    await setAdmissionStatus(tx, id, 'under_review', { weights: settings.weights });
    const scoring = stage === 'notice' ? panel : panel.slice(1);
    for (const [n, member] of scoring.entries()) {
      await declareConflict(tx, id, member.userId, { hasConflict: false, statement: '' });
      await recordScores(
        tx,
        id,
        member.userId,
        { maturity: 80 + n, safety: 85, cost: 78 + 2 * n, feedback: 82 },
        '示例评审意见：证据完整，建议纳入。',
      );
    }
    if (stage === 'notice') {
      const startsOn = addDays(today, -2);
      await setAdmissionStatus(tx, id, 'notice', {
        decision: {
          reason: '评审组一致认为该产品技术成熟、安全可靠、性价比较高，拟纳入目录。',
          by: null,
          noticeStartsOn: startsOn,
          noticeEndsOn: noticeEndsOn(startsOn, settings.noticeDays),
        },
      });
    }
  }
  return count;
}
