import type { Role, SignedInActor } from '../../platform/auth/index.ts';
import { type Db, type Queryable, sql } from '../../platform/db/index.ts';
import type { DemoContext } from '../../platform/module.ts';
import { publishedProductsOf } from '../catalog/index.ts';
import { findAccountByUsername, listOrganisations } from '../identity/index.ts';
import { addDays, beijingDay } from '../policyCatalogs/index.ts';
import { publishedNeedTopics } from '../survey/index.ts';
import { ChallengeService } from './challengeService.ts';
import type { CommandInput } from './domain/commands.ts';
import type { Proposal } from './domain/proposal.ts';
import { findProject } from './projectRepo.ts';
import { ProjectService } from './projectService.ts';
import type { ResearchActor } from './researchActor.ts';

/** The demo's people: an enterprise that poses problems, a research institute that solves them, the city that decides. */
const demoSupplier = {
  username: 'demo-supplier',
  organisation: '示例康行辅具科技有限公司',
  role: 'supplier_staff',
};
const demoResearcher = {
  username: 'demo-researcher',
  organisation: '示例康复工程研究院',
  role: 'researcher',
};
const demoCity = { username: 'demo-city-admin', organisation: '西安市残疾人联合会', role: 'city_admin' };

/** A transaction seen as a database whose transactions are that one: the seed is one transaction. */
const within = (tx: Queryable): Db => ({
  kind: 'pglite',
  query: (q) => tx.query(q),
  exec: (s) => tx.exec(s),
  transaction: (work) => work(tx),
  close: async () => {},
});

/** Beijing mid-morning `days` ago: what the demo clock reads when it acts on that day. */
const daysAgo = (days: number) => new Date(`${addDays(beijingDay(new Date()), -days)}T02:00:00Z`);

/**
 * Two challenges by the demo enterprise (one closed, one open) and four
 * projects in different states (screening, reserved, in progress with two
 * milestones, completed with results), each driven through the real service
 * commands on a clock that moves through the last year, so their histories
 * are exactly what the work would have written.
 */
