import { readFileSync } from 'node:fs';
import type { VNode } from 'preact';
import { render } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { componentExamples } from './examples.tsx';
import {
  Breadcrumbs,
  Button,
  Checkboxes,
  CommandForm,
  CommandFormList,
  DateInput,
  ErrorSummary,
  FileUpload,
  FreeText,
  FreeTextBlock,
  NotificationBanner,
  PageTop,
  Pagination,
  paginationEntries,
  Radios,
  Select,
  SummaryList,
  Table,
  Tag,
  Textarea,
  TextInput,
  Timeline,
} from './index.ts';

// ---------- helpers (the renderer always writes double-quoted attributes) ----------

const html = (node: VNode): string => render(node);

function attrValues(markup: string, attr: string): string[] {
  const pattern = new RegExp(`\\s${attr}="([^"]*)"`, 'g');
  return [...markup.matchAll(pattern)].map((match) => match[1] ?? '');
}

const idsIn = (markup: string): string[] => attrValues(markup, 'id');

/** Opening tags of an element, e.g. tags(markup, 'input'). */
function tags(markup: string, name: string): string[] {
  return [...markup.matchAll(new RegExp(`<${name}\\b[^>]*>`, 'g'))].map((match) => match[0]);
}

function attr(tag: string, name: string): string | undefined {
  return new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
}

const hasAttr = (tag: string, name: string): boolean => new RegExp(`\\s${name}(=|\\s|/?>)`).test(tag);

