import { render } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { CountedTable } from './countedTable.tsx';

const columns = [{ header: '姓名' }, { header: '区县' }];

describe('CountedTable', () => {
  it('announces the count as a status, then the table', () => {
    const markup = render(
      <CountedTable
        count="共 2 人"
        empty="没有找到。"
        caption="人员"
        columns={columns}
        rows={[
          ['甲', '雁塔区'],
          ['乙', '未央区'],
        ]}
      />,
    );
    expect(markup).toMatch(/^<p class="fj-body" role="status">共 2 人<\/p><table/);
    expect(markup.match(/<tr /g)?.length).toBe(3);
    expect(markup).not.toContain('没有找到。');
  });

  it('says there is nothing instead of drawing an empty table', () => {
    const markup = render(
      <CountedTable count="共 0 人" empty="没有找到。" caption="人员" columns={columns} rows={[]} />,
    );
    expect(markup).toBe('<p class="fj-body" role="status">共 0 人</p><p class="fj-body">没有找到。</p>');
  });

  it('passes the table its scroll region and caption options', () => {
    const markup = render(
      <CountedTable
        count="共 1 人"
        empty="无"
        id="people"
        caption="人员"
        captionVisuallyHidden
        columns={columns}
        rows={[['甲', '雁塔区']]}
      />,
    );
    expect(markup).toContain(
      '<section class="fj-table-container" id="people" aria-labelledby="people-caption"',
    );
    expect(markup).toContain('fj-visually-hidden');
  });
});