export async function seedResearchDemo(
  tx: Queryable,
  _context: DemoContext,
): Promise<Record<string, number>> {
  const [existing] = await tx.query<{ n: number }>(
    sql`select (select count(*) from research_project) + (select count(*) from research_challenge) as n`,
  );
  if (Number(existing?.n ?? 0) > 0) return { challenges: 0, projects: 0 };
  const organisations = await listOrganisations(tx, {});
  const actors = new Map<string, ResearchActor>();
  for (const who of [demoSupplier, demoResearcher, demoCity]) {
    const account = await findAccountByUsername(tx, who.username);
    const organisation = organisations.find((o) => o.nameZh === who.organisation);
    if (!account || !organisation) return { challenges: 0, projects: 0 };
    actors.set(who.username, {
      actor: demoActor(account.id, who.username, who.role as Role, organisation.id),
      sourceAddress: null,
    });
  }
  const supplier = actors.get(demoSupplier.username) as ResearchActor;
  const researcher = actors.get(demoResearcher.username) as ResearchActor;
  const city = actors.get(demoCity.username) as ResearchActor;
  const supplierOrganisation = supplier.actor.grants[0]?.organisationId ?? null;

  let clock = new Date();
  const db = within(tx);
  const challenges = new ChallengeService({ db, now: () => clock });
  const projects = new ProjectService({ db, now: () => clock });
  const topics = await publishedNeedTopics(tx);
  // The survey demo's topics by what they are about, so each project answers the need it speaks of; any topic will do otherwise.
  const topic = (about: string, fallback: number): string[] => {
    const chosen = topics.find((t) => t.title.zh.includes(about)) ?? topics[fallback] ?? topics[0];
    return chosen === undefined ? [] : [chosen.id];
  };
  const on = (days: number) => addDays(beijingDay(new Date()), -days);

  clock = daysAgo(320);
  const stairs = await challenges.post(supplier, null, {
    title: '老旧小区楼道用的轻便爬楼辅助装置（示例）',
    description:
      '许多轮椅使用者住在没有电梯的老旧小区。我们希望找到一种轻便、价格可负担的爬楼辅助装置：一名家属即可操作，能通过宽度不足 1 米的楼道，整机重量不超过 25 公斤。\n我们可以提供轮椅底盘、试制和在社区试用的条件。（示例数据）',
    needTopicIds: topic('上下楼', 0),
    budgetFen: 30_000_000,
    closesOn: on(150),
  });

  clock = daysAgo(60);
  const navigation = await challenges.post(supplier, null, {
    title: '医院和商场里的盲人室内导航（示例）',
    description:
      '视力残疾人在医院、商场里很难找到挂号窗口、电梯和出口。我们希望与科研单位合作，开发不依赖昂贵基础设施的室内导航方案，可与盲杖或手机读屏配合使用。（示例数据）',
    needTopicIds: topic('盲人', 1),
    budgetFen: 50_000_000,
    closesOn: on(-120),
  });

  const proposal = (
    p: Partial<Proposal> & Pick<Proposal, 'title' | 'summary'>,
    startsIn: number,
    months: number,
  ): Proposal => {
    const startsOn = addDays(beijingDay(clock), startsIn);
    return {
      needTopicIds: [],
      challengeId: null,
      team: '项目负责人：示例研究员（示例康复工程研究院）\n成员：结构设计 2 人、控制算法 2 人、康复评估 1 人',
      trlNow: 3,
      trlTarget: 6,
      budgetFen: 80_000_000,
      startsOn,
      endsOn: addDays(startsOn, months * 30),
      expectedResults: '样机 1 套，在 2 个社区试用；申请发明专利 1 项。（示例数据）',
      ...p,
    };
  };
  /** Gives each command on its own day, so the history reads as the months it took. */
  const drive = async (id: string, steps: readonly [number, ResearchActor, CommandInput][]) => {
    let version = (await findProject(tx, id))?.version ?? 1;
    for (const [ago, by, input] of steps) {
      clock = daysAgo(ago);
      version = (await projects.act(by, id, version, input)).version;
    }
  };
  const review = (score: number): CommandInput => ({
    command: 'record_review',
    score,
    opinion: '技术路线清晰，需求依据充分，建议纳入储备库。（示例）',
    decision: 'reserve',
  });

  // Completed: answered the stairs challenge; its crawler went into the enterprise's catalog.
  clock = daysAgo(300);
  const crawler = await projects.propose(
    researcher,
    null,
    proposal(
      {
        title: '可折叠履带式爬楼辅助装置（示例）',
        summary:
          '研制一种可折叠、可与普通手动轮椅快速对接的履带式爬楼辅助装置，由一名家属操作即可上下楼。（示例数据）',
        needTopicIds: topic('上下楼', 0),
        challengeId: stairs,
        trlNow: 4,
        trlTarget: 7,
        budgetFen: 120_000_000,
      },
      30,
      8,
    ),
  );
  await drive(crawler, [
    [290, city, { command: 'pass_screening', note: '材料齐全。（示例）' }],
    [270, city, review(86)],
    [250, city, { command: 'fund', source: '市科技计划项目（示例）', amountFen: 100_000_000 }],
    [245, researcher, { command: 'start' }],
    [244, researcher, { command: 'add_milestone', title: '完成原理样机', dueOn: on(150) }],
    [243, researcher, { command: 'add_milestone', title: '社区试用 20 户', dueOn: on(60) }],
  ]);
  const crawlerMilestones = await milestoneIds(tx, crawler);
  const madeBy = supplierOrganisation === null ? [] : await publishedProductsOf(tx, supplierOrganisation);
  await drive(crawler, [
    [
      150,
      researcher,
      { command: 'complete_milestone', milestoneId: crawlerMilestones[0] ?? '', note: '样机通过型式检验。' },
    ],
    [62, researcher, { command: 'complete_milestone', milestoneId: crawlerMilestones[1] ?? '', note: '' }],
    [
      20,
      researcher,
      {
        command: 'complete',
        summary: '样机在 2 个社区 20 户试用，一名家属即可操作上下楼；技术已转让给出题企业生产。（示例数据）',
        productIds: madeBy.slice(0, 1).map((p) => p.id),
        patents: '一种可折叠履带式爬楼装置（发明专利申请号 示例-2026-0001）',
        standards: '团体标准《助行爬楼装置 安全要求》（示例，参与起草）',
      },
    ],
  ]);

  // In progress: a second answer to the stairs challenge, half way through its milestones.
  clock = daysAgo(200);
  const exoskeleton = await projects.propose(
    researcher,
    null,
    proposal(
      {
        title: '面向偏瘫患者的轻量化下肢助行外骨骼（示例）',
        summary:
          '研制整机不超过 8 公斤的下肢助行外骨骼，按步态数据自适应助力，帮助偏瘫患者在家中和楼道里安全行走、上下台阶。（示例数据）',
        needTopicIds: topic('上下楼', 0),
        challengeId: stairs,
      },
      40,
      12,
    ),
  );
  await drive(exoskeleton, [
    [190, city, { command: 'pass_screening', note: '' }],
    [175, city, review(81)],
    [160, city, { command: 'fund', source: '残疾人事业发展资金（示例）', amountFen: 60_000_000 }],
    [150, researcher, { command: 'start' }],
    [149, researcher, { command: 'add_milestone', title: '完成步态数据采集', dueOn: on(90) }],
    [148, researcher, { command: 'add_milestone', title: '完成样机临床试用', dueOn: on(-60) }],
  ]);
  // The enterprise closed its stairs challenge once it had these two answers.
  clock = daysAgo(140);
  await challenges.close(supplier, stairs, 1);
  const exoskeletonMilestones = await milestoneIds(tx, exoskeleton);
  await drive(exoskeleton, [
    [
      88,
      researcher,
      {
        command: 'complete_milestone',
        milestoneId: exoskeletonMilestones[0] ?? '',
        note: '采集 30 名志愿者数据。',
      },
    ],
  ]);

  // Reserved: the enterprise's own answer to its navigation challenge.
  clock = daysAgo(50);
  const beacon = await projects.propose(
    supplier,
    null,
    proposal(
      {
        title: '基于手机读屏的盲人室内导航（示例）',
        summary:
          '以地面标识和手机摄像头识别为主，不依赖蓝牙信标，通过读屏软件语音提示视力残疾人在医院、商场内找到窗口、电梯和出口。（示例数据）',
        needTopicIds: topic('盲人', 1),
        challengeId: navigation,
        team: '项目负责人：示例工程师（示例康行辅具科技有限公司）\n合作单位：示例康复工程研究院',
        trlNow: 5,
        trlTarget: 8,
        budgetFen: 45_000_000,
      },
      60,
      10,
    ),
  );
  await drive(beacon, [
    [45, city, { command: 'pass_screening', note: '' }],
    [30, city, review(78)],
  ]);

  // Screening: just proposed, not public yet.
  clock = daysAgo(5);
  await projects.propose(
    researcher,
    null,
    proposal(
      {
        title: '带实时字幕的低价智能助听设备（示例）',
        summary:
          '研制价格在千元以内、可用手机自助验配的智能助听器，并配合手机实时字幕，帮助听力残疾人参与交流。（示例数据）',
        needTopicIds: topic('听力', 2),
        trlNow: 2,
        trlTarget: 5,
        budgetFen: 50_000_000,
      },
      60,
      12,
    ),
  );
  return { challenges: 2, projects: 4 };
}

async function milestoneIds(tx: Queryable, projectId: string): Promise<string[]> {
  const rows = await tx.query<{ id: string }>(
    sql`select id from research_milestone where project_id = ${projectId} order by due_on`,
  );
  return rows.map((r) => r.id);
}

function demoActor(userId: string, label: string, role: Role, organisationId: string): SignedInActor {
  return {
    kind: 'user',
    userId,
    label,
    userKind: 'staff',
    grants: [{ role, organisationId, districtCode: null }],
    via: 'session',
    sessionId: null,
    tokenId: null,
  };
}
