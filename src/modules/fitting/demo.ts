import type { Grant, Role, SignedInActor } from '../../platform/auth/index.ts';
import { type Db, type Queryable, sql } from '../../platform/db/index.ts';
import type { DemoContext } from '../../platform/module.ts';
import { productSummaries } from '../catalog/index.ts';
import { findAccountByUsername, type MessageSender } from '../identity/index.ts';
import { demoPersonIds, type PersonFacts, personFacts } from '../people/index.ts';
import { addDays, beijingDay, subsidyCatalogOn } from '../policyCatalogs/index.ts';
import { setBudget } from './budgetRepo.ts';
import type { FittingCase } from './caseRepo.ts';
import { type CaseActor, CaseService, type CommandInput } from './caseService.ts';
import { type FunctionArea, likelyAreaOf } from './domain/assessment.ts';
import type { CaseCommand, CaseStatus } from './domain/caseFlow.ts';
import type { Override } from './domain/eligibility.ts';
import { latestEligibility } from './stepsRepo.ts';

/** The supplier whose demo account should find cases in its queue. */
const demoSupplierName = '示例康行辅具科技有限公司';
const demoBudgetFen = 200_000_000; // ¥2,000,000 per district and year: illustrative

/**
 * The demo's cases: at least one in every status, two or more for each demo
 * resident, spread over districts. Each is driven through the real commands
 * on a moving clock, so its history, eligibility record, budget reservation
 * and follow-ups are exactly what the workflow would have written.
 */
/** A plan may name the district its person lives in, so the demo district staff find work at that step. */
type Plan = { readonly status: CaseStatus; readonly daysAgo: number; readonly district?: string };

/** Where the demo community worker and district reviewer work (雁塔区). */
const demoStaffDistrict = '610113';

const plans: readonly Plan[] = [
  { status: 'closed', daysAgo: 420 },
  { status: 'followed_up', daysAgo: 58 },
  { status: 'trained', daysAgo: 45 },
  { status: 'delivered', daysAgo: 40 },
  { status: 'fitting', daysAgo: 35 },
  { status: 'approved', daysAgo: 30 },
  { status: 'prescribed', daysAgo: 28 },
  { status: 'assessed', daysAgo: 26 },
  { status: 'assessment_scheduled', daysAgo: 20 },
  { status: 'eligibility_checked', daysAgo: 18 },
  { status: 'submitted', daysAgo: 3, district: demoStaffDistrict },
  { status: 'returned', daysAgo: 15, district: demoStaffDistrict },
  { status: 'rejected', daysAgo: 33, district: demoStaffDistrict },
  { status: 'appealed', daysAgo: 38 },
  { status: 'withdrawn', daysAgo: 12 },
  { status: 'submitted', daysAgo: 21 },
  { status: 'prescribed', daysAgo: 24 },
  { status: 'fitting', daysAgo: 42 },
  { status: 'closed', daysAgo: 415 },
  { status: 'approved', daysAgo: 27 },
  { status: 'assessment_scheduled', daysAgo: 9 },
  { status: 'submitted', daysAgo: 1 },
];

/** Which plan each demo resident's cases follow (index into `plans`). */
const residentPlans: Readonly<Record<string, readonly number[]>> = {
  'demo-resident': [8, 0],
  'demo-resident-2': [6, 3],
};

const paths: Record<CaseStatus, readonly CaseCommand[]> = (() => {
  const main: CaseCommand[] = [
    'confirmEligibility',
    'scheduleAssessment',
    'recordAssessment',
    'prescribe',
    'approve',
    'startFitting',
    'recordDelivery',
    'confirmReceipt',
    'recordTraining',
    'recordFollowUp',
  ];
  const upTo = (command: CaseCommand) => main.slice(0, main.indexOf(command) + 1);
  return {
    submitted: [],
    returned: ['returnForCorrection'],
    eligibility_checked: upTo('confirmEligibility'),
    assessment_scheduled: upTo('scheduleAssessment'),
    assessed: upTo('recordAssessment'),
    prescribed: upTo('prescribe'),
    approved: upTo('approve'),
    rejected: [...upTo('prescribe'), 'reject'],
    appealed: [...upTo('prescribe'), 'reject', 'appeal'],
    fitting: upTo('startFitting'),
    delivered: upTo('confirmReceipt'),
    trained: upTo('recordTraining'),
    followed_up: main,
    closed: [...main, 'recordFollowUp', 'recordFollowUp', 'close'],
    withdrawn: ['withdraw'],
  };
})();