/** Text content: tags removed, the few entities the renderer writes decoded. */
function textOf(markup: string): string {
  return markup
    .replace(/<[^>]*>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

/** Every id referenced by aria-describedby / aria-labelledby / label[for] / in-page href. */
function referencedIds(markup: string): string[] {
  return [
    ...attrValues(markup, 'aria-describedby').flatMap((value) => value.split(/\s+/)),
    ...attrValues(markup, 'aria-labelledby').flatMap((value) => value.split(/\s+/)),
    ...attrValues(markup, 'for'),
    ...attrValues(markup, 'href')
      .filter((href) => href.startsWith('#') && href.length > 1)
      .map((href) => href.slice(1)),
  ].filter((id) => id.length > 0);
}

function duplicates(values: readonly string[]): string[] {
  const seen = new Set<string>();
  const dupes = new Set<string>();
  for (const value of values) {
    if (seen.has(value)) dupes.add(value);
    seen.add(value);
  }
  return [...dupes];
}

/** Form controls that are not labelled by a <label for>, aria-label or aria-labelledby. */
function unlabelledControls(markup: string): string[] {
  const labelled = new Set(attrValues(markup, 'for'));
  const controls = [...tags(markup, 'input'), ...tags(markup, 'select'), ...tags(markup, 'textarea')];
  return controls.filter((tag) => {
    const type = attr(tag, 'type');
    if (type === 'hidden' || type === 'submit' || type === 'button' || type === 'reset') return false;
    const id = attr(tag, 'id');
    if (id !== undefined && labelled.has(id)) return false;
    return !hasAttr(tag, 'aria-label') && !hasAttr(tag, 'aria-labelledby');
  });
}

// ---------- every example ----------

const rendered = componentExamples.map((example) => ({ example, markup: html(example.render()) }));

describe('component examples', () => {
  it('cover every component', () => {
    const components = new Set(componentExamples.map((example) => example.component));
    expect([...components].sort()).toEqual(
      [
        'Breadcrumbs',
        'Button',
        'Checkboxes',
        'CommandForm',
        'DateInput',
        'ErrorSummary',
        'FileUpload',
        'FreeText',
        'NotificationBanner',
        'PageTop',
        'Pagination',
        'Radios',
        'Select',
        'SummaryList',
        'Table',
        'Tag',
        'TextInput',
        'Textarea',
        'Timeline',
      ].sort(),
    );
  });

  it.each(['TextInput', 'Textarea', 'Select', 'Radios', 'Checkboxes', 'DateInput', 'FileUpload'])(
    '%s has a plain, a hint and an error example',
    (component) => {
      const markups = rendered.filter((entry) => entry.example.component === component).map((e) => e.markup);
      expect(markups.some((m) => !m.includes('fj-hint') && !m.includes('fj-error-message'))).toBe(true);
      expect(markups.some((m) => m.includes('class="fj-hint"'))).toBe(true);
      expect(markups.some((m) => m.includes('class="fj-error-message"'))).toBe(true);
    },
  );

  it('have unique component/name pairs', () => {
    expect(duplicates(componentExamples.map((e) => `${e.component}/${e.name}`))).toEqual([]);
  });

  it('use no id twice across all examples (they share one page)', () => {
    const all = rendered.flatMap((entry) => idsIn(entry.markup));
    expect(all.length).toBeGreaterThan(50);
    expect(duplicates(all)).toEqual([]);
  });

  it('give navigation landmarks and regions distinct names across all examples', () => {
    const combined = rendered.map((entry) => entry.markup).join('');
    const navLabels = tags(combined, 'nav').map((tag) => attr(tag, 'aria-label') ?? '');
    expect(navLabels.every((label) => label.length > 0)).toBe(true);
    expect(duplicates(navLabels)).toEqual([]);
  });

  describe.each(
    rendered.map((entry) => [`${entry.example.component} – ${entry.example.name}`, entry] as const),
  )('%s', (_title, { markup }) => {
    it('renders non-empty HTML', () => {
      expect(markup.length).toBeGreaterThan(0);
      expect(textOf(markup).trim().length).toBeGreaterThan(0);
    });

    it('only references ids that exist in the example', () => {
      const ids = new Set(idsIn(markup));
      const missing = referencedIds(markup).filter((id) => !ids.has(id));
      expect(missing).toEqual([]);
    });

    it('labels every form control', () => {
      expect(unlabelledControls(markup)).toEqual([]);
    });

    it('has no duplicate ids', () => {
      expect(duplicates(idsIn(markup))).toEqual([]);
    });

    it('has no empty attribute references', () => {
      expect(markup).not.toMatch(/aria-(describedby|labelledby)=""/);
      expect(markup).not.toMatch(/\sfor=""/);
      expect(markup).not.toContain('undefined');
    });
  });
});

// ---------- the test helpers can fail ----------

describe('test helpers', () => {
  it('detect a dangling aria-describedby, an unlabelled input and duplicate ids', () => {
    const bad =
      '<div><input id="a" aria-describedby="nope"/><input id="a" type="text"/><label for="b">x</label></div>';
    expect(referencedIds(bad).filter((id) => !idsIn(bad).includes(id))).toEqual(['nope', 'b']);
    expect(unlabelledControls(bad)).toHaveLength(2);
    expect(duplicates(idsIn(bad))).toEqual(['a']);
  });
});

// ---------- TextInput ----------

describe('TextInput', () => {
  it('renders a label tied to the input and no aria-describedby without hint or error', () => {
    const markup = html(<TextInput id="name" name="name" label="姓名" />);
    expect(markup).toContain('<label class="fj-label" for="name">姓名</label>');
    const [input] = tags(markup, 'input');
    expect(attr(input ?? '', 'type')).toBe('text');
    expect(hasAttr(input ?? '', 'aria-describedby')).toBe(false);
    expect(hasAttr(input ?? '', 'aria-invalid')).toBe(false);
  });

  it('sets aria-invalid, the error class and hint + error ids in aria-describedby', () => {
    const markup = html(
      <TextInput
        id="idn"
        name="idNumber"
        label="身份证号码"
        hint="18位，最后一位可能是X"
        error="身份证号码应为18位"
        errorPrefix="错误："
        value="6101"
      />,
    );
    const [input] = tags(markup, 'input');
    expect(attr(input ?? '', 'aria-invalid')).toBe('true');
    expect(attr(input ?? '', 'aria-describedby')).toBe('idn-hint idn-error');
    expect(attr(input ?? '', 'class')).toContain('fj-input--error');
    expect(attr(input ?? '', 'value')).toBe('6101');
    expect(markup).toContain('<div class="fj-hint" id="idn-hint">18位，最后一位可能是X</div>');
    expect(markup).toContain(
      '<p class="fj-error-message" id="idn-error"><span class="fj-visually-hidden">错误：</span>身份证号码应为18位</p>',
    );
    expect(markup).toContain('class="fj-form-group fj-form-group--error"');
    // The error message comes before the input, after the hint (GOV.UK order).
    expect(markup.indexOf('idn-hint')).toBeLessThan(markup.indexOf('id="idn-error"'));
    expect(markup.indexOf('id="idn-error"')).toBeLessThan(markup.indexOf('<input'));
  });

  it('uses the error prefix given (English)', () => {
    const markup = html(
      <TextInput id="n" name="n" label="Name" error="Enter your name" errorPrefix="Error:" />,
    );
    expect(markup).toContain('<span class="fj-visually-hidden">Error:</span>Enter your name');
  });

  it('lists only the error id when there is no hint', () => {
    const markup = html(<TextInput id="n" name="n" label="姓名" error="请输入姓名" errorPrefix="错误：" />);
    expect(attr(tags(markup, 'input')[0] ?? '', 'aria-describedby')).toBe('n-error');
  });

  it('passes autocomplete, inputmode, spellcheck, type and width through', () => {
    const markup = html(
      <TextInput
        id="p"
        name="phone"
        label="手机号码"
        type="tel"
        autocomplete="tel"
        inputmode="tel"
        spellcheck={false}
        width="20"
      />,
    );
    const [input] = tags(markup, 'input');
    expect(attr(input ?? '', 'type')).toBe('tel');
    expect(attr(input ?? '', 'autocomplete')).toBe('tel');
    expect(attr(input ?? '', 'inputmode')).toBe('tel');
    expect(attr(input ?? '', 'spellcheck')).toBe('false');
    expect(attr(input ?? '', 'class')).toContain('fj-field--width-20');
  });

  it('wraps the label in an h1 when it is the page heading', () => {
    const markup = html(<TextInput id="q" name="q" label="您的手机号码是多少？" labelIsPageHeading />);
    expect(markup).toMatch(/<h1 class="fj-label-wrapper"><label class="fj-label fj-label--l" for="q">/);
  });

  it('hides prefix and suffix from screen readers', () => {
    const markup = html(<TextInput id="m" name="m" label="金额（元）" suffix="元" />);
    expect(markup).toContain('<div class="fj-input__suffix" aria-hidden="true">元</div>');
  });
});

// ---------- Textarea / Select ----------

describe('Textarea', () => {
  it('keeps the value and marks errors', () => {
    const markup = html(
      <Textarea id="t" name="t" label="说明" value="第一行" error="请填写说明" errorPrefix="错误：" />,
    );
    expect(markup).toMatch(/<textarea[^>]*>第一行<\/textarea>/);
    const [textarea] = tags(markup, 'textarea');
    expect(attr(textarea ?? '', 'aria-invalid')).toBe('true');
    expect(attr(textarea ?? '', 'aria-describedby')).toBe('t-error');
    expect(attr(textarea ?? '', 'class')).toContain('fj-textarea--error');
  });
});

describe('Select', () => {
  it('keeps the selected value and marks errors', () => {
    const markup = html(
      <Select
        id="d"
        name="d"
        label="区县"
        hint="按户籍选择"
        value="610113"
        error="请选择区县"
        errorPrefix="错误："
        options={[
          { value: '', text: '请选择' },
          { value: '610102', text: '新城区' },
          { value: '610113', text: '雁塔区' },
        ]}
      />,
    );
    const selected = tags(markup, 'option').filter((tag) => hasAttr(tag, 'selected'));
    expect(selected).toHaveLength(1);
    expect(attr(selected[0] ?? '', 'value')).toBe('610113');
    const [select] = tags(markup, 'select');
    expect(attr(select ?? '', 'aria-invalid')).toBe('true');
    expect(attr(select ?? '', 'aria-describedby')).toBe('d-hint d-error');
  });
});

// ---------- Radios / Checkboxes ----------

const categories = [
  { value: 'visual', text: '视力残疾' },
  { value: 'hearing', text: '听力残疾', hint: '包括单耳和双耳' },
  { divider: '或' },
  { value: 'none', text: '都不是' },
];

describe('Radios', () => {
  const markup = html(
    <Radios
      idPrefix="cat"
      name="category"
      legend="残疾类别"
      hint="按证件选择"
      error="请选择残疾类别"
      errorPrefix="错误："
      value="hearing"
      items={categories}
    />,
  );

  it('is a fieldset with a legend, described by hint and error', () => {
    expect(markup).toMatch(/^<div class="fj-form-group fj-form-group--error"><fieldset/);
    expect(markup).toContain('<legend class="fj-fieldset__legend">残疾类别</legend>');
    expect(attr(tags(markup, 'fieldset')[0] ?? '', 'aria-describedby')).toBe('cat-hint cat-error');
    expect(markup.indexOf('<legend')).toBeLessThan(markup.indexOf('<input'));
  });

  it('gives the first option the group id and numbers the rest', () => {
    const inputs = tags(markup, 'input');
    expect(inputs.map((tag) => attr(tag, 'id'))).toEqual(['cat', 'cat-2', 'cat-3']);
    expect(inputs.every((tag) => attr(tag, 'type') === 'radio' && attr(tag, 'name') === 'category')).toBe(
      true,
    );
    expect(markup).toContain('<div class="fj-radios__divider">或</div>');
  });

  it('keeps the checked value', () => {
    const checked = tags(markup, 'input').filter((tag) => hasAttr(tag, 'checked'));
    expect(checked.map((tag) => attr(tag, 'value'))).toEqual(['hearing']);
  });

  it('ties an option hint to its input', () => {
    const second = tags(markup, 'input')[1] ?? '';
    expect(attr(second, 'aria-describedby')).toBe('cat-2-item-hint');
    expect(markup).toContain('id="cat-2-item-hint"');
  });

  it('renders the legend as the page heading', () => {
    const heading = html(
      <Radios idPrefix="h" name="h" legend="您的残疾类别是什么？" legendIsPageHeading items={categories} />,
    );
    expect(heading).toContain(
      '<legend class="fj-fieldset__legend fj-fieldset__legend--l"><h1 class="fj-fieldset__heading">您的残疾类别是什么？</h1></legend>',
    );
    expect(hasAttr(tags(heading, 'fieldset')[0] ?? '', 'aria-describedby')).toBe(false);
  });
});

describe('Checkboxes', () => {
  it('keeps several checked values and marks the error on the fieldset', () => {
    const markup = html(
      <Checkboxes
        idPrefix="dev"
        name="devices"
        legend="辅助器具"
        error="请至少选择一项"
        errorPrefix="错误："
        values={['wheelchair', 'walker']}
        items={[
          { value: 'wheelchair', text: '轮椅' },
          { value: 'hearing-aid', text: '助听器' },
          { value: 'walker', text: '助行器' },
        ]}
      />,
    );
    expect(markup).toContain('<fieldset class="fj-fieldset" aria-describedby="dev-error">');
    const checked = tags(markup, 'input').filter((tag) => hasAttr(tag, 'checked'));
    expect(checked.map((tag) => attr(tag, 'value'))).toEqual(['wheelchair', 'walker']);
    expect(tags(markup, 'input').every((tag) => attr(tag, 'type') === 'checkbox')).toBe(true);
  });
});

// ---------- DateInput ----------

describe('DateInput', () => {
  const markup = html(
    <DateInput
      id="birth"
      namePrefix="birthDate"
      legend="出生日期"
      hint="例如：1985 年 3 月 12 日"
      labels={{ year: '年', month: '月', day: '日' }}
      value={{ year: '1985', month: '13', day: '12' }}
      error="月份必须在 1 到 12 之间"
      errorPrefix="错误："
      errorFields={['month']}
      autocompleteBirthday
    />,
  );
  const inputs = tags(markup, 'input');

  it('is a fieldset (role=group) with a legend described by hint and error', () => {
    const [fieldset] = tags(markup, 'fieldset');
    expect(attr(fieldset ?? '', 'role')).toBe('group');
    expect(attr(fieldset ?? '', 'aria-describedby')).toBe('birth-hint birth-error');
    expect(markup).toContain('<legend class="fj-fieldset__legend">出生日期</legend>');
  });

  it('orders fields year, month, day with their labels', () => {
    expect(inputs.map((tag) => attr(tag, 'id'))).toEqual(['birth-year', 'birth-month', 'birth-day']);
    expect(inputs.map((tag) => attr(tag, 'name'))).toEqual([
      'birthDate-year',
      'birthDate-month',
      'birthDate-day',
    ]);
    expect(markup).toContain('<label class="fj-label fj-date-input__label" for="birth-year">年</label>');
    expect(inputs.every((tag) => attr(tag, 'inputmode') === 'numeric')).toBe(true);
    expect(inputs.map((tag) => attr(tag, 'autocomplete'))).toEqual(['bday-year', 'bday-month', 'bday-day']);
  });

  it('keeps the values and marks only the fields in error', () => {
    expect(inputs.map((tag) => attr(tag, 'value'))).toEqual(['1985', '13', '12']);
    expect(inputs.map((tag) => attr(tag, 'aria-invalid'))).toEqual([undefined, 'true', undefined]);
    expect(inputs.map((tag) => (attr(tag, 'class') ?? '').includes('fj-input--error'))).toEqual([
      false,
      true,
      false,
    ]);
  });

  it('marks all fields when no errorFields are given', () => {
    const all = html(
      <DateInput
        id="d"
        namePrefix="d"
        legend="日期"
        labels={{ year: '年', month: '月', day: '日' }}
        error="请输入日期"
        errorPrefix="错误："
      />,
    );
    expect(tags(all, 'input').every((tag) => attr(tag, 'aria-invalid') === 'true')).toBe(true);
  });
});

// ---------- FileUpload ----------

describe('FileUpload', () => {
  it('renders a labelled file input with accept and error state', () => {
    const markup = html(
      <FileUpload
        id="photo"
        name="photo"
        label="上传残疾人证照片"
        hint="不超过 10MB"
        accept="image/jpeg,image/png"
        error="所选文件必须小于 10MB"
        errorPrefix="错误："
      />,
    );
    const [input] = tags(markup, 'input');
    expect(attr(input ?? '', 'type')).toBe('file');
    expect(attr(input ?? '', 'accept')).toBe('image/jpeg,image/png');
    expect(attr(input ?? '', 'aria-invalid')).toBe('true');
    expect(attr(input ?? '', 'aria-describedby')).toBe('photo-hint photo-error');
    expect(markup).toContain('for="photo"');
  });
});

// ---------- Button ----------

describe('Button', () => {
  it('renders a submit button by default', () => {
    expect(html(<Button>继续</Button>)).toBe(
      '<button type="submit" class="fj-button" data-module="button">继续</button>',
    );
  });

  it('renders variants and the disabled state', () => {
    expect(html(<Button variant="secondary">保存草稿</Button>)).toContain(
      'class="fj-button fj-button--secondary"',
    );
    expect(html(<Button variant="warning">撤回申请</Button>)).toContain(
      'class="fj-button fj-button--warning"',
    );
    const disabled = html(<Button disabled>提交</Button>);
    expect(disabled).toContain('disabled');
    expect(disabled).toContain('aria-disabled="true"');
    expect(disabled).toContain('fj-button--disabled');
  });

  it('renders a link styled as a button when given href', () => {
    const markup = html(
      <Button href="/apply/start" isStartButton>
        开始申请
      </Button>,
    );
    expect(markup).toMatch(/^<a href="\/apply\/start" class="fj-button fj-button--start"/);
    expect(markup).not.toContain('type=');
    expect(markup).not.toContain('<button');
  });
});

// ---------- ErrorSummary ----------

describe('ErrorSummary', () => {
  const markup = html(
    <ErrorSummary
      title="存在问题"
      errors={[
        { href: '#name', text: '请输入姓名' },
        { href: '#birth-month', text: '月份必须在 1 到 12 之间' },
      ]}
    />,
  );

  it('is an alert that a script can focus, with a heading', () => {
    const [root] = tags(markup, 'div');
    expect(attr(root ?? '', 'role')).toBe('alert');
    expect(attr(root ?? '', 'tabindex')).toBe('-1');
    expect(attr(root ?? '', 'data-module')).toBe('error-summary');
    expect(markup).toContain('<h2 class="fj-error-summary__title">存在问题</h2>');
  });

  it('links to the fields in error', () => {
    expect(attrValues(markup, 'href')).toEqual(['#name', '#birth-month']);
    expect(markup).toContain('<a href="#name">请输入姓名</a>');
  });

  it('links resolve when rendered with the fields', () => {
    const page = html(
      <div>
        <ErrorSummary
          title="存在问题"
          errors={[
            { href: '#name', text: '请输入姓名' },
            { href: '#birth-month', text: '月份必须在 1 到 12 之间' },
            { href: '#cat', text: '请选择残疾类别' },
          ]}
        />
        <TextInput id="name" name="name" label="姓名" error="请输入姓名" errorPrefix="错误：" />
        <DateInput
          id="birth"
          namePrefix="birth"
          legend="出生日期"
          labels={{ year: '年', month: '月', day: '日' }}
          error="月份必须在 1 到 12 之间"
          errorPrefix="错误："
        />
        <Radios
          idPrefix="cat"
          name="cat"
          legend="残疾类别"
          items={categories}
          error="请选择"
          errorPrefix="错误："
        />
      </div>,
    );
    const ids = new Set(idsIn(page));
    expect(referencedIds(page).filter((id) => !ids.has(id))).toEqual([]);
  });

  it('has summary links in every example that point into the page', () => {
    for (const { example, markup: exampleMarkup } of rendered) {
      if (example.component !== 'ErrorSummary') continue;
      const hrefs = attrValues(exampleMarkup, 'href');
      expect(hrefs.length).toBeGreaterThan(0);
      expect(hrefs.every((href) => href.startsWith('#'))).toBe(true);
    }
  });
});

// ---------- NotificationBanner ----------

describe('NotificationBanner', () => {
  it('neutral: a region labelled by its title', () => {
    const markup = html(
      <NotificationBanner title="重要" titleId="nb-t" heading="材料不全">
        <p>请补充</p>
      </NotificationBanner>,
    );
    expect(markup).toMatch(/^<section class="fj-notification-banner" aria-labelledby="nb-t"/);
    expect(markup).not.toContain('role="alert"');
    expect(markup).toContain('<h2 class="fj-notification-banner__title" id="nb-t">重要</h2>');
    expect(markup).toContain('<p class="fj-notification-banner__heading">材料不全</p>');
  });

  it('success: role=alert', () => {
    const markup = html(<NotificationBanner type="success" title="成功" titleId="ok" heading="已提交" />);
    expect(markup).toMatch(/^<div class="fj-notification-banner fj-notification-banner--success"/);
    expect(markup).toContain('role="alert"');
    expect(markup).toContain('aria-labelledby="ok"');
  });
});

// ---------- Table ----------

describe('Table', () => {
  const markup = html(
    <Table
      caption="西安市各区县行政区划代码"
      firstCellIsHeader
      columns={[{ header: '区县' }, { header: '代码' }, { header: '人次', numeric: true }]}
      rows={[
        ['新城区', '610102', 1204],
        ['碑林区', '610103', { content: '1,133' }],
      ]}
    />,
  );

  it('has a caption and column headers with scope=col', () => {
    expect(markup).toContain('<caption class="fj-table__caption">西安市各区县行政区划代码</caption>');
    const headers = tags(markup, 'th');
    expect(headers.filter((tag) => attr(tag, 'scope') === 'col')).toHaveLength(3);
  });

  it('has row headers with scope=row', () => {
    const rowHeaders = tags(markup, 'th').filter((tag) => attr(tag, 'scope') === 'row');
    expect(rowHeaders).toHaveLength(2);
    expect(markup).toContain('<th scope="row" class="fj-table__header">新城区</th>');
  });

  it('right-aligns numeric columns by class', () => {
    expect(markup).toContain('class="fj-table__header fj-table__header--numeric">人次</th>');
    expect(markup).toContain('<td class="fj-table__cell fj-table__cell--numeric">1204</td>');
    expect(markup).toContain('<td class="fj-table__cell fj-table__cell--numeric">1,133</td>');
    expect(markup).toContain('<td class="fj-table__cell">610102</td>');
  });

  it('becomes a labelled, focusable scroll region when given an id', () => {
    const scroll = html(<Table id="wide" caption="宽表格" columns={[{ header: 'A' }]} rows={[['1']]} />);
    expect(scroll).toMatch(
      /^<section class="fj-table-container" id="wide" aria-labelledby="wide-caption" tabindex="0">/,
    );
    expect(scroll).toContain('id="wide-caption"');
  });
});

// ---------- Pagination ----------

describe('Pagination', () => {
  const props = {
    label: '分页',
    totalPages: 10,
    hrefForPage: (page: number) => `/list?page=${page}`,
    previousText: '上一页',
    nextText: '下一页',
    pageLabel: (page: number) => `第 ${page} 页`,
  };
  const current = (markup: string): string[] =>
    tags(markup, 'a')
      .filter((tag) => attr(tag, 'aria-current') === 'page')
      .map((tag) => attr(tag, 'href') ?? '');

  it('is a labelled nav', () => {
    expect(html(<Pagination {...props} currentPage={1} />)).toMatch(
      /^<nav class="fj-pagination" aria-label="分页">/,
    );
  });

  it('first page: no previous link, next link, page 1 current', () => {
    const markup = html(<Pagination {...props} currentPage={1} />);
    expect(markup).not.toContain('rel="prev"');
    expect(markup).toContain('<a class="fj-pagination__link" href="/list?page=2" rel="next">');
    expect(current(markup)).toEqual(['/list?page=1']);
    expect(markup).toContain('aria-label="第 1 页"');
  });

  it('middle page: both links, ellipses, current page marked', () => {
    const markup = html(<Pagination {...props} currentPage={5} />);
    expect(markup).toContain('href="/list?page=4" rel="prev"');
    expect(markup).toContain('href="/list?page=6" rel="next"');
    expect(current(markup)).toEqual(['/list?page=5']);
    expect(markup.match(/fj-pagination__item--ellipsis/g)).toHaveLength(2);
    expect(markup).toContain('fj-pagination__item fj-pagination__item--current');
  });

  it('last page: no next link', () => {
    const markup = html(<Pagination {...props} currentPage={10} />);
    expect(markup).not.toContain('rel="next"');
    expect(markup).toContain('rel="prev"');
    expect(current(markup)).toEqual(['/list?page=10']);
  });

  it('renders nothing for a single page', () => {
    expect(html(<Pagination {...props} totalPages={1} currentPage={1} />)).toBe('');
  });

  it('computes page entries', () => {
    const compact = (page: number, total: number) =>
      paginationEntries(page, total).map((entry) => (entry.kind === 'page' ? entry.page : '…'));
    expect(compact(5, 10)).toEqual([1, '…', 4, 5, 6, '…', 10]);
    expect(compact(1, 10)).toEqual([1, 2, '…', 10]);
    expect(compact(10, 10)).toEqual([1, '…', 9, 10]);
    expect(compact(3, 10)).toEqual([1, 2, 3, 4, '…', 10]);
    expect(compact(2, 3)).toEqual([1, 2, 3]);
  });
});

// ---------- SummaryList ----------

describe('SummaryList', () => {
  it('renders a dl with key, value and an action with visually hidden context', () => {
    const markup = html(
      <SummaryList
        rows={[
          {
            key: '姓名',
            value: '示例居民',
            actions: [{ href: '/apply/name', text: '更改', visuallyHiddenText: '姓名' }],
          },
          { key: '受理编号', value: 'FJ-1' },
        ]}
      />,
    );
    expect(markup).toMatch(/^<dl class="fj-summary-list">/);
    expect(markup).toContain('<dt class="fj-summary-list__key">姓名</dt>');
    expect(markup).toContain('<dd class="fj-summary-list__value">示例居民</dd>');
    expect(markup).toContain(
      '<a class="fj-summary-list__action-link" href="/apply/name">更改<span class="fj-visually-hidden"> 姓名</span></a>',
    );
    expect(markup).toContain('fj-summary-list__row fj-summary-list__row--no-actions');
  });
});

// ---------- Tag ----------

describe('Tag', () => {
  it('is a strong element with the status in words', () => {
    expect(html(<Tag text="审核中" colour="yellow" />)).toBe(
      '<strong class="fj-tag fj-tag--yellow">审核中</strong>',
    );
  });
});

// ---------- FreeText ----------

describe('FreeText', () => {
  it('marks Chinese as Chinese on an English page, and only there', () => {
    expect(html(<p>{FreeText({ locale: 'en', text: '轮椅' })}</p>)).toBe(
      '<p><span lang="zh-CN">轮椅</span></p>',
    );
    expect(html(<p>{FreeText({ locale: 'zh-CN', text: '轮椅' })}</p>)).toBe('<p>轮椅</p>');
    expect(html(<p>{FreeText({ locale: 'en', text: 'Wheelchair' })}</p>)).toBe('<p>Wheelchair</p>');
  });

  it('makes each non-blank line its own paragraph', () => {
    expect(html(<FreeTextBlock locale="en" text={'第一段\r\n\n  \nSecond'} />)).toBe(
      '<p class="fj-body"><span lang="zh-CN">第一段</span></p><p class="fj-body">Second</p>',
    );
  });
});

// ---------- CommandForm ----------

describe('CommandForm', () => {
  const form = (problem: string | undefined, warning = false) =>
    html(
      <CommandForm
        name="approve"
        text="批准"
        action="/applications/a/commands/approve"
        version={7}
        csrf="tok"
        lead="批准后开始适配。"
        problemId="approve-problem"
        problem={problem}
        errorPrefix="错误："
        warning={warning}
      />,
    );

  it('is a section named by its heading, posting the version and the CSRF token', () => {
    const markup = form(undefined);
    expect(markup).toMatch(
      /^<section aria-labelledby="approve-heading"><h3 class="fj-heading-s" id="approve-heading">批准<\/h3>/,
    );
    expect(markup).toContain('<form method="post" action="/applications/a/commands/approve" novalidate>');
    expect(markup).toContain('<input type="hidden" name="_csrf" value="tok"/>');
    expect(markup).toContain('<input type="hidden" name="version" value="7"/>');
    expect(markup).not.toContain('fj-form-group--error');
    expect(markup).not.toContain('fj-button--warning');
  });

  it('shows a problem of no field at its id, and a warning button when asked', () => {
    const markup = form('已被他人更改', true);
    expect(markup).toContain('<div class="fj-form-group fj-form-group--error" id="approve-problem">');
    expect(markup).toContain('已被他人更改');
    expect(markup).toContain('fj-button--warning');
  });

  it('lists the forms under one heading, a rule between them, and nothing when there is none', () => {
    const list = (commands: string[]) =>
      html(
        <div>
          <CommandFormList heading="可执行的操作" commands={commands} form={(c) => <p>{c}</p>} />
        </div>,
      );
    expect(list([])).toBe('<div></div>');
    expect(list(['a', 'b'])).toBe(
      '<div><section aria-labelledby="commands-heading"><h2 class="fj-heading-m" id="commands-heading">可执行的操作</h2>' +
        '<div><p>a</p></div><div><hr class="fj-section-rule"/><p>b</p></div></section></div>',
    );
  });
});

// ---------- Timeline ----------

describe('Timeline', () => {
  it('is a numbered list of steps under its heading, each with its detail', () => {
    expect(
      html(
        <Timeline
          heading="办理记录"
          entries={[
            { key: 1, text: '提交' },
            { key: 2, text: '退回', detail: false },
            { key: 3, text: '补正', detail: <em>备注</em> },
          ]}
        />,
      ),
    ).toBe(
      '<section aria-labelledby="timeline-heading"><h2 class="fj-heading-m" id="timeline-heading">办理记录</h2>' +
        '<ol class="fj-list"><li>提交</li><li>退回</li><li>补正<em>备注</em></li></ol></section>',
    );
  });
});

// ---------- Breadcrumbs ----------

describe('Breadcrumbs', () => {
  it('is a labelled nav with an ordered list and the last item current', () => {
    const markup = html(
      <Breadcrumbs
        label="面包屑导航"
        items={[
          { text: '首页', href: '/' },
          { text: '我的申请', href: '/applications' },
          { text: '申请详情' },
        ]}
      />,
    );
    expect(markup).toMatch(
      /^<nav class="fj-breadcrumbs" aria-label="面包屑导航"><ol class="fj-breadcrumbs__list">/,
    );
    const items = tags(markup, 'li');
    expect(items).toHaveLength(3);
    expect(items.map((tag) => attr(tag, 'aria-current'))).toEqual([undefined, undefined, 'page']);
    expect(markup.match(/aria-current=/g)).toHaveLength(1);
  });

  it('marks a linked last item as current on the link', () => {
    const markup = html(
      <Breadcrumbs
        label="位置"
        items={[
          { text: '首页', href: '/' },
          { text: '轮椅', href: '/wheelchairs' },
        ]}
      />,
    );
    expect(markup).toContain(
      '<a class="fj-breadcrumbs__link" href="/wheelchairs" aria-current="page">轮椅</a>',
    );
    expect(markup.match(/aria-current=/g)).toHaveLength(1);
  });
});

// ---------- PageTop ----------

describe('PageTop', () => {
  const crumbs = [{ text: '首页', href: '/' }, { text: '申请详情' }];

  it('shows only the breadcrumbs when nothing went wrong and nothing was done', () => {
    const markup = html(
      <PageTop breadcrumbsLabel="页面路径" crumbs={crumbs} errorTitle="存在问题" doneTitle="成功" />,
    );
    expect(markup).toMatch(/^<nav class="fj-breadcrumbs" aria-label="页面路径">/);
    expect(markup).not.toContain('fj-error-summary');
    expect(markup).not.toContain('fj-notification-banner');
  });

  it('links each error to its field, in the order given, then shows the success banner', () => {
    const markup = html(
      <PageTop
        breadcrumbsLabel="页面路径"
        crumbs={crumbs}
        errors={{ name: '请输入姓名', 'birth-day': '请输入出生日期' }}
        errorTitle="存在问题"
        done="已保存"
        doneTitle="成功"
      />,
    );
    expect(attrValues(markup, 'href')).toEqual(['/', '#name', '#birth-day']);
    expect(markup.indexOf('fj-breadcrumbs')).toBeLessThan(markup.indexOf('fj-error-summary'));
    expect(markup.indexOf('fj-error-summary')).toBeLessThan(markup.indexOf('fj-notification-banner'));
    expect(markup).toContain('<h2 class="fj-notification-banner__title" id="done-title">成功</h2>');
    expect(markup).toContain('<p class="fj-notification-banner__heading">已保存</p>');
  });
});

// ---------- escaping and no built-in text ----------

describe('escaping', () => {
  const evil = '<script>alert(1)</script>';
  const quote = '" onfocus="alert(1)';

  it.each<[string, VNode]>([
    [
      'TextInput',
      <TextInput id="x" name="x" label={evil} hint={evil} value={quote} error={evil} errorPrefix={evil} />,
    ],
    ['Textarea', <Textarea id="x" name="x" label={evil} value={evil} />],
    ['Select', <Select id="x" name="x" label={evil} options={[{ value: quote, text: evil }]} />],
    [
      'Radios',
      <Radios idPrefix="x" name="x" legend={evil} items={[{ value: quote, text: evil, hint: evil }]} />,
    ],
    ['Checkboxes', <Checkboxes idPrefix="x" name="x" legend={evil} items={[{ value: quote, text: evil }]} />],
    [
      'DateInput',
      <DateInput
        id="x"
        namePrefix="x"
        legend={evil}
        labels={{ year: evil, month: evil, day: evil }}
        value={{ year: quote }}
      />,
    ],
    ['ErrorSummary', <ErrorSummary title={evil} errors={[{ href: '#x', text: evil }]} />],
    ['NotificationBanner', <NotificationBanner title={evil} titleId="x" heading={evil} />],
    ['Table', <Table caption={evil} columns={[{ header: evil }]} rows={[[evil]]} />],
    [
      'SummaryList',
      <SummaryList
        rows={[{ key: evil, value: evil, actions: [{ href: '/a', text: evil, visuallyHiddenText: evil }] }]}
      />,
    ],
    ['Tag', <Tag text={evil} />],
    ['Breadcrumbs', <Breadcrumbs label={quote} items={[{ text: evil }]} />],
  ])('%s renders props as text, never as markup', (_name, node) => {
    const markup = html(node);
    expect(markup).not.toContain('<script');
    expect(markup).not.toContain('" onfocus=');
    expect(textOf(markup)).toContain(markup.includes('&lt;script') ? evil : quote);
  });
});

describe('no built-in UI text', () => {
  // Every text prop is a token; once tokens and the ellipsis are removed no letters may remain.
  const stripped = (markup: string, tokens: readonly string[]): string =>
    tokens.reduce((text, token) => text.split(token).join(' '), textOf(markup)).replace(/[\d\s⋯]/g, '');

  it.each<[string, VNode, string[]]>([
    [
      'TextInput',
      <TextInput id="a" name="a" label="LBL" hint="HNT" error="ERR" errorPrefix="PFX" />,
      ['LBL', 'HNT', 'ERR', 'PFX'],
    ],
    [
      'Radios',
      <Radios
        idPrefix="a"
        name="a"
        legend="LGD"
        error="ERR"
        errorPrefix="PFX"
        items={[{ value: 'v', text: 'OPT' }, { divider: 'DIV' }]}
      />,
      ['LGD', 'ERR', 'PFX', 'OPT', 'DIV'],
    ],
    [
      'DateInput',
      <DateInput id="a" namePrefix="a" legend="LGD" labels={{ year: 'YY', month: 'MM', day: 'DD' }} />,
      ['LGD', 'YY', 'MM', 'DD'],
    ],
    [
      'Pagination',
      <Pagination
        label="NAV"
        currentPage={5}
        totalPages={9}
        hrefForPage={(p) => `?p=${p}`}
        previousText="PREV"
        nextText="NEXT"
      />,
      ['PREV', 'NEXT'],
    ],
    ['ErrorSummary', <ErrorSummary title="TTL" errors={[{ href: '#a', text: 'ERR' }]} />, ['TTL', 'ERR']],
    ['NotificationBanner', <NotificationBanner title="TTL" titleId="t" heading="HDG" />, ['TTL', 'HDG']],
    [
      'SummaryList',
      <SummaryList
        rows={[
          { key: 'KEY', value: 'VAL', actions: [{ href: '/', text: 'ACT', visuallyHiddenText: 'CTX' }] },
        ]}
      />,
      ['KEY', 'VAL', 'ACT', 'CTX'],
    ],
    [
      'Breadcrumbs',
      <Breadcrumbs label="NAV" items={[{ text: 'HOME', href: '/' }, { text: 'HERE' }]} />,
      ['HOME', 'HERE'],
    ],
    [
      'PageTop',
      <PageTop
        breadcrumbsLabel="NAV"
        crumbs={[{ text: 'HOME', href: '/' }, { text: 'HERE' }]}
        errors={{ a: 'ERR' }}
        errorTitle="ETTL"
        done="DONE"
        doneTitle="DTTL"
      />,
      ['HOME', 'HERE', 'ERR', 'ETTL', 'DONE', 'DTTL'],
    ],
  ])('%s shows only the text it was given', (_name, node, tokens) => {
    expect(stripped(html(node), tokens)).toBe('');
  });
});

// ---------- stylesheet ----------

const css = readFileSync(new URL('../assets/components.css', import.meta.url), 'utf8');

const allowedProperties = [
  '--fj-text',
  '--fj-text-muted',
  '--fj-bg',
  '--fj-bg-alt',
  '--fj-border',
  '--fj-input-border',
  '--fj-link',
  '--fj-link-visited',
  '--fj-focus',
  '--fj-focus-text',
  '--fj-error',
  '--fj-success',
  '--fj-button',
  '--fj-button-text',
  '--fj-button-secondary',
  '--fj-button-warning',
  '--fj-tag-grey',
  '--fj-tag-blue',
  '--fj-tag-green',
  '--fj-tag-red',
  '--fj-tag-yellow',
];

function palette(): Map<string, string> {
  const block = /@palette-start([\s\S]*?)@palette-end/.exec(css)?.[1] ?? '';
  return new Map(
    [...block.matchAll(/(--fj-[a-z-]+):\s*(#[0-9a-f]{6});/gi)].map((m) => [
      m[1] ?? '',
      (m[2] ?? '').toLowerCase(),
    ]),
  );
}

function luminance(hex: string): number {
  const channel = (start: number): number => {
    const value = Number.parseInt(hex.slice(start, start + 2), 16) / 255;
    return value <= 0.04045 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

function contrast(a: string, b: string): number {
  const [high, low] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return ((high ?? 0) + 0.05) / ((low ?? 0) + 0.05);
}

describe('components.css', () => {
  const rules = css.replace(/\/\*[\s\S]*?\*\//g, '');

  it('uses only the agreed custom properties and no literal colours', () => {
    const used = new Set([...rules.matchAll(/var\((--[a-z-]+)\)/g)].map((m) => m[1] ?? ''));
    expect([...used].filter((name) => !allowedProperties.includes(name))).toEqual([]);
    expect(rules).not.toMatch(/#[0-9a-f]{3,8}\b/i);
    expect(rules).not.toMatch(/\b(rgb|rgba|hsl|hsla)\(/i);
    expect(rules).not.toMatch(/(^|[\s{;])--fj-[a-z-]+\s*:/);
  });

  it('does not redefine .fj-visually-hidden and sizes text in rem', () => {
    expect(rules).not.toMatch(/\.fj-visually-hidden\s*[{,]/);
    const fontSizes = [...rules.matchAll(/font-size:\s*([^;]+);/g)].map((m) => m[1] ?? '');
    expect(fontSizes.filter((size) => !/^(\d*\.?\d+rem|inherit|0)$/.test(size.trim()))).toEqual([]);
    expect(rules).not.toMatch(/animation|transition/);
  });

  it('styles every fj- class the examples use', () => {
    // Hooks for scripts/overrides that need no style of their own; .fj-visually-hidden is in the base stylesheet.
    const structural = new Set([
      'fj-visually-hidden',
      'fj-table__head',
      'fj-table__body',
      'fj-table__row',
      'fj-pagination__link-title',
      'fj-summary-list__row--no-actions',
    ]);
    const used = new Set(
      rendered.flatMap(({ markup }) =>
        attrValues(markup, 'class').flatMap((value) =>
          value.split(/\s+/).filter((name) => name.startsWith('fj-')),
        ),
      ),
    );
    // Headings, lists and rules are the base stylesheet's (a command form and a timeline use them as pages do).
    const base = readFileSync(new URL('../assets/base.css', import.meta.url), 'utf8');
    const missing = [...used].filter(
      (name) => !structural.has(name) && !rules.includes(`.${name}`) && !base.includes(`.${name} `),
    );
    expect(missing).toEqual([]);
  });

  it('documents the default palette for every custom property', () => {
    expect([...palette().keys()].sort()).toEqual([...allowedProperties].sort());
  });

  it('default palette meets WCAG contrast for the pairs the components use', () => {
    const colours = palette();
    const c = (name: string): string => colours.get(name) ?? '#000000';
    const textPairs: Array<[string, string]> = [
      ['--fj-text', '--fj-bg'],
      ['--fj-text', '--fj-bg-alt'],
      ['--fj-text-muted', '--fj-bg'],
      ['--fj-link', '--fj-bg'],
      ['--fj-link-visited', '--fj-bg'],
      ['--fj-error', '--fj-bg'],
      ['--fj-success', '--fj-bg'],
      ['--fj-button-text', '--fj-button'],
      ['--fj-button-text', '--fj-button-warning'],
      ['--fj-text', '--fj-button-secondary'],
      ['--fj-focus-text', '--fj-focus'],
      ['--fj-text', '--fj-tag-grey'],
      ['--fj-text', '--fj-tag-blue'],
      ['--fj-text', '--fj-tag-green'],
      ['--fj-text', '--fj-tag-red'],
      ['--fj-text', '--fj-tag-yellow'],
    ];
    const failing = textPairs
      .map(([fg, bg]) => ({ pair: `${fg} on ${bg}`, ratio: contrast(c(fg), c(bg)) }))
      .filter(({ ratio }) => ratio < 4.5);
    expect(failing).toEqual([]);
    // Input borders (non-text) need 3:1.
    expect(contrast(c('--fj-input-border'), c('--fj-bg'))).toBeGreaterThanOrEqual(3);
    // Sanity check of the formula: black on white is 21:1.
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
  });
});
