import { describe, expect, it } from 'vitest';
import { applicationFormOf, readApplicationForm } from './applicationForm.ts';
import { budgetLinesOf, plainYuan, readBudgetForm } from './budgetForm.ts';
import { formFieldOf, itemCodesOf, linesSent, readCommandForm } from './commandForm.ts';

const proxyId = '11111111-2222-4333-8444-555555555555';
const key = '0f3c2d1e-7a6b-4c5d-8e9f-0a1b2c3d4e5f';

describe('the application form', () => {
  it('reads a full form into an application', () => {
    const read = readApplicationForm(
      applicationFormOf({
        itemCode: '122203',
        usePlaces: ['home', 'work'],
        suppliedByOtherScheme: 'no',
        reason: ' 出门需要 ',
        signedBy: 'proxy',
        proxyGuardianId: proxyId,
        idempotencyKey: key,
      }),
      'person-1',
      [proxyId],
    );
    expect(read.application).toEqual({
      personId: 'person-1',
      itemCode: '122203',
      usePlaces: ['home', 'work'],
      suppliedByOtherScheme: false,
      reason: '出门需要',
      signedBy: 'proxy',
      proxyGuardianId: proxyId,
      idempotencyKey: key,
    });
  });

  it('names every missing answer by its field, and a proxy the person does not have', () => {
    const empty = readApplicationForm(applicationFormOf({ signedBy: 'proxy' }), 'p', []);
    expect(empty.problems.map((p) => [p.field, p.key])).toEqual([
      ['itemCode', 'required'],
      ['usePlaces', 'required'],
      ['suppliedByOtherScheme', 'required'],
      ['reason', 'required'],
      ['signedBy', 'proxyUnknown'],
    ]);
    const noGuardianChosen = readApplicationForm(
      applicationFormOf({
        itemCode: '1',
        usePlaces: 'home',
        suppliedByOtherScheme: 'yes',
        reason: 'x',
        signedBy: 'proxy',
      }),
      'p',
      [proxyId],
    );
    expect(noGuardianChosen.problems).toEqual([{ field: 'proxyGuardianId', key: 'required' }]);
    const badPlace = readApplicationForm(
      applicationFormOf({
        itemCode: '1',
        usePlaces: 'moon',
        suppliedByOtherScheme: 'no',
        reason: 'x',
        signedBy: 'person',
      }),
      'p',
      [],
    );
    expect(badPlace.problems).toEqual([{ field: 'usePlaces', key: 'invalid' }]);
  });

  it('drops an idempotency key the form could not have made', () => {
    const read = readApplicationForm(
      applicationFormOf({
        itemCode: '1',
        usePlaces: 'home',
        suppliedByOtherScheme: 'no',
        reason: 'x',
        signedBy: 'person',
        idempotencyKey: 'short',
      }),
      'p',
      [],
    );
    expect(read.application?.idempotencyKey).toBeNull();
  });
});