const sampleMeasurements: Record<FunctionArea, Record<string, string>> = {
  mobility: { seat_width: '42', seat_depth: '40', lower_leg_length: '42', body_weight: '60' },
  hearing: Object.fromEntries(
    ['left', 'right'].flatMap((side) => [500, 1000, 2000, 4000].map((hz) => [`${side}_${hz}`, '65'])),
  ),
  vision: { acuity_left: '0.05', acuity_right: '0.08', visual_field: '20' },
  communication: { speech_intelligibility: '40' },
  self_care: { barthel_index: '55' },
  cognition: { mmse: '20' },
};

/** A transaction seen as a database whose transactions are that one: the seed is one transaction. */
const within = (tx: Queryable): Db => ({
  kind: 'pglite',
  query: (q) => tx.query(q),
  exec: (s) => tx.exec(s),
  transaction: (work) => work(tx),
  close: async () => {},
});

/** Beijing mid-morning on a day: what the demo clock reads when it acts on that day. */
const morningOf = (day: string) => new Date(`${day}T02:00:00Z`);

export async function seedFittingDemo(tx: Queryable, context: DemoContext): Promise<Record<string, number>> {
  const [existing] = await tx.query<{ n: number }>(
    sql`select count(*)::int as n from fitting_case where is_demo`,
  );
  if ((existing?.n ?? 0) > 0) return { cases: 0 };
  const today = beijingDay(new Date());
  const districts = await tx.query<{ code: string }>(sql`select code from district order by code`);
  for (const year of [2025, 2026]) {
    for (const d of districts) await setBudget(tx, d.code, year, demoBudgetFen, null);
  }
  const accounts = new Map<string, string>();
  for (const username of [
    'demo-resident',
    'demo-resident-2',
    'demo-community-worker',
    'demo-assessor',
    'demo-district-reviewer',
    'demo-supplier',
    'demo-city-admin',
  ]) {
    const account = await findAccountByUsername(tx, username);
    if (!account) return { cases: 0 };
    accounts.set(username, account.id);
  }
  let clock = new Date();
  const silent: MessageSender = { send: async () => {} };
  const cases = new CaseService({
    db: within(tx),
    keyring: context.keyring,
    sender: silent,
    now: () => clock,
  });
  const people = await demoPersonIds(tx);
  const catalogOnDay = catalogsOnDays(tx);
  const byResident = new Map<number, string>();
  for (const [username, planIndexes] of Object.entries(residentPlans)) {
    const userId = accounts.get(username) as string;
    for (const id of people) {
      const facts = await personFacts(tx, id);
      if (facts?.userId === userId) for (const index of planIndexes) byResident.set(index, id);
    }
  }
  // Everyone else who has consented to fitting, so each plan has a person it can be made for; those the demo
  // supplier can fit first, so its queue has cases in the later steps.
  const fittedByDemoSupplier: PersonFacts[] = [];
  const fittedByOthers: PersonFacts[] = [];
  for (const id of people) {
    if ([...byResident.values()].includes(id)) continue;
    const facts = await personFacts(tx, id);
    if (!facts?.fittingConsent) continue;
    ((await chooseItem(catalogOnDay, facts, today))?.own ? fittedByDemoSupplier : fittedByOthers).push(facts);
  }
  const others = [...fittedByDemoSupplier, ...fittedByOthers];
  const inDistrict = new Map<string, PersonFacts[]>();
  for (const p of others) inDistrict.set(p.districtCode, [...(inDistrict.get(p.districtCode) ?? []), p]);
  let created = 0;
  for (const [index, plan] of plans.entries()) {
    const local = plan.district === undefined ? undefined : inDistrict.get(plan.district);
    const personId =
      byResident.get(index) ?? (local?.length ? local.shift()?.id : others[index % others.length]?.id);
    if (personId === undefined) continue;
    const person = await personFacts(tx, personId);
    if (!person?.fittingConsent) continue;
    const start = addDays(today, -plan.daysAgo);
    clock = morningOf(start);
    const chosen = await chooseItem(catalogOnDay, person, start);
    if (!chosen) continue;
    const actor = (username: string, role: Role, organisationId: string | null = null): CaseActor => ({
      actor: demoActor(accounts.get(username) as string, username, {
        role,
        organisationId,
        districtCode: person.districtCode,
      }),
      sourceAddress: null,
    });
    const applicant =
      person.userId !== null
        ? {
            actor: demoActor(person.userId, 'demo-resident', {
              role: 'resident',
              organisationId: null,
              districtCode: person.districtCode,
            }),
            sourceAddress: null,
          }
        : actor('demo-community-worker', 'community_worker');
    let c: FittingCase = (
      await cases.apply(applicant, {
        personId,
        itemCode: chosen.itemCode,
        usePlaces: ['home'],
        suppliedByOtherScheme: false,
        reason: '日常生活需要（示例）',
        signedBy: 'person',
        proxyGuardianId: null,
        idempotencyKey: null,
      })
    ).case;
    await tx.query(sql`update fitting_case set is_demo = true where id = ${c.id}`);
    let day = start;
    const closed = plan.status === 'closed';
    for (const command of paths[plan.status]) {
      // The clock moves as the work would: days between steps, months between follow-ups.
      day = nextDay(day, command, c, closed);
      clock = morningOf(day);
      const input =
        command === 'confirmEligibility'
          ? { command, overrides: await demoOverrides(tx, c.id) }
          : inputFor(command, chosen, person, day);
      const by =
        command === 'approve' || command === 'reject' || command === 'close'
          ? actor('demo-district-reviewer', 'district_reviewer')
          : command === 'confirmEligibility' || command === 'returnForCorrection'
            ? actor('demo-community-worker', 'community_worker')
            : ['scheduleAssessment', 'recordAssessment', 'prescribe'].includes(command) ||
                (command === 'recordFollowUp' && person.userId === null)
              ? actor('demo-assessor', 'assessor')
              : ['startFitting', 'recordDelivery', 'recordTraining'].includes(command)
                ? actor('demo-supplier', 'supplier_staff', c.supplierOrganisationId)
                : applicant;
      c = await cases.act(by, c.id, c.version, input);
    }
    created += 1;
  }
  return { cases: created };
}

