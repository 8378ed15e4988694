import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeResidentId } from '../../../platform/ids/index.ts';
import { addMonths, ageOn, beijingDay, parseDay } from './dates.ts';
import { checkConsent, checkGuardian, checkReveal } from './forms.ts';
import { checkPerson, type PersonForm, personProblems } from './person.ts';

const now = new Date('2026-03-01T04:00:00Z');
const districtCodes = ['610112', '610113'];
const id = makeResidentId('610113', '1968-05-12', '031');

/** A complete, valid registration; each test changes what it is about. */
const valid = (changes: PersonForm = {}): PersonForm => ({
  name: '示例居民',
  residentId: id,
  phone: '13900000001',
  address: '陕西省西安市雁塔区示例路1号',
  districtCode: '610113',
  street: '小寨路街道',
  community: '示例社区',
  localHousehold: 'yes',
  certificateGeneration: '2',
  certificateNumber: `${id}42`,
  category: '',
  grade: '',
  validUntil: '',
  gradeChangedOn: '',
  economicStatus: 'subsistence',
  economicStatusSource: 'civilAffairs',
  economicStatusAsOf: '2026-1-15',
  ...changes,
});

const problemsOf = (form: PersonForm, options = {}) => {
  const result = checkPerson(form, { now, districtCodes, ...options });
  return result.ok ? {} : result.problems;
};

describe('days', () => {
  it('reads what people type, and refuses days that do not exist', () => {
    expect(parseDay('2026-3-1')).toBe('2026-03-01');
    expect(parseDay('２０２６-０３-０１')).toBe('2026-03-01');
    expect(parseDay('2026-02-29')).toBeNull();
    expect(parseDay('2024-02-29')).toBe('2024-02-29');
    expect(parseDay('0990-01-01')).toBeNull();
    expect(parseDay('2026-13-01')).toBeNull();
    expect(parseDay('tomorrow')).toBeNull();
  });

  it('counts age in whole years, a 29 February birthday from 1 March', () => {
    expect(ageOn('1968-05-12', '2026-05-11')).toBe(57);
    expect(ageOn('1968-05-12', '2026-05-12')).toBe(58);
    expect(ageOn('2008-02-29', '2025-02-28')).toBe(16);
    expect(ageOn('2008-02-29', '2025-03-01')).toBe(17);
  });

  it('takes the day in Xi’an, and moves by months to the month’s end', () => {
    expect(beijingDay(new Date('2026-02-28T16:30:00Z'))).toBe('2026-03-01');
    expect(beijingDay(new Date('2026-02-28T15:30:00Z'))).toBe('2026-02-28');
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
    expect(addMonths('2026-11-15', 3)).toBe('2027-02-15');
  });
});

