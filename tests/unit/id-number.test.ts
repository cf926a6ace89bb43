import { checkIdNumber, checkResidentIdNumber, idCheckChar, normaliseIdNumber, ID_TYPES } from '../../src/domain/id-number';
import { checkCreditCode, creditCodeCheckChar } from '../../src/domain/org-code';

const TODAY = '2026-06-01';

describe('居民身份证号码 (GB 11643-1999)', () => {
  it('accepts the examples of the standard and computes the MOD 11-2 check character', () => {
    expect(checkResidentIdNumber('11010519491231002X', TODAY)).toBeNull();
    expect(checkResidentIdNumber('440524188001010014', TODAY)).toBeNull();
    expect(idCheckChar('11010519491231002')).toBe('X');
    expect(idCheckChar('44052418800101001')).toBe('4');
  });

  it('accepts a lower-case x and blanks typed in groups', () => {
    expect(normaliseIdNumber(' 110105 19491231 002x ')).toBe('11010519491231002X');
    expect(checkResidentIdNumber('110105 19491231 002x', TODAY)).toBeNull();
  });

  it('refuses a wrong check character', () => {
    expect(checkResidentIdNumber('110105194912310021', TODAY)).toBe('身份证号码校验位不正确');
    expect(checkResidentIdNumber('110101199003071234', TODAY)).toBe('身份证号码校验位不正确');
  });

  it('refuses an impossible or future birth date', () => {
    const withCheck = (first17: string) => first17 + idCheckChar(first17);
    expect(checkResidentIdNumber(withCheck('11010519490231002'), TODAY)).toBe('身份证号码中的出生日期（19490231）无效');
    expect(checkResidentIdNumber(withCheck('11010519491301002'), TODAY)).toContain('出生日期');
    expect(checkResidentIdNumber(withCheck('11010520300101002'), TODAY)).toContain('出生日期');
    expect(checkResidentIdNumber(withCheck('11010520000229002'), TODAY)).toBeNull(); // 2000 is a leap year
    expect(checkResidentIdNumber(withCheck('11010519000229002'), TODAY)).toContain('出生日期'); // 1900 is not
  });

  it('refuses a region code that starts with 0 or 9', () => {
    const withCheck = (first17: string) => first17 + idCheckChar(first17);
    expect(checkResidentIdNumber(withCheck('01010519491231002'), TODAY)).toBe('身份证号码前6位行政区划代码不正确');
    expect(checkResidentIdNumber(withCheck('91010519491231002'), TODAY)).toBe('身份证号码前6位行政区划代码不正确');
    expect(checkResidentIdNumber(withCheck('81000019900101002'), TODAY)).toBeNull(); // 港澳台居民居住证
  });

  it('accepts 15-digit first-generation numbers with a valid 19YYMMDD birth date', () => {
    expect(checkResidentIdNumber('110105491231002', TODAY)).toBeNull();
    expect(checkResidentIdNumber('110105490231002', TODAY)).toBe('身份证号码中的出生日期（19490231）无效');
    expect(checkResidentIdNumber('010105491231002', TODAY)).toBe('身份证号码前6位行政区划代码不正确');
  });

  it('refuses other lengths and characters', () => {
    for (const bad of ['', '1234567', '1101051949123100', '11010519491231002Y', '1101051949123100XX', '11010519491231002X1']) {
      expect(checkResidentIdNumber(bad, TODAY)).toBe('身份证号码应为18位（最后一位可为X）或15位数字');
    }
  });
});

describe('other document types', () => {
  it('lists the types, 居民身份证 first', () => {
    expect(ID_TYPES[0]).toBe('居民身份证');
    expect(ID_TYPES).toContain('统一社会信用代码');
  });

  it.each([
    ['居民身份证', '11010519491231002X', null],
    ['居民身份证', '11010519491231002Y', '身份证号码应为18位（最后一位可为X）或15位数字'],
    ['护照', 'E12345678', null],
    ['护照', 'g 1234 5678', null],
    ['护照', 'AB12', '护照号码格式不正确：应为5至20位字母或数字'],
    ['护照', 'E1234567*', '护照号码格式不正确：应为5至20位字母或数字'],
    ['港澳居民来往内地通行证', 'H12345678', null],
    ['港澳居民来往内地通行证', 'M1234567801', null],
    ['港澳居民来往内地通行证', 'A12345678', '港澳居民来往内地通行证号码格式不正确：应为H或M加8位数字'],
    ['台湾居民来往大陆通行证', '12345678', null],
    ['台湾居民来往大陆通行证', '1234567', '台湾居民来往大陆通行证号码格式不正确：应为8位数字'],
    ['外国人永久居留身份证', 'USA123456789012', null],
    ['外国人永久居留身份证', `93310019900101001${idCheckChar('93310019900101001')}`, null],
    ['外国人永久居留身份证', `93310019900101001${idCheckChar('93310019900101001') === '0' ? '1' : '0'}`, '外国人永久居留身份证号码校验位不正确'],
    ['外国人永久居留身份证', 'US12345678901', '外国人永久居留身份证号码格式不正确：应为3位字母加12位数字，或以9开头的18位号码'],
    ['统一社会信用代码', '91350100M000100Y43', null],
    ['统一社会信用代码', '91350100M000100Y44', '统一社会信用代码校验位不正确'],
    ['其他', '军官证12345', null],
    ['其他', 'A', '证件号码应为2至40个字符'],
    ['驾驶证', '123456', '证件类型“驾驶证”不是有效值，可选：居民身份证、护照、港澳居民来往内地通行证、台湾居民来往大陆通行证、外国人永久居留身份证、统一社会信用代码、其他'],
  ])('%s %s', (type, value, expected) => {
    expect(checkIdNumber(type, value as string, TODAY)).toBe(expected);
  });
});

describe('统一社会信用代码 (GB 32100-2015)', () => {
  it('computes the MOD 31 check character', () => {
    expect(creditCodeCheckChar('91350100M000100Y4')).toBe('3');
    expect(checkCreditCode('91350100m000100y43')).toBeNull();
  });

  it('refuses letters outside the alphabet, other lengths and a wrong check character', () => {
    expect(checkCreditCode('91350100M000100I43')).toBe('统一社会信用代码应为18位数字或大写字母（不含I、O、Z、S、V）');
    expect(checkCreditCode('91350100M000100Y4')).toBe('统一社会信用代码应为18位数字或大写字母（不含I、O、Z、S、V）');
    expect(checkCreditCode('91350100M000100Y40')).toBe('统一社会信用代码校验位不正确');
  });
});
