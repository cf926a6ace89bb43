import { checkPhone, parsePhone, PHONE_MESSAGE } from '../../src/domain/phone';

describe('mobile numbers', () => {
  it.each([
    ['13800138000', '13800138000'],
    ['138 0013 8000', '13800138000'],
    ['138-0013-8000', '13800138000'],
    ['+86 138 0013 8000', '13800138000'],
    ['+8613800138000', '13800138000'],
    ['0086-19912345678', '19912345678'],
  ])('%s', (raw, number) => {
    expect(parsePhone(raw)).toEqual({ kind: 'mobile', number });
  });

  it.each(['12800138000', '1380013800', '138001380000', '10086', '+85213800138000', '1380013800a'])('refuses %s', (raw) => {
    expect(checkPhone(raw)).toBe(PHONE_MESSAGE);
  });
});

describe('landlines', () => {
  it.each([
    ['010-62345678', '01062345678', undefined],
    ['(010) 8765 4321', '01087654321', undefined],
    ['021 62345678', '02162345678', undefined],
    ['0755-2345678', '07552345678', undefined],
    ['0731-88886666', '073188886666', undefined],
    ['+86 10 62345678', '01062345678', undefined],
    ['010-62345678-123', '01062345678', '123'],
    ['010-62345678转8001', '01062345678', '8001'],
    ['0571-87654321 分机 12', '057187654321', '12'],
    ['0571 87654321 ext. 12', '057187654321', '12'],
  ])('%s', (raw, number, extension) => {
    expect(parsePhone(raw)).toEqual({ kind: 'landline', number, ...(extension ? { extension } : {}) });
  });

  it.each([
    '62345678', // no area code
    '010-12345678', // a local number does not start with 1
    '010-1234567', // Beijing numbers have 8 digits
    '0755-12345678', // a local number does not start with 1
    '0755-0345678',
    '0155-2345678', // no area code starts with 01 except 010
    '0755-234567', // too short
    '0755-234567890',
    '13800138000转12', // extensions only on landlines
    '电话010-62345678',
  ])('refuses %s', (raw) => {
    expect(checkPhone(raw)).toBe(PHONE_MESSAGE);
  });
});

describe('400/800 service numbers', () => {
  it('accepts 400/800 + 7 digits', () => {
    expect(parsePhone('400-123-4567')).toEqual({ kind: 'service', number: '4001234567' });
    expect(parsePhone('800 820 8820')).toEqual({ kind: 'service', number: '8008208820' });
    expect(checkPhone('400-123-456')).toBe(PHONE_MESSAGE);
  });
});

it('refuses empty and overlong input', () => {
  expect(checkPhone('')).toBe(PHONE_MESSAGE);
  expect(checkPhone('   ')).toBe(PHONE_MESSAGE);
  expect(checkPhone('1'.repeat(41))).toBe(PHONE_MESSAGE);
});
