import { defineMessages } from '../../../platform/i18n/index.ts';
import type { ChallengeStatus } from '../domain/challenge.ts';
import type {
  ProjectCommand,
  ProjectPart,
  ProjectStatus,
  ReviewDecision,
  Trl,
} from '../domain/projectFlow.ts';

/**
 * The research module's words for its statuses, commands, sides, readiness
 * levels and form problems: the pages, the demo's notes and the API docs all use them.
 */
export const researchLabels = defineMessages(
  'researchLabels',
  {
    status_screening: '形式审查中',
    status_expert_review: '专家评审中',
    status_reserved: '已入库',
    status_funded: '已立项资助',
    status_in_progress: '实施中',
    status_completed: '已结题',
    status_not_accepted: '未通过',
    status_withdrawn: '已撤回',
    status_stopped: '已终止',

    next_screening: '市残联正在审查申报材料是否齐全、是否符合征集方向。',
    next_expert_review: '已通过形式审查，等待专家评审。',
    next_reserved: '已纳入科技计划项目储备库，等待立项资助。',
    next_funded: '已确定资助来源，项目团队可以开始实施。',
    next_in_progress: '项目正在实施，团队按里程碑报告进展。',
    next_completed: '项目已结题，成果如下。',
    next_not_accepted: '此项目未通过审查或评审，未纳入储备库。',
    next_withdrawn: '项目团队已撤回此申报。',
    next_stopped: '市残联已终止此项目。',

    command_propose: '申报项目',
    command_pass_screening: '通过形式审查',
    command_not_accept: '不予通过',
    command_record_review: '记录专家评审结果',
    command_fund: '立项资助',
    command_start: '开始实施',
    command_add_milestone: '添加里程碑',
    command_complete_milestone: '完成里程碑',
    command_complete: '结题并登记成果',
    command_stop: '终止项目',
    command_withdraw: '撤回申报',

    part_team: '项目团队',
    part_city: '市残联',

    decision_reserve: '通过，纳入储备库',
    decision_not_accept: '不通过',

    challengeStatus_open: '征集中',
    challengeStatus_closed: '已截止',

    trl_1: 'TRL 1 基本原理清晰',
    trl_2: 'TRL 2 技术概念和应用设想明确',
    trl_3: 'TRL 3 关键功能和特性完成验证',
    trl_4: 'TRL 4 实验室环境中原理样机验证',
    trl_5: 'TRL 5 相关环境中部件或模块验证',
    trl_6: 'TRL 6 相关环境中系统原型演示',
    trl_7: 'TRL 7 实际使用环境中系统原型试用',
    trl_8: 'TRL 8 实际系统完成并通过测试',
    trl_9: 'TRL 9 实际系统经使用验证',

    err_required: '请填写此项',
    err_tooLong: '请不要超过{max}个字',
    err_invalid: '请从列出的选项中选择',
    err_date: '请按“年-月-日”填写真实存在的日期，例如 2026-09-30',
    err_amount: '请填写金额（元），例如 200000 或 200000.50',
    err_trl: '请选择 1 到 9 之间的技术就绪水平',
    err_trlBelowNow: '目标技术就绪水平不能低于当前水平',
    err_endsBeforeStarts: '结束日期不能早于开始日期',
    err_past: '截止日期不能早于今天',
    err_topicUnknown: '所选需求主题不存在或尚未发布，请重新选择',
    err_challengeClosed: '所选企业出题已截止或不存在，请重新选择',
    err_score: '请填写 0 到 100 之间的整数分数',
    err_milestoneUnknown: '这个里程碑已完成或不属于此项目，请重新选择',
    err_productUnknown: '所选产品不是产品目录中已发布的产品',
    err_stale: '此项目刚刚被他人更新过。请查看最新情况后重新提交。',
    err_staleChallenge: '此出题刚刚被他人更新过。请查看最新情况后重试。',
  },
  {
    status_screening: 'Being screened',
    status_expert_review: 'Under expert review',
    status_reserved: 'In the reserve pool',
    status_funded: 'Funded',
    status_in_progress: 'In progress',
    status_completed: 'Completed',
    status_not_accepted: 'Not accepted',
    status_withdrawn: 'Withdrawn',
    status_stopped: 'Stopped',

    next_screening: 'The city disability federation is checking that the proposal is complete and in scope.',
    next_expert_review: 'Passed screening; waiting for the expert review.',
    next_reserved: 'In the research project reserve pool, waiting for funding.',
    next_funded: 'Funding is in place: the team can start the work.',
    next_in_progress: 'The work is under way; the team reports progress against milestones.',
    next_completed: 'The project is completed; its results are below.',
    next_not_accepted: 'This project did not pass screening or review and is not in the reserve pool.',
    next_withdrawn: 'The team withdrew this proposal.',
    next_stopped: 'The city disability federation stopped this project.',

    command_propose: 'Propose a project',
    command_pass_screening: 'Pass screening',
    command_not_accept: 'Do not accept',
    command_record_review: 'Record the expert review',
    command_fund: 'Fund the project',
    command_start: 'Start the work',
    command_add_milestone: 'Add a milestone',
    command_complete_milestone: 'Complete a milestone',
    command_complete: 'Complete and record the results',
    command_stop: 'Stop the project',
    command_withdraw: 'Withdraw the proposal',

    part_team: 'the project team',
    part_city: 'the city disability federation',

    decision_reserve: 'Accept into the reserve pool',
    decision_not_accept: 'Do not accept',

    challengeStatus_open: 'Open',
    challengeStatus_closed: 'Closed',

    trl_1: 'TRL 1 Basic principles observed',
    trl_2: 'TRL 2 Technology concept and application formulated',
    trl_3: 'TRL 3 Key functions and characteristics proven',
    trl_4: 'TRL 4 Laboratory prototype validated',
    trl_5: 'TRL 5 Components validated in a relevant environment',
    trl_6: 'TRL 6 System prototype demonstrated in a relevant environment',
    trl_7: 'TRL 7 System prototype tried in the real setting',
    trl_8: 'TRL 8 Actual system completed and qualified by test',
    trl_9: 'TRL 9 Actual system proven in use',

    err_required: 'Fill this in',
    err_tooLong: 'Use no more than {max} characters',
    err_invalid: 'Choose one of the options listed',
    err_date: 'Enter a real date as year-month-day, for example 2026-09-30',
    err_amount: 'Enter an amount in yuan, for example 200000 or 200000.50',
    err_trl: 'Choose a technology readiness level from 1 to 9',
    err_trlBelowNow: 'The target readiness level cannot be below the current one',
    err_endsBeforeStarts: 'The end date cannot be before the start date',
    err_past: 'The closing date cannot be before today',
    err_topicUnknown: 'A need topic chosen does not exist or is not published: choose again',
    err_challengeClosed: 'The challenge chosen is closed or does not exist: choose again',
    err_score: 'Enter a whole number score from 0 to 100',
    err_milestoneUnknown: 'That milestone is done already or is not this project’s: choose again',
    err_productUnknown: 'A product chosen is not a published product of the catalog',
    err_stale: 'Someone else has just updated this project. Look at it as it is now and send again.',
    err_staleChallenge:
      'Someone else has just updated this challenge. Look at it as it is now and try again.',
  },
);

export type Labels = ReturnType<typeof researchLabels.for>;

export const statusText = (l: Labels, status: ProjectStatus) => l(`status_${status}`);
export const nextText = (l: Labels, status: ProjectStatus) => l(`next_${status}`);
export const commandText = (l: Labels, command: ProjectCommand) => l(`command_${command}`);
export const partText = (l: Labels, part: ProjectPart) => l(`part_${part}`);
export const decisionText = (l: Labels, decision: ReviewDecision) => l(`decision_${decision}`);
export const trlText = (l: Labels, trl: Trl | number) => l(`trl_${trl as Trl}`);
export const challengeStatusText = (l: Labels, status: ChallengeStatus) => l(`challengeStatus_${status}`);