/** Some demo people miss a condition on paper (an expired certificate, another household): a reviewer sets it aside. */
async function demoOverrides(tx: Queryable, caseId: string): Promise<Override[]> {
  const latest = await latestEligibility(tx, caseId);
  return (latest?.results ?? [])
    .filter((r) => r.verdict === 'notMet')
    .map((r) => ({ rule: r.rule, reason: '经人工复核，补充材料齐全（示例）' }));
}

function nextDay(day: string, command: CaseCommand, c: FittingCase, closed: boolean): string {
  if (command === 'recordFollowUp') return c.dueOn ?? addDays(day, 30);
  if (command === 'close') return addDays(day, 2);
  // A closed case's year was long ago; the others move a day or two per step.
  return addDays(day, closed ? 3 : 1);
}

function inputFor(
  command: CaseCommand,
  chosen: { itemCode: string; productId: string },
  person: PersonFacts,
  day: string,
): CommandInput {
  const area = likelyAreaOf(person.certificate?.category ?? 'physical');
  switch (command) {
    case 'scheduleAssessment':
      return { command, mode: 'on_site', scheduledOn: addDays(day, 1) };
    case 'recordAssessment':
      return {
        command,
        functionArea: area,
        measurements: sampleMeasurements[area],
        findings: '评估记录（示例）',
        recommendedItemCodes: [chosen.itemCode],
      };
    case 'prescribe':
      return { command, lines: [{ itemCode: chosen.itemCode, productId: chosen.productId, quantity: 1 }] };
    case 'recordDelivery':
      return { command, serialNumber: `DEMO-${day.replaceAll('-', '')}`, notes: '已按评估尺寸调试（示例）' };
    case 'confirmReceipt':
      return { command, signedBy: 'person' };
    case 'recordTraining':
      return { command, notes: '已培训日常使用与保养（示例）' };
    case 'recordFollowUp':
      return {
        command,
        method: person.userId === null ? 'phone' : 'self_report',
        inUse: true,
        useFrequency: 'daily',
        productSatisfaction: 4,
        serviceSatisfaction: 5,
        problems: [],
        repairNeeded: false,
      };
    case 'returnForCorrection':
      return { command, reason: '请补充户籍证明（示例）' };
    case 'reject':
      return { command, reason: '所选产品超出本年度适配方案范围（示例）' };
    case 'appeal':
      return { command, reason: '申请复核（示例）' };
    case 'withdraw':
      return { command, reason: '已通过其他渠道解决（示例）' };
    default:
      return { command: command as 'approve' | 'startFitting' | 'close' };
  }
}

