import type { VNode } from 'preact';
import { Breadcrumbs } from './breadcrumbs.tsx';
import { Button, ButtonGroup } from './button.tsx';
import { Checkboxes } from './checkboxes.tsx';
import { CommandForm, CommandFormList } from './commandForm.tsx';
import { DateInput, dateInputFieldId } from './dateInput.tsx';
import { ErrorSummary } from './errorSummary.tsx';
import { FileUpload } from './fileUpload.tsx';
import { FreeText, FreeTextBlock } from './freeText.tsx';
import { NotificationBanner } from './notificationBanner.tsx';
import { PageTop } from './pageTop.tsx';
import { Pagination } from './pagination.tsx';
import { Radios } from './radios.tsx';
import { Select, type SelectOption } from './select.tsx';
import { SummaryList } from './summaryList.tsx';
import { Table } from './table.tsx';
import { Tag } from './tag.tsx';
import { Textarea } from './textarea.tsx';
import { TextInput } from './textInput.tsx';
import { Timeline } from './timeline.tsx';

/**
 * Examples of every component and its states, in Simplified Chinese. They are all rendered on one
 * page (component gallery, axe-core check), so every id is prefixed with the example's slug.
 */
export interface ComponentExample {
  component: string;
  name: string;
  render: () => VNode;
}

const ERROR_PREFIX = '错误：';

const disabilityCategories = [
  { value: 'visual', text: '视力残疾' },
  { value: 'hearing', text: '听力残疾' },
  { value: 'speech', text: '言语残疾' },
  { value: 'physical', text: '肢体残疾' },
  { value: 'intellectual', text: '智力残疾' },
  { value: 'mental', text: '精神残疾' },
  { value: 'multiple', text: '多重残疾' },
];

const assistiveDeviceTypes = [
  { value: 'wheelchair', text: '轮椅' },
  { value: 'hearing-aid', text: '助听器' },
  { value: 'white-cane', text: '盲杖' },
  { value: 'walker', text: '助行器' },
  { value: 'prosthesis', text: '假肢或矫形器' },
  { value: 'communication', text: '沟通辅助设备' },
];

/** Districts and counties of Xi'an with their administrative division codes. */
const districts: ReadonlyArray<{ code: string; name: string }> = [
  { code: '610102', name: '新城区' },
  { code: '610103', name: '碑林区' },
  { code: '610104', name: '莲湖区' },
  { code: '610111', name: '灞桥区' },
  { code: '610112', name: '未央区' },
  { code: '610113', name: '雁塔区' },
  { code: '610114', name: '阎良区' },
  { code: '610115', name: '临潼区' },
  { code: '610116', name: '长安区' },
  { code: '610117', name: '高陵区' },
  { code: '610118', name: '鄠邑区' },
  { code: '610122', name: '蓝田县' },
  { code: '610124', name: '周至县' },
];

const districtOptions: SelectOption[] = [
  { value: '', text: '请选择区县' },
  ...districts.map((district) => ({ value: district.code, text: district.name })),
];

const dateLabels = { year: '年', month: '月', day: '日' };

/** From the home page to the list of a resident's applications; each example adds its own page. */
const applicationsCrumbs = [
  { text: '首页', href: '/' },
  { text: '我的申请', href: '/applications' },
];

const pageHref = (page: number): string => `/applications?page=${page}`;
const pageLabel = (page: number): string => `第 ${page} 页`;

