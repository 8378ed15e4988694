import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeResidentId } from '../ids/index.ts';
import { maskAddress, maskName, maskPhone, maskResidentId } from './index.ts';

describe('masking for display', () => {
  it('masks resident IDs as first 6 + last 4', () => {
    expect(maskResidentId('610113199001011234')).toBe('610113********1234');
    expect(maskResidentId('61011319900101123X')).toBe('610113********123X');
    expect(maskResidentId('610113900101123')).toBe('610113*****1123'); // first-generation, 15 digits
    expect(maskResidentId('6101131990')).toBe('**********');
    expect(maskResidentId('')).toBe('');
  });

  it('masks phone numbers as first 3 + last 4', () => {
    expect(maskPhone('13812341234')).toBe('138****1234');
    expect(maskPhone('029-88881234')).toBe('029*****1234');
    expect(maskPhone('1381234')).toBe('*******');
    expect(maskPhone('')).toBe('');
  });

  it('masks names as public notices do', () => {
    expect(maskName('张三明')).toBe('张*明');
    expect(maskName('欧阳娜娜')).toBe('欧**娜');
    expect(maskName('张三')).toBe('张*');
    expect(maskName('张')).toBe('*');
    expect(maskName('Li Wei')).toBe('L* W**');
    expect(maskName('阿依古丽·买买提')).toBe('阿***·买**');
    expect(maskName('Jean-Luc Picard')).toBe('J***-L** P*****');
    expect(maskName('  王小明 ')).toBe('王*明');
    expect(maskName('𠀋一')).toBe('𠀋*');
    expect(maskName('')).toBe('');
  });

  it('keeps an address only down to its district or county', () => {
    expect(maskAddress('陕西省西安市雁塔区小寨东路1号院3号楼2单元501室')).toBe('陕西省西安市雁塔区****');
    expect(maskAddress('西安市长安区郭杜街道办事处')).toBe('西安市长安区****');
    expect(maskAddress('雁塔区小寨东路1号')).toBe('雁塔区****');
    expect(maskAddress('西安市高新区丈八一路')).toBe('西安市高新区****');
    expect(maskAddress('北京市朝阳区建国路88号')).toBe('北京市朝阳区****');
    expect(maskAddress('广西壮族自治区南宁市青秀区民族大道')).toBe('广西壮族自治区南宁市青秀区****');
    expect(maskAddress('西安市小寨东路1号')).toBe('西安市****');
    expect(maskAddress('小寨东路1号')).toBe('****');
    expect(maskAddress('丈八东路小区3号')).toBe('****');
    expect(maskAddress('12 Main Street, Springfield')).toBe('****');
    expect(maskAddress('')).toBe('');
  });

  it('property: nothing throws, and no full ID or phone survives', () => {
    const ids = fc
      .tuple(
        fc.stringMatching(/^\d{6}$/),
        fc.date({ min: new Date('1900-01-01'), max: new Date('2020-12-31'), noInvalidDate: true }),
        fc.stringMatching(/^\d{3}$/),
      )
      .map(([a, d, s]) => makeResidentId(a, d.toISOString().slice(0, 10), s));
    fc.assert(
      fc.property(ids, fc.stringMatching(/^1[3-9]\d{9}$/), (id, phone) => {
        expect(maskResidentId(id)).not.toMatch(/\d{11}/);
        expect(maskPhone(phone)).not.toMatch(/\d{8}/);
        expect(maskAddress(`西安市雁塔区${id}${phone}`)).toBe('西安市雁塔区****');
      }),
    );
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        for (const mask of [maskResidentId, maskPhone, maskName, maskAddress]) {
          const masked = mask(text);
          expect(typeof masked).toBe('string');
          if (text.trim().length > 1) expect(masked).not.toBe(text.trim());
        }
      }),
    );
  });
});
