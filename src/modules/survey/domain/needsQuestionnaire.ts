import type { Choice, Questionnaire, Text } from './questionnaire.ts';

const t = (zh: string, en: string): Text => ({ zh, en });
const c = (value: string, zh: string, en: string): Choice => ({ value, label: t(zh, en) });

/** The WG-SS answer scale, in the order the Washington Group asks it. */
export const difficultyLevels = ['none', 'some', 'a_lot', 'cannot'] as const;
export type DifficultyLevel = (typeof difficultyLevels)[number];
/** The WG-SS disability identifier: "a lot of difficulty" or "cannot do at all" in any domain. */
export const identifyingLevels: readonly DifficultyLevel[] = ['a_lot', 'cannot'];

export const functionDomains = [
  'seeing',
  'hearing',
  'walking',
  'cognition',
  'self_care',
  'communication',
] as const;
export type FunctionDomain = (typeof functionDomains)[number];

/**
 * 科技助残需求调查: the default questionnaire. WG-SS's six questions in the
 * Washington Group's wording; the rATA modules (products used and needed,
 * where they came from and who paid, barriers, satisfaction); and the
 * technology needs the plan asks about. Who answers, where they live, their
 * age group and disability category are kept with the response, not asked
 * here: a community worker records them once when starting an anonymous
 * interview, and a registered person's come from the registry.
 */
