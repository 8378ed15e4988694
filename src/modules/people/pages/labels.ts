import { defineMessages, type Translate } from '../../../platform/i18n/index.ts';
import type {
  ConsentGiver,
  ConsentPurpose,
  EconomicStatus,
  EconomicStatusSource,
  GuardianRelation,
  RevealReason,
} from '../domain/vocabulary.ts';

/** The registry's words for its codes, in both languages (disability categories and grades are the platform's). */
export const peopleLabels = defineMessages(
  'people.labels',
  {
    generation_2: '第二代残疾人证',
    generation_3: '第三代残疾人证（智能卡）',
    economic_subsistence: '低保',
    economic_extremePoverty: '特困',
    economic_lowIncome: '低收入',
    economic_none: '以上都不是',
    source_civilAffairs: '民政部门数据',
    source_applicant: '申请人提供',
    source_communityCheck: '社区核实',
    relation_parent: '父母',
    relation_spouse: '配偶',
    relation_child: '子女',
    relation_sibling: '兄弟姐妹',
    relation_guardian: '其他法定监护人',
    relation_other: '其他亲友',
    purpose_fitting: '为辅具适配服务处理敏感个人信息',
    purpose_research: '以去标识化的数据用于需求分析',
    givenBy_person: '本人',
    givenBy_guardian: '监护人',
    sex_male: '男',
    sex_female: '女',
    yes: '是',
    no: '否',
    reason_case: '办理此人的申请或服务',
    reason_request: '本人或监护人要求',
    reason_verify: '核实身份',
    reason_other: '其他',
  },
  {
    generation_2: '2nd-generation certificate',
    generation_3: '3rd-generation certificate (smart card)',
    economic_subsistence: 'Subsistence allowance (低保)',
    economic_extremePoverty: 'Extreme poverty support (特困)',
    economic_lowIncome: 'Low income (低收入)',
    economic_none: 'None of these',
    source_civilAffairs: 'Civil affairs data',
    source_applicant: 'Given by the applicant',
    source_communityCheck: 'Checked by the community',
    relation_parent: 'Parent',
    relation_spouse: 'Spouse',
    relation_child: 'Child',
    relation_sibling: 'Brother or sister',
    relation_guardian: 'Other legal guardian',
    relation_other: 'Other relative or friend',
    purpose_fitting: 'Processing sensitive personal data for fitting services',
    purpose_research: 'Use of de-identified data for need analysis',
    givenBy_person: 'The person',
    givenBy_guardian: 'A guardian',
    sex_male: 'Male',
    sex_female: 'Female',
    yes: 'Yes',
    no: 'No',
    reason_case: 'Handling this person’s application or service',
    reason_request: 'Asked by the person or their guardian',
    reason_verify: 'Checking identity',
    reason_other: 'Other',
  },
);

export type LabelKey = Parameters<ReturnType<typeof peopleLabels.for>>[0];
export type Labels = Translate<LabelKey>;

export const economicText = (l: Labels, status: EconomicStatus) => l(`economic_${status}`);
export const sourceText = (l: Labels, source: EconomicStatusSource) => l(`source_${source}`);
export const relationText = (l: Labels, relation: GuardianRelation) => l(`relation_${relation}`);
export const purposeText = (l: Labels, purpose: ConsentPurpose) => l(`purpose_${purpose}`);
export const giverText = (l: Labels, giver: ConsentGiver) => l(`givenBy_${giver}`);
export const reasonText = (l: Labels, reason: RevealReason) => l(`reason_${reason}`);
export const sexText = (l: Labels, sex: 'male' | 'female') => l(`sex_${sex}`);