describe('a registration', () => {
  it('derives sex and birth date from the ID, category and grade from a 2nd-generation number', () => {
    const result = checkPerson(valid(), { now, districtCodes });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.residentId).toMatchObject({ birthDate: '1968-05-12', sex: 'male', number: id });
    expect(result.value.certificate).toEqual({
      generation: 2,
      number: `${id}42`,
      category: 'physical',
      grade: 2,
      validUntil: null,
      gradeChangedOn: null,
    });
    expect(result.value.economicStatusAsOf).toBe('2026-01-15');
  });

  it('normalises the ID and the certificate number as typed (lowercase x, full-width digits)', () => {
    const withX = makeResidentId('610113', '1990-01-01', '002');
    const typed = withX.endsWith('X') ? withX.toLowerCase() : withX;
    const fullWidth = typed.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
    const result = checkPerson(valid({ residentId: fullWidth, certificateNumber: `${typed}11b3` }), {
      now,
      districtCodes,
    });
    expect(result.ok && result.value.residentId.number).toBe(withX);
    expect(result.ok && result.value.certificate?.number).toBe(`${withX}11B3`);
  });

  it('names the problem of each field', () => {
    expect(problemsOf(valid({ name: '', residentId: '', districtCode: '610112x' }))).toEqual({
      name: 'required',
      residentId: 'required',
      districtCode: 'required',
    });
    expect(
      problemsOf(valid({ residentId: `${id.slice(0, 17)}${id[17] === '0' ? '1' : '0'}` })),
    ).toMatchObject({
      residentId: 'checksum',
    });
    expect(problemsOf(valid({ name: '张3', phone: '12345' }))).toEqual({
      name: 'characters',
      phone: 'invalid',
    });
    expect(problemsOf(valid({ street: '电话13900000001' }))).toEqual({ street: 'personal' });
    expect(problemsOf(valid({ districtCode: '610104' }))).toEqual({ districtCode: 'required' });
  });

  it('refuses a certificate number that belongs to someone else, or contradicts the category chosen', () => {
    const other = makeResidentId('610112', '1975-09-03', '042');
    expect(problemsOf(valid({ certificateNumber: `${other}42` }))).toEqual({
      certificateNumber: 'otherPerson',
    });
    expect(problemsOf(valid({ category: 'visual', grade: '2' }))).toEqual({ category: 'mismatch' });
    expect(problemsOf(valid({ certificateNumber: `${id}92` }))).toEqual({ certificateNumber: 'format' });
    expect(problemsOf(valid({ certificateNumber: '' }))).toEqual({ certificateNumber: 'required' });
  });

  it('asks a 3rd-generation card for its category and grade, and a child without a card for none', () => {
    expect(problemsOf(valid({ certificateGeneration: '3', certificateNumber: '' }))).toEqual({
      category: 'required',
      grade: 'required',
    });
    const third = checkPerson(
      valid({ certificateGeneration: '3', certificateNumber: '', category: 'hearing', grade: '1' }),
      { now, districtCodes },
    );
    expect(third.ok && third.value.certificate).toMatchObject({
      generation: 3,
      number: null,
      category: 'hearing',
    });
    const child = makeResidentId('610113', '2019-04-18', '113');
    const none = checkPerson(
      valid({
        residentId: child,
        certificateGeneration: 'none',
        certificateNumber: '',
        economicStatus: 'none',
      }),
      { now, districtCodes },
    );
    expect(none.ok && none.value.certificate).toBeNull();
    expect(problemsOf(valid({ certificateGeneration: 'none', validUntil: '2030-1-1' }))).toEqual({
      certificateNumber: 'noCertificate',
      validUntil: 'noCertificate',
    });
  });

  it('checks the days: real, not in the future, not before birth', () => {
    expect(problemsOf(valid({ gradeChangedOn: '2026-3-2', validUntil: '2026-2-30' }))).toEqual({
      validUntil: 'date',
      gradeChangedOn: 'future',
    });
    expect(problemsOf(valid({ gradeChangedOn: '1960-1-1' }))).toEqual({ gradeChangedOn: 'beforeBirth' });
    expect(problemsOf(valid({ economicStatusAsOf: '' }))).toEqual({ economicStatusAsOf: 'required' });
    expect(
      problemsOf(valid({ economicStatus: 'none', economicStatusSource: '', economicStatusAsOf: '' })),
    ).toEqual({});
  });

  it('keeps the saved sealed values when an edit leaves their boxes empty, and deletes what is cleared', () => {
    const saved = {
      name: '示例居民',
      residentId: id,
      phone: '13900000001',
      address: '陕西省西安市雁塔区示例路1号',
      certificateNumber: `${id}42`,
    };
    const edit = valid({ name: '', residentId: '', phone: '', address: '', certificateNumber: '' });
    const kept = checkPerson(edit, { now, districtCodes, saved });
    expect(kept.ok && kept.value).toMatchObject({ name: '示例居民', phone: '13900000001' });
    expect(kept.ok && kept.value.certificate?.number).toBe(`${id}42`);
    const cleared = checkPerson(edit, { now, districtCodes, saved, clear: ['phone', 'address'] });
    expect(cleared.ok && [cleared.value.phone, cleared.value.address]).toEqual([null, null]);
    // A new ID number makes the kept certificate someone else's: it must be typed again.
    const newId = makeResidentId('610113', '1968-05-12', '033');
    expect(problemsOf({ ...edit, residentId: newId }, { saved })).toEqual({
      certificateNumber: 'otherPerson',
    });
  });

  it('property: any valid resident ID registers, with its sex and birth date', () => {
    const digits = (n: number) =>
      fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: n, maxLength: n });
    const birth = fc
      .date({
        min: new Date('1900-01-01T00:00:00Z'),
        max: new Date('2026-02-28T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(
        digits(6),
        birth,
        digits(3),
        fc.integer({ min: 1, max: 7 }),
        fc.integer({ min: 1, max: 4 }),
        (address, day, sequence, category, grade) => {
          const residentId = makeResidentId(address, day, sequence);
          const result = checkPerson(
            valid({
              residentId,
              certificateNumber: `${residentId}${category}${grade}`,
              economicStatus: 'none',
              economicStatusSource: '',
              economicStatusAsOf: '',
            }),
            { now, districtCodes },
          );
          expect(result.ok).toBe(true);
          if (!result.ok) return;
          expect(result.value.residentId.birthDate).toBe(day);
          expect(result.value.residentId.sex).toBe(Number(sequence[2]) % 2 === 1 ? 'male' : 'female');
          expect(result.value.certificate?.grade).toBe(grade);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('property: whatever is typed into any field, the answer is problems or a record, never a throw', () => {
    const anyText = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.constant(''));
    const keys = Object.keys(personProblems) as (keyof typeof personProblems)[];
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...keys), anyText), (changes) => {
        const result = checkPerson(valid(changes), { now, districtCodes });
        if (result.ok) return;
        for (const [field, problem] of Object.entries(result.problems)) {
          expect(personProblems[field as keyof typeof personProblems]).toContain(problem);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('the smaller forms', () => {
  it('checks a guardian', () => {
    expect(
      checkGuardian({
        guardianName: '王某',
        guardianPhone: '139 0000 0003',
        relation: 'parent',
        isProxy: 'yes',
      }),
    ).toEqual({
      ok: true,
      value: { name: '王某', phone: '13900000003', relation: 'parent', isProxy: true },
    });
    expect(checkGuardian({ guardianPhone: '123', relation: 'boss' })).toEqual({
      ok: false,
      problems: {
        guardianName: 'required',
        guardianPhone: 'invalid',
        relation: 'required',
        isProxy: 'required',
      },
    });
  });

  it('checks a consent and a reason to reveal; a note must hold no number or control character', () => {
    expect(checkConsent({ purpose: 'fitting', givenBy: 'guardian' }).ok).toBe(true);
    expect(checkConsent({ purpose: 'marketing' })).toEqual({
      ok: false,
      problems: { purpose: 'required', givenBy: 'required' },
    });
    expect(checkReveal({ reason: 'case', note: '  ' })).toEqual({
      ok: true,
      value: { reason: 'case', note: null },
    });
    expect(checkReveal({ reason: 'case', note: '回电 139-0000-0001' })).toEqual({
      ok: false,
      problems: { note: 'personal' },
    });
    expect(checkReveal({ reason: 'x', note: 'a\u0000b' })).toEqual({
      ok: false,
      problems: { reason: 'required', note: 'characters' },
    });
  });
});