export const needsQuestionnaire: Questionnaire = {
  code: 'tech-needs',
  version: 1,
  title: t('科技助残需求调查', 'Technology-for-disability needs survey'),
  intro: t(
    '本调查了解您在日常生活中的困难、正在使用和需要的辅助器具，以及科技可以怎样帮助您。大约需要10分钟。您的回答只用于统计，不会单独公开。',
    'This survey asks about difficulties in daily life, the assistive products you use and need, and how technology could help. It takes about 10 minutes. Your answers are used only for statistics and are never published on their own.',
  ),
  sections: [
    {
      id: 'functioning',
      title: t('日常活动中的困难', 'Difficulties in daily activities'),
      intro: t(
        '以下问题询问您由于健康问题在做某些事情时可能遇到的困难。',
        'The next questions ask about difficulties you may have doing certain activities because of a health problem.',
      ),
      questions: [
        {
          id: 'wgss',
          kind: 'grid',
          required: true,
          label: t('您在以下方面是否有困难？', 'Do you have difficulty with the following?'),
          rows: [
            c('seeing', '看东西，即使戴着眼镜', 'Seeing, even if wearing glasses'),
            c('hearing', '听声音，即使使用助听器', 'Hearing, even if using a hearing aid'),
            c('walking', '走路或上台阶', 'Walking or climbing steps'),
            c('cognition', '记忆或集中注意力', 'Remembering or concentrating'),
            c('self_care', '自理，例如全身洗浴或穿衣', 'Self-care, such as washing all over or dressing'),
            c(
              'communication',
              '用平常使用的语言进行沟通，例如理解别人或让别人理解您',
              'Communicating in your usual language, for example understanding or being understood',
            ),
          ],
          columns: [
            c('none', '没有困难', 'No difficulty'),
            c('some', '有些困难', 'Some difficulty'),
            c('a_lot', '很困难', 'A lot of difficulty'),
            c('cannot', '完全做不到', 'Cannot do at all'),
          ],
        },
      ],
    },
    {
      id: 'products',
      title: t('辅助器具的使用和需要', 'Assistive products you use and need'),
      questions: [
        {
          id: 'products_used',
          kind: 'product',
          required: false,
          label: t('您现在使用哪些辅助器具？', 'Which assistive products do you use now?'),
          hint: t('没有使用的，不用选择。', 'Leave all unticked if you use none.'),
        },
        {
          id: 'source',
          kind: 'single',
          required: true,
          showIf: { question: 'products_used', answered: true },
          label: t('您使用的辅助器具主要从哪里获得？', 'Where did you mainly get them?'),
          choices: [
            c('government', '政府或残联项目', 'A government or disabled persons’ federation programme'),
            c('hospital', '医院或康复机构', 'A hospital or rehabilitation centre'),
            c('shop', '商店或药店', 'A shop or pharmacy'),
            c('online', '网上购买', 'Bought online'),
            c('charity', '慈善或公益组织', 'A charity'),
            c('self_made', '自己或家人制作', 'Made by myself or my family'),
            c('other', '其他', 'Elsewhere'),
          ],
        },
        {
          id: 'payer',
          kind: 'multiple',
          required: true,
          showIf: { question: 'products_used', answered: true },
          label: t('费用由谁支付？', 'Who paid for them?'),
          choices: [
            c('self_family', '自己或家人', 'Myself or my family'),
            c('subsidy', '政府补贴', 'A government subsidy'),
            c('insurance', '医疗保险', 'Medical insurance'),
            c('charity', '慈善捐助', 'A charity'),
            c('employer', '工作单位', 'An employer'),
            c('other', '其他', 'Someone else'),
          ],
        },
        {
          id: 'products_needed',
          kind: 'product',
          required: false,
          label: t('您需要但还没有哪些辅助器具？', 'Which assistive products do you need but not have?'),
          hint: t('没有的，不用选择。', 'Leave all unticked if there are none.'),
        },
        {
          id: 'barriers',
          kind: 'multiple',
          required: true,
          showIf: { question: 'products_needed', answered: true },
          label: t('是什么原因让您没有得到这些辅助器具？', 'What has kept you from getting them?'),
          choices: [
            c('cost', '买不起', 'I cannot afford them'),
            c('not_available', '当地没有', 'They are not available here'),
            c('do_not_know_where', '不知道去哪里获得', 'I do not know where to get them'),
            c('too_far', '服务机构太远', 'The service is too far away'),
            c('no_assessment', '没有人为我评估', 'Nobody has assessed me'),
            c('no_help', '没有人帮助我申请', 'Nobody helps me apply'),
            c('not_suitable', '现有产品不适合我', 'The products available do not suit me'),
            c('other', '其他原因', 'Another reason'),
          ],
        },
        {
          id: 'travel_minutes',
          kind: 'number',
          required: false,
          min: 0,
          max: 600,
          unit: t('分钟', 'minutes'),
          label: t(
            '从您家到最近的辅具服务机构大约需要多少分钟？',
            'About how many minutes does it take to reach the nearest assistive-product service from your home?',
          ),
        },
      ],
    },
    {
      id: 'satisfaction',
      title: t('对辅具和服务的满意程度', 'Satisfaction with products and services'),
      showIf: { question: 'products_used', answered: true },
      questions: [
        {
          id: 'satisfaction',
          kind: 'grid',
          required: true,
          label: t('您对以下方面满意吗？', 'How satisfied are you with the following?'),
          rows: [
            c('product', '辅助器具本身', 'The products themselves'),
            c('assessment', '评估服务', 'Assessment'),
            c('training', '使用培训', 'Training in their use'),
            c('repair', '维修服务', 'Repair'),
          ],
          columns: [
            c('s1', '很不满意', 'Very dissatisfied'),
            c('s2', '不满意', 'Dissatisfied'),
            c('s3', '一般', 'Neither'),
            c('s4', '满意', 'Satisfied'),
            c('s5', '很满意', 'Very satisfied'),
            c('na', '没有接受过', 'Not received'),
          ],
        },
        {
          id: 'dissatisfaction',
          kind: 'multiple',
          required: false,
          label: t('如有不满意，原因是什么？', 'If you are dissatisfied, why?'),
          choices: [
            c('discomfort', '用着不舒服', 'Uncomfortable'),
            c('poor_fit', '不合适', 'Poor fit'),
            c('service_quality', '服务质量差', 'Poor service'),
            c('looks', '外观', 'How it looks'),
            c('broken', '坏了没有修', 'Broken and not repaired'),
            c('other', '其他', 'Something else'),
          ],
        },
      ],
    },
    {
      id: 'technology',
      title: t('科技可以怎样帮助您', 'How technology could help'),
      questions: [
        {
          id: 'tech_needs',
          kind: 'multiple',
          required: false,
          label: t(
            '以下哪些新技术产品对您的日常生活有帮助？',
            'Which of these technologies would help you in daily life?',
          ),
          exclusive: 'none',
          choices: [
            c(
              'smart_mobility',
              '智能出行（智能轮椅、代步）',
              'Smart mobility (smart wheelchairs, personal transport)',
            ),
            c('exoskeleton', '外骨骼机器人', 'Exoskeletons'),
            c('brain_computer_interface', '脑机接口', 'Brain-computer interfaces'),
            c('smart_hearing', '智能听力设备', 'Smart hearing devices'),
            c('blind_navigation', '盲人导航', 'Navigation for blind people'),
            c('home_adaptation', '家居无障碍改造', 'Home adaptation'),
            c('communication_aid', '沟通辅助', 'Communication aids'),
            c('smart_care', '智能护理、看护', 'Smart care and monitoring'),
            c('other', '其他', 'Something else'),
            c('none', '都不需要', 'None of these'),
          ],
        },
        {
          id: 'tech_need_text',
          kind: 'text',
          required: false,
          maxLength: 500,
          label: t(
            '日常生活中，您最希望科技帮您解决什么困难？',
            'What difficulty in daily life would you most like technology to solve?',
          ),
          hint: t(
            '请用自己的话写，不要写姓名、电话等个人信息。',
            'In your own words. Please do not write names or phone numbers.',
          ),
        },
        {
          id: 'interviewed_on',
          kind: 'date',
          required: false,
          label: t('访谈或填表日期', 'Date of interview or of the paper form'),
          hint: t(
            '由社区工作人员代填或录入纸质表时填写。',
            'Filled in by a community worker interviewing or keying in a paper form.',
          ),
        },
      ],
    },
  ],
};