export const componentExamples: ComponentExample[] = [
  // ---------- TextInput ----------
  {
    component: 'TextInput',
    name: '默认',
    render: () => (
      <TextInput id="ti-default-name" name="name" label="姓名" autocomplete="name" spellcheck={false} />
    ),
  },
  {
    component: 'TextInput',
    name: '带提示',
    render: () => (
      <TextInput
        id="ti-hint-id-number"
        name="idNumber"
        label="身份证号码"
        hint="18位，最后一位可能是X"
        width="20"
        autocomplete="off"
        spellcheck={false}
      />
    ),
  },
  {
    component: 'TextInput',
    name: '错误（保留已输入的值）',
    render: () => (
      <TextInput
        id="ti-error-id-number"
        name="idNumber"
        label="身份证号码"
        hint="18位，最后一位可能是X"
        value="61010219800101123"
        error="身份证号码应为18位"
        errorPrefix={ERROR_PREFIX}
        width="20"
        autocomplete="off"
        spellcheck={false}
      />
    ),
  },
  {
    component: 'TextInput',
    name: '标签作为页面标题',
    render: () => (
      <TextInput
        id="ti-heading-phone"
        name="phone"
        type="tel"
        label="您的手机号码是多少？"
        labelIsPageHeading
        hint="我们会通过短信告知您申请的进展"
        autocomplete="tel"
        width="20"
      />
    ),
  },
  {
    component: 'TextInput',
    name: '带单位',
    render: () => (
      <TextInput
        id="ti-suffix-income"
        name="monthlyIncome"
        label="家庭人均月收入（元）"
        hint="用于判断是否符合免费适配条件"
        inputmode="decimal"
        suffix="元"
        width="5"
        spellcheck={false}
      />
    ),
  },

  // ---------- Textarea ----------
  {
    component: 'Textarea',
    name: '默认',
    render: () => <Textarea id="ta-default-needs" name="needs" label="您在日常生活中遇到哪些困难？" />,
  },
  {
    component: 'Textarea',
    name: '带提示',
    render: () => (
      <Textarea
        id="ta-hint-needs"
        name="needs"
        label="您需要哪些辅助器具？"
        hint="例如：出门需要轮椅，看电视需要助听器。不要填写病历号等敏感信息。"
        rows={6}
      />
    ),
  },
  {
    component: 'Textarea',
    name: '错误（保留已输入的值）',
    render: () => (
      <Textarea
        id="ta-error-address"
        name="deliveryNote"
        label="送货说明"
        value="楼道很窄，轮椅需要从侧门进入。请在上午送货，下午家中无人。电话联系我女儿，她会在楼下等候。"
        error="送货说明不能超过 40 个字"
        errorPrefix={ERROR_PREFIX}
      />
    ),
  },

  // ---------- Select ----------
  {
    component: 'Select',
    name: '默认',
    render: () => (
      <Select id="sel-default-district" name="district" label="所在区县" options={districtOptions} />
    ),
  },
  {
    component: 'Select',
    name: '带提示并已选择',
    render: () => (
      <Select
        id="sel-hint-district"
        name="district"
        label="户籍所在区县"
        hint="按残疾人证上登记的户籍地选择"
        options={districtOptions}
        value="610113"
      />
    ),
  },
  {
    component: 'Select',
    name: '错误',
    render: () => (
      <Select
        id="sel-error-district"
        name="district"
        label="所在区县"
        options={districtOptions}
        value=""
        error="请选择所在区县"
        errorPrefix={ERROR_PREFIX}
      />
    ),
  },

  // ---------- Radios ----------
  {
    component: 'Radios',
    name: '默认',
    render: () => (
      <Radios
        idPrefix="rad-default-category"
        name="category"
        legend="残疾类别"
        items={disabilityCategories}
      />
    ),
  },
  {
    component: 'Radios',
    name: '带提示和标题',
    render: () => (
      <Radios
        idPrefix="rad-hint-category"
        name="category"
        legend="您的残疾类别是什么？"
        legendIsPageHeading
        hint="按残疾人证上登记的类别选择"
        items={[
          ...disabilityCategories.slice(0, 6),
          {
            value: 'multiple',
            text: '多重残疾',
            hint: '同时存在两种或两种以上残疾',
          },
        ]}
      />
    ),
  },
  {
    component: 'Radios',
    name: '错误',
    render: () => (
      <Radios
        idPrefix="rad-error-category"
        name="category"
        legend="残疾类别"
        legendSize="m"
        error="请选择残疾类别"
        errorPrefix={ERROR_PREFIX}
        items={disabilityCategories}
      />
    ),
  },
  {
    component: 'Radios',
    name: '已选择',
    render: () => (
      <Radios
        idPrefix="rad-checked-category"
        name="category"
        legend="残疾类别"
        legendSize="m"
        value="physical"
        items={disabilityCategories}
      />
    ),
  },
  {
    component: 'Radios',
    name: '行内（是/否）',
    render: () => (
      <Radios
        idPrefix="rad-inline-certificate"
        name="hasCertificate"
        legend="您是否持有残疾人证？"
        legendSize="m"
        inline
        items={[
          { value: 'yes', text: '是' },
          { value: 'no', text: '否' },
        ]}
      />
    ),
  },
  {
    component: 'Radios',
    name: '带分隔项',
    render: () => (
      <Radios
        idPrefix="rad-divider-contact"
        name="contactMethod"
        legend="我们应如何联系您？"
        legendSize="m"
        small
        items={[
          { value: 'sms', text: '短信' },
          { value: 'phone', text: '电话' },
          { value: 'sign-language', text: '手语视频通话', hint: '由手语翻译员协助' },
          { divider: '或' },
          { value: 'none', text: '不需要联系我' },
        ]}
      />
    ),
  },

  // ---------- Checkboxes ----------
  {
    component: 'Checkboxes',
    name: '默认',
    render: () => (
      <Checkboxes
        idPrefix="chk-default-devices"
        name="devices"
        legend="您需要哪些类型的辅助器具？"
        items={assistiveDeviceTypes}
      />
    ),
  },
  {
    component: 'Checkboxes',
    name: '带提示',
    render: () => (
      <Checkboxes
        idPrefix="chk-hint-devices"
        name="devices"
        legend="您需要哪些类型的辅助器具？"
        legendSize="m"
        hint="选择所有适用项"
        items={[
          ...assistiveDeviceTypes.slice(0, 5),
          { value: 'communication', text: '沟通辅助设备', hint: '例如：沟通板、语音输出设备' },
        ]}
      />
    ),
  },
  {
    component: 'Checkboxes',
    name: '错误',
    render: () => (
      <Checkboxes
        idPrefix="chk-error-devices"
        name="devices"
        legend="您需要哪些类型的辅助器具？"
        legendSize="m"
        hint="选择所有适用项"
        error="请至少选择一种辅助器具"
        errorPrefix={ERROR_PREFIX}
        items={assistiveDeviceTypes}
      />
    ),
  },
  {
    component: 'Checkboxes',
    name: '已勾选',
    render: () => (
      <Checkboxes
        idPrefix="chk-checked-devices"
        name="devices"
        legend="您需要哪些类型的辅助器具？"
        legendSize="m"
        values={['wheelchair', 'walker']}
        items={assistiveDeviceTypes}
      />
    ),
  },
  {
    component: 'Checkboxes',
    name: '小尺寸（筛选）',
    render: () => (
      <Checkboxes
        idPrefix="chk-small-status"
        name="status"
        legend="按申请状态筛选"
        legendSize="s"
        small
        values={['reviewing']}
        items={[
          { value: 'submitted', text: '已提交' },
          { value: 'reviewing', text: '审核中' },
          { value: 'approved', text: '已批准' },
          { value: 'returned', text: '已退回' },
        ]}
      />
    ),
  },

  // ---------- DateInput ----------
  {
    component: 'DateInput',
    name: '默认',
    render: () => (
      <DateInput
        id="date-default-birth"
        namePrefix="birthDate"
        legend="出生日期"
        labels={dateLabels}
        autocompleteBirthday
      />
    ),
  },
  {
    component: 'DateInput',
    name: '带提示和标题',
    render: () => (
      <DateInput
        id="date-hint-birth"
        namePrefix="birthDate"
        legend="您的出生日期是哪天？"
        legendIsPageHeading
        hint="例如：1985 年 3 月 12 日"
        labels={dateLabels}
        autocompleteBirthday
      />
    ),
  },
  {
    component: 'DateInput',
    name: '错误（仅月份）',
    render: () => (
      <DateInput
        id="date-error-birth"
        namePrefix="birthDate"
        legend="出生日期"
        legendSize="m"
        hint="例如：1985 年 3 月 12 日"
        value={{ year: '1985', month: '13', day: '12' }}
        error="出生日期中的月份必须在 1 到 12 之间"
        errorPrefix={ERROR_PREFIX}
        errorFields={['month']}
        labels={dateLabels}
        autocompleteBirthday
      />
    ),
  },
  {
    component: 'DateInput',
    name: '已填写',
    render: () => (
      <DateInput
        id="date-value-certificate"
        namePrefix="certificateDate"
        legend="残疾人证发证日期"
        legendSize="m"
        value={{ year: '2019', month: '6', day: '20' }}
        labels={dateLabels}
      />
    ),
  },

  // ---------- FileUpload ----------
  {
    component: 'FileUpload',
    name: '默认',
    render: () => (
      <FileUpload id="file-default-certificate" name="certificatePhoto" label="上传残疾人证照片" />
    ),
  },
  {
    component: 'FileUpload',
    name: '带提示',
    render: () => (
      <FileUpload
        id="file-hint-certificate"
        name="certificatePhoto"
        label="上传残疾人证照片"
        hint="请拍摄残疾人证有照片的一页。支持 JPG、PNG 或 PDF，文件不超过 10MB。"
        accept="image/jpeg,image/png,application/pdf"
      />
    ),
  },
  {
    component: 'FileUpload',
    name: '错误',
    render: () => (
      <FileUpload
        id="file-error-certificate"
        name="certificatePhoto"
        label="上传残疾人证照片"
        hint="支持 JPG、PNG 或 PDF，文件不超过 10MB"
        accept="image/jpeg,image/png,application/pdf"
        error="所选文件必须小于 10MB"
        errorPrefix={ERROR_PREFIX}
      />
    ),
  },
  {
    component: 'FileUpload',
    name: '已上传文件',
    render: () => (
      <FileUpload
        id="file-current-certificate"
        name="certificatePhoto"
        label="上传残疾人证照片"
        hint="如需更换，请重新选择文件"
        accept="image/jpeg,image/png,application/pdf"
        currentFileText="已上传：残疾人证.jpg"
      />
    ),
  },

  // ---------- Button ----------
  { component: 'Button', name: '主要按钮', render: () => <Button>继续</Button> },
  {
    component: 'Button',
    name: '次要按钮',
    render: () => (
      <Button variant="secondary" name="action" value="save-draft">
        保存草稿
      </Button>
    ),
  },
  {
    component: 'Button',
    name: '警示按钮',
    render: () => (
      <Button variant="warning" name="action" value="withdraw">
        撤回申请
      </Button>
    ),
  },
  {
    component: 'Button',
    name: '禁用',
    render: () => (
      <Button id="btn-disabled-submit" disabled>
        提交申请
      </Button>
    ),
  },
  {
    component: 'Button',
    name: '链接样式按钮（开始）',
    render: () => (
      <Button href="/apply/start" isStartButton>
        开始申请
      </Button>
    ),
  },
  {
    component: 'Button',
    name: '按钮组',
    render: () => (
      <ButtonGroup>
        <Button preventDoubleClick>提交申请</Button>
        <Button variant="secondary" name="action" value="save-draft">
          保存草稿
        </Button>
        <a href="/applications">取消并返回我的申请</a>
      </ButtonGroup>
    ),
  },

  // ---------- ErrorSummary ----------
  {
    component: 'ErrorSummary',
    name: '与出错字段一起',
    render: () => (
      <div>
        <ErrorSummary
          id="es-form-summary"
          title="存在问题"
          errors={[
            { href: '#es-form-name', text: '请输入姓名' },
            {
              href: `#${dateInputFieldId('es-form-birth', 'month')}`,
              text: '出生日期中的月份必须在 1 到 12 之间',
            },
            { href: '#es-form-category', text: '请选择残疾类别' },
          ]}
        />
        <TextInput
          id="es-form-name"
          name="name"
          label="姓名"
          autocomplete="name"
          spellcheck={false}
          error="请输入姓名"
          errorPrefix={ERROR_PREFIX}
        />
        <DateInput
          id="es-form-birth"
          namePrefix="birthDate"
          legend="出生日期"
          legendSize="s"
          labels={dateLabels}
          value={{ year: '1985', month: '13', day: '12' }}
          error="出生日期中的月份必须在 1 到 12 之间"
          errorFields={['month']}
          errorPrefix={ERROR_PREFIX}
          autocompleteBirthday
        />
        <Radios
          idPrefix="es-form-category"
          name="category"
          legend="残疾类别"
          legendSize="s"
          items={disabilityCategories}
          error="请选择残疾类别"
          errorPrefix={ERROR_PREFIX}
        />
        <Button>继续</Button>
      </div>
    ),
  },
  {
    component: 'ErrorSummary',
    name: '带说明',
    render: () => (
      <div>
        <ErrorSummary
          title="存在问题"
          description="请修改以下内容后再提交。"
          errors={[{ href: '#es-desc-file', text: '所选文件必须是 JPG、PNG 或 PDF 格式' }]}
        />
        <FileUpload
          id="es-desc-file"
          name="certificatePhoto"
          label="上传残疾人证照片"
          error="所选文件必须是 JPG、PNG 或 PDF 格式"
          errorPrefix={ERROR_PREFIX}
          accept="image/jpeg,image/png,application/pdf"
        />
      </div>
    ),
  },

  // ---------- NotificationBanner ----------
  {
    component: 'NotificationBanner',
    name: '普通',
    render: () => (
      <NotificationBanner title="重要" titleId="nb-neutral-title" heading="您的申请还缺少户口簿复印件。">
        <p>
          请在 2024 年 12 月 31 日前 <a href="/applications/FJ-2024-000123/documents">上传户口簿复印件</a>。
        </p>
      </NotificationBanner>
    ),
  },
  {
    component: 'NotificationBanner',
    name: '普通（仅标题）',
    render: () => (
      <NotificationBanner
        title="服务提醒"
        titleId="nb-plain-title"
        heading="春节期间（2月9日至2月17日）辅具适配中心暂停现场服务，线上申请不受影响。"
      />
    ),
  },
  {
    component: 'NotificationBanner',
    name: '成功',
    render: () => (
      <NotificationBanner type="success" title="成功" titleId="nb-success-title" heading="您的申请已提交">
        <p>受理编号：FJ-2024-000123。我们会在 15 个工作日内通过短信告知审核结果。</p>
      </NotificationBanner>
    ),
  },

  // ---------- Table ----------
  {
    component: 'Table',
    name: '默认',
    render: () => (
      <Table
        caption="西安市各区县行政区划代码"
        columns={[{ header: '区县' }, { header: '行政区划代码' }]}
        rows={districts.slice(0, 6).map((district) => [district.name, district.code])}
      />
    ),
  },
  {
    component: 'Table',
    name: '行标题和数字列',
    render: () => (
      <Table
        id="tbl-numeric"
        caption="各区县辅具适配服务情况（示例数据）"
        captionSize="m"
        firstCellIsHeader
        columns={[
          { header: '区县' },
          { header: '行政区划代码' },
          { header: '评估人次', numeric: true },
          { header: '适配件数', numeric: true },
        ]}
        rows={[
          ['新城区', '610102', 1204, 986],
          ['碑林区', '610103', 1133, 902],
          ['莲湖区', '610104', 1378, 1140],
          ['雁塔区', '610113', 1652, 1391],
        ]}
      />
    ),
  },
  {
    component: 'Table',
    name: '含状态标签和链接',
    render: () => (
      <Table
        caption="我的申请"
        firstCellIsHeader
        columns={[{ header: '受理编号' }, { header: '辅助器具' }, { header: '申请日期' }, { header: '状态' }]}
        rows={[
          [
            { content: <a href="/applications/FJ-2024-000123">FJ-2024-000123</a> },
            '电动轮椅',
            '2024年11月2日',
            { content: <Tag text="审核中" colour="yellow" /> },
          ],
          [
            { content: <a href="/applications/FJ-2024-000087">FJ-2024-000087</a> },
            '助听器',
            '2024年8月15日',
            { content: <Tag text="已批准" colour="green" /> },
          ],
        ]}
      />
    ),
  },

  // ---------- Pagination ----------
  {
    component: 'Pagination',
    name: '第一页',
    render: () => (
      <Pagination
        label="申请列表分页"
        currentPage={1}
        totalPages={10}
        hrefForPage={pageHref}
        previousText="上一页"
        nextText="下一页"
        pageLabel={pageLabel}
      />
    ),
  },
  {
    component: 'Pagination',
    name: '中间页',
    render: () => (
      <Pagination
        label="辅具目录分页"
        currentPage={5}
        totalPages={10}
        hrefForPage={(page) => `/catalogue?page=${page}`}
        previousText="上一页"
        nextText="下一页"
        pageLabel={pageLabel}
      />
    ),
  },
  {
    component: 'Pagination',
    name: '最后一页',
    render: () => (
      <Pagination
        label="消息列表分页"
        currentPage={10}
        totalPages={10}
        hrefForPage={(page) => `/messages?page=${page}`}
        previousText="上一页"
        nextText="下一页"
        pageLabel={pageLabel}
      />
    ),
  },

  // ---------- SummaryList ----------
  {
    component: 'SummaryList',
    name: '带更改链接',
    render: () => (
      <SummaryList
        rows={[
          {
            key: '姓名',
            value: '示例居民',
            actions: [{ href: '/apply/name', text: '更改', visuallyHiddenText: '姓名' }],
          },
          {
            key: '身份证号码',
            value: '610102********1234',
            actions: [{ href: '/apply/id-number', text: '更改', visuallyHiddenText: '身份证号码' }],
          },
          {
            key: '出生日期',
            value: '1985年3月12日',
            actions: [{ href: '/apply/birth-date', text: '更改', visuallyHiddenText: '出生日期' }],
          },
          {
            key: '残疾类别',
            value: '肢体残疾',
            actions: [{ href: '/apply/category', text: '更改', visuallyHiddenText: '残疾类别' }],
          },
          {
            key: '联系地址',
            value: (
              <>
                <p>西安市新城区</p>
                <p>解放路 100 号 3 单元 502 室</p>
              </>
            ),
            actions: [{ href: '/apply/address', text: '更改', visuallyHiddenText: '联系地址' }],
          },
          { key: '受理编号', value: 'FJ-2024-000123' },
        ]}
      />
    ),
  },
  {
    component: 'SummaryList',
    name: '无边框、无操作',
    render: () => (
      <SummaryList
        noBorder
        rows={[
          { key: '辅助器具', value: '电动轮椅' },
          { key: '申请状态', value: <Tag text="审核中" colour="yellow" /> },
          { key: '提交日期', value: '2024年11月2日' },
        ]}
      />
    ),
  },
  {
    component: 'SummaryList',
    name: '多个操作',
    render: () => (
      <SummaryList
        rows={[
          {
            key: '残疾人证照片',
            value: '残疾人证.jpg',
            actions: [
              { href: '/apply/documents/certificate', text: '查看', visuallyHiddenText: '残疾人证照片' },
              {
                href: '/apply/documents/certificate/replace',
                text: '更换',
                visuallyHiddenText: '残疾人证照片',
              },
            ],
          },
        ]}
      />
    ),
  },

  // ---------- Tag ----------
  { component: 'Tag', name: '已提交', render: () => <Tag text="已提交" colour="blue" /> },
  { component: 'Tag', name: '审核中', render: () => <Tag text="审核中" colour="yellow" /> },
  { component: 'Tag', name: '已批准', render: () => <Tag text="已批准" colour="green" /> },
  { component: 'Tag', name: '已退回', render: () => <Tag text="已退回" colour="red" /> },
  { component: 'Tag', name: '草稿', render: () => <Tag text="草稿" colour="grey" /> },

  // ---------- Breadcrumbs ----------
  {
    component: 'Breadcrumbs',
    name: '默认',
    render: () => <Breadcrumbs label="面包屑导航" items={[...applicationsCrumbs, { text: '申请详情' }]} />,
  },
  {
    component: 'Breadcrumbs',
    name: '窄屏折叠',
    render: () => (
      <Breadcrumbs
        label="辅具目录位置"
        collapseOnMobile
        items={[
          { text: '首页', href: '/' },
          { text: '辅具目录', href: '/catalogue' },
          { text: '移动辅具', href: '/catalogue/mobility' },
          { text: '轮椅', href: '/catalogue/mobility/wheelchairs' },
        ]}
      />
    ),
  },

  // ---------- PageTop ----------
  {
    component: 'PageTop',
    name: '表单出错',
    render: () => (
      <div>
        <PageTop
          breadcrumbsLabel="页面路径"
          crumbs={[...applicationsCrumbs, { text: '修改联系方式' }]}
          errors={{ 'pt-phone': '请输入手机号码', 'pt-address': '请输入居住地址' }}
          errorTitle="存在问题"
          doneTitle="成功"
        />
        <TextInput
          id="pt-phone"
          name="phone"
          type="tel"
          label="手机号码"
          autocomplete="tel"
          width="20"
          error="请输入手机号码"
          errorPrefix={ERROR_PREFIX}
        />
        <TextInput
          id="pt-address"
          name="address"
          label="居住地址"
          autocomplete="street-address"
          error="请输入居住地址"
          errorPrefix={ERROR_PREFIX}
        />
      </div>
    ),
  },
  {
    component: 'PageTop',
    name: '操作成功',
    render: () => (
      <PageTop
        breadcrumbsLabel="申请详情页面路径"
        crumbs={[...applicationsCrumbs, { text: '申请详情' }]}
        errorTitle="存在问题"
        done="联系方式已更新，我们会用新的手机号码联系您。"
        doneTitle="成功"
      />
    ),
  },
  // ---------- FreeText ----------
  {
    component: 'FreeText',
    name: '英文页面中的中文输入',
    render: () => (
      <p class="fj-body">
        <FreeText locale="en" text="轮椅座宽偏窄" />
      </p>
    ),
  },
  {
    component: 'FreeText',
    name: '分段',
    render: () => <FreeTextBlock locale="zh-CN" text={'第一段：需要上下楼。\n\n第二段：家属协助。'} />,
  },

  // ---------- CommandForm ----------
  {
    component: 'CommandForm',
    name: '一组操作，其一有错误',
    render: () => (
      <CommandFormList
        heading="可执行的操作"
        headingId="example-commands-heading"
        commands={['example-approve', 'example-reject']}
        form={(command) => (
          <CommandForm
            name={command}
            text={command === 'example-approve' ? '批准' : '驳回'}
            action={`/applications/example/commands/${command}`}
            version={3}
            csrf="example-token"
            lead={command === 'example-reject' ? '驳回后申请人可以申诉。' : undefined}
            problemId={`${command}-problem`}
            problem={command === 'example-approve' ? '该申请已被他人更改，请查看后重试' : undefined}
            errorPrefix={ERROR_PREFIX}
            warning={command === 'example-reject'}
          >
            {command === 'example-reject' && (
              <Textarea id={`${command}-reason`} name="reason" label="理由" labelSize="s" rows={3} />
            )}
          </CommandForm>
        )}
      />
    ),
  },

  // ---------- Timeline ----------
  {
    component: 'Timeline',
    name: '办理记录',
    render: () => (
      <Timeline
        heading="办理记录"
        headingId="example-timeline-heading"
        entries={[
          { key: 1, text: '2026年3月2日 09:15 提交申请（申请人）' },
          {
            key: 2,
            text: '2026年3月4日 14:30 退回修改（社区工作人员）',
            detail: '；说明：请补充残疾证照片。',
          },
        ]}
      />
    ),
  },
];
