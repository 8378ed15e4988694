import { defineMessages } from '../i18n/index.ts';

export const apiDocsMessages = defineMessages(
  'api-docs',
  {
    title: '数据接口说明',
    intro:
      '平台的数据接口使用 JSON 格式，地址以 /api/v1 开头。下面列出每个接口、它接受的参数和它的返回。机器可读的完整说明（OpenAPI 3.1）在：',
    errors: '出错时，接口返回相应的 HTTP 状态码，以及统一格式的内容：{shape}。',
    authentication:
      '标有“需要令牌”的接口要在请求头中带上 {header}。令牌由安全管理员在“系统管理”中发放，或由运维人员用 fuju token create 命令生成；令牌代表发放给的那个用户，只能看到该用户权限范围内的数据，个人信息部分隐藏。',
    needsToken: '需要令牌',
    parameters: '参数',
    parameterName: '名称',
    parameterIn: '位置',
    parameterRequired: '必填',
    parameterType: '类型',
    parameterDescription: '说明',
    responses: '返回',
    responseStatus: '状态码',
    responseDescription: '说明',
    yes: '是',
    no: '否',
    none: '无',
    inPath: '路径',
    inQuery: '查询参数',
    inHeader: '请求头',
  },
  {
    title: 'Data API reference',
    intro:
      'The platform’s data API speaks JSON under /api/v1. Each endpoint is listed below with the parameters it accepts and what it returns. The complete machine-readable description (OpenAPI 3.1) is at:',
    errors: 'On error, the API answers with the matching HTTP status code and a body of one shape: {shape}.',
    authentication:
      'Endpoints marked “token required” need the request header {header}. A security administrator issues tokens under Administration, or an operator creates one with the fuju token create command; a token acts as the user it was issued for, sees only what that user may see, and gets personal data masked.',
    needsToken: 'Token required',
    parameters: 'Parameters',
    parameterName: 'Name',
    parameterIn: 'In',
    parameterRequired: 'Required',
    parameterType: 'Type',
    parameterDescription: 'Description',
    responses: 'Responses',
    responseStatus: 'Status',
    responseDescription: 'Description',
    yes: 'Yes',
    no: 'No',
    none: 'None',
    inPath: 'path',
    inQuery: 'query',
    inHeader: 'header',
  },
);