describe('the command forms', () => {
  it('reads overrides as the pairs of rule and reason the form sends, skipping blank reasons', () => {
    const read = readCommandForm('confirmEligibility', {
      overrideRule: ['age', 'budget'],
      overrideReason: ['  ', '年度追加预算已到位'],
    });
    expect(read.input).toEqual({
      command: 'confirmEligibility',
      overrides: [{ rule: 'budget', reason: '年度追加预算已到位' }],
    });
  });

  it('reads only the chosen area’s measurements, with full-width digits made plain', () => {
    const read = readCommandForm('recordAssessment', {
      functionArea: 'mobility',
      m_seat_width: '４２',
      m_seat_depth: '40',
      m_lower_leg_length: '41.5',
      m_body_weight: '60',
      m_mmse: '12',
      findings: '坐姿稳定',
      recommendedItems: ['122203', '122209'],
      otherItemCodes: '122203，122206 122203',
    });
    expect(read.input).toEqual({
      command: 'recordAssessment',
      functionArea: 'mobility',
      measurements: { seat_width: '42', seat_depth: '40', lower_leg_length: '41.5', body_weight: '60' },
      findings: '坐姿稳定',
      recommendedItemCodes: ['122203', '122209', '122206'],
    });
    expect(itemCodesOf('１２２２０３、 122206;')).toEqual(['122203', '122206']);
  });

  it('names every missing or implausible measurement of the chosen area at once', () => {
    const read = readCommandForm('recordAssessment', {
      functionArea: 'vision',
      m_acuity_left: '0.05',
      m_acuity_right: '3',
      findings: '低视力',
    });
    expect(read.problems).toEqual([
      { field: 'm_acuity_right', key: 'measurement_range' },
      { field: 'm_visual_field', key: 'measurement_missing' },
    ]);
  });

  it('names every mistake of a follow-up at once', () => {
    const read = readCommandForm('recordFollowUp', {
      method: 'telepathy',
      inUse: 'maybe',
      productSatisfaction: '6',
      problems: ['broken', 'haunted'],
    });
    expect(read.problems.map((p) => [p.field, p.key])).toEqual([
      ['method', 'invalid'],
      ['inUse', 'invalid'],
      ['useFrequency', 'required'],
      ['productSatisfaction', 'satisfaction'],
      ['serviceSatisfaction', 'required'],
      ['problems', 'invalid'],
      ['repairNeeded', 'required'],
    ]);
  });

  it('refuses a date that is not a day of the calendar', () => {
    for (const scheduledOn of ['2026-02-30', '2026-13-45', '15/03/2026'])
      expect(readCommandForm('scheduleAssessment', { mode: 'remote', scheduledOn }).problems).toEqual([
        { field: 'scheduledOn', key: 'date' },
      ]);
    expect(
      readCommandForm('scheduleAssessment', { mode: 'remote', scheduledOn: '２０２６-03-15' }).input,
    ).toEqual({
      command: 'scheduleAssessment',
      mode: 'remote',
      scheduledOn: '2026-03-15',
    });
  });

  it('requires a reason for a refusal but not for a withdrawal', () => {
    expect(readCommandForm('reject', { reason: ' ' }).problems).toEqual([
      { field: 'reason', key: 'required' },
    ]);
    expect(readCommandForm('withdraw', {}).input).toEqual({ command: 'withdraw', reason: '' });
  });

  it('reads the prescription lines that name a product, in the form’s order', () => {
    const wheelchair = '99999999-8888-4777-8666-555555555555';
    const cushion = '99999999-8888-4777-8666-444444444444';
    expect(
      readCommandForm('prescribe', {
        product0: '',
        quantity0: '1',
        product1: `122203:${wheelchair}`,
        quantity1: '２',
        product2: `180903:${cushion}`,
        quantity2: '1',
      }).input,
    ).toEqual({
      command: 'prescribe',
      lines: [
        { itemCode: '122203', productId: wheelchair, quantity: 2 },
        { itemCode: '180903', productId: cushion, quantity: 1 },
      ],
    });
    expect(
      readCommandForm('prescribe', { product0: `122203:${wheelchair}`, quantity0: '0' }).problems,
    ).toEqual([{ field: 'quantity0', key: 'wholeNumber' }]);
  });

  it('wants one product at least, each once, each with a quantity', () => {
    const wheelchair = '99999999-8888-4777-8666-555555555555';
    expect(readCommandForm('prescribe', { product0: '', quantity0: '1', product1: '' }).problems).toEqual([
      { field: 'product0', key: 'required' },
    ]);
    expect(
      readCommandForm('prescribe', {
        product0: `122203:${wheelchair}`,
        quantity0: '1',
        product1: `122206:${wheelchair}`,
        quantity1: '',
      }).problems,
    ).toEqual([
      { field: 'product1', key: 'duplicateProduct' },
      { field: 'quantity1', key: 'required' },
    ]);
  });

  it('counts the lines a prescription form was sent with', () => {
    expect(linesSent({})).toBe(1);
    expect(linesSent({ product0: '', quantity0: '1', product1: '', quantity1: '1' })).toBe(2);
    expect(linesSent({ quantity4: '1', addLine: '1' })).toBe(5);
  });

  it('puts a problem the service reports on the field of the form it belongs to', () => {
    // The service numbers the lines it was given: the form's first line was left empty here.
    const sent = { product0: '', product1: '122203:a', product2: '122206:b' };
    expect(formFieldOf('prescribe', 'line0', 'quantity', sent)).toBe('quantity1');
    expect(formFieldOf('prescribe', 'line1', 'productNotAdmitted', sent)).toBe('product2');
    expect(formFieldOf('prescribe', 'lines', 'oneSupplier', sent)).toBe('product1');
    expect(formFieldOf('prescribe', 'lines', 'required')).toBe('product0');
    expect(formFieldOf('recordAssessment', 'recommendedItemCodes', 'itemUnknown')).toBe('otherItemCodes');
    expect(formFieldOf('recordAssessment', 'm_seat_width', 'measurement_range')).toBe('m_seat_width');
    expect(formFieldOf('approve', 'budget', 'budgetExhausted')).toBe('problem');
    expect(formFieldOf('close', 'close', 'followUpsOpen')).toBe('problem');
  });
});

describe('the budget form', () => {
  const budget = (districtCode: string, totalFen: number, reservedFen: number, version = 1) => ({
    districtCode,
    policyYear: 2026,
    totalFen,
    reservedFen,
    version,
  });
  const budgets = new Map([
    ['610113', budget('610113', 100_000_00, 30_000_00)],
    ['610112', budget('610112', 50_000_00, 0, 4)],
  ]);
  const districts = new Set(['610113', '610112', '610111']);

  it('writes totals as plain yuan that read back to the same fen', () => {
    expect(plainYuan(123_456_78)).toBe('123456.78');
    expect(plainYuan(5)).toBe('0.05');
  });

  it('changes only what changed, and refuses a total below what is reserved', () => {
    const lines = budgetLinesOf({
      district: ['610113', '610112', '610111'],
      total: ['100000.00', '60,000', ''],
      version: ['1', '4', ''],
    });
    expect(readBudgetForm(lines, budgets, districts)).toEqual({
      changes: [{ districtCode: '610112', totalFen: 60_000_00, before: budgets.get('610112') }],
      problems: [],
    });
    const below = readBudgetForm(
      budgetLinesOf({ district: ['610113', '610111'], total: ['29999.99', '1.234'], version: ['1', ''] }),
      budgets,
      districts,
    );
    expect(below.problems).toEqual([
      { field: 'total-610113', key: 'belowReserved', reservedFen: 30_000_00 },
      { field: 'total-610111', key: 'amount' },
    ]);
  });

  it('refuses a line whose budget changed since the form was shown', () => {
    const read = readBudgetForm(
      budgetLinesOf({ district: '610112', total: '50000', version: '3' }),
      budgets,
      districts,
    );
    expect(read.problems).toEqual([{ field: 'total-610112', key: 'budgetMoved' }]);
  });
});