/**
 * An item the person can be fitted with on the day: in that day's catalog,
 * for their category, grade and age, with an admitted product (the demo
 * supplier's where there is one, so its queue has work).
 */
type DemoCatalog = NonNullable<Awaited<ReturnType<typeof subsidyCatalogOn>>> & {
  readonly supplierOf: ReadonlyMap<string, string>;
};

/**
 * The catalog versions the demo reads, each loaded once with its products'
 * suppliers: choosing items for two dozen people on twenty days would
 * otherwise read the same catalog fifty times and slow every first start.
 */
function catalogsOnDays(db: Queryable) {
  const loaded: DemoCatalog[] = [];
  return async (day: string): Promise<DemoCatalog | undefined> => {
    const known = loaded.find((c) => c.startsOn <= day && day <= c.endsOn);
    if (known) return known;
    const catalog = await subsidyCatalogOn(db, day);
    if (!catalog) return undefined;
    const products = await productSummaries(
      db,
      catalog.items.flatMap((i) => i.products.map((p) => p.productId)),
    );
    const entry = {
      ...catalog,
      supplierOf: new Map([...products].map(([id, p]) => [id, p.supplierNameZh])),
    };
    loaded.push(entry);
    return entry;
  };
}

async function chooseItem(
  catalogOnDay: (day: string) => Promise<DemoCatalog | undefined>,
  person: PersonFacts,
  day: string,
): Promise<{ itemCode: string; productId: string; own: boolean } | undefined> {
  const catalog = await catalogOnDay(day);
  if (!catalog) return undefined;
  const age = Number(day.slice(0, 4)) - Number(person.birthDate.slice(0, 4));
  const fits = catalog.items.filter(
    (item) =>
      item.products.length > 0 &&
      (person.certificate === null ||
        (item.eligibleCategories.includes(person.certificate.category) &&
          item.eligibleGrades.includes(person.certificate.grade))) &&
      (item.ageMin === null || age > item.ageMin) &&
      (item.ageMax === null || age < item.ageMax),
  );
  for (const item of fits) {
    const own = item.products.find((p) => catalog.supplierOf.get(p.productId) === demoSupplierName);
    if (own) return { itemCode: item.code, productId: own.productId, own: true };
  }
  const first = fits[0];
  const product = first?.products[0];
  return first && product ? { itemCode: first.code, productId: product.productId, own: false } : undefined;
}

function demoActor(userId: string, label: string, grant: Grant): SignedInActor {
  return {
    kind: 'user',
    userId,
    label,
    userKind: grant.role === 'resident' ? 'resident' : 'staff',
    grants: [grant],
    via: 'session',
    sessionId: null,
    tokenId: null,
  };
}
