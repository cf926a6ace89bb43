import { AUTH_DEFAULTS, authSettingProblems } from '../../plugins/security/server/src/auth/settings';
import { passwordRuleViolation } from '../../plugins/security/server/src/auth/password-policy';
import { remaining } from '../../plugins/security/server/src/auth/lockout';
import { base32, newSecret, totpStep } from '../../plugins/security/server/src/auth/otp';

/** The pure rules of identification and authentication (plugins/security/server/src/auth). */
describe('password rule (no history)', () => {
  const p = AUTH_DEFAULTS.password;
  it.each([
    ['Ab1-', '口令长度不能少于 8 位'],
    ['abcdefgh', '口令须包含大写字母、小写字母、数字、特殊字符中的至少 3 类（当前 1 类）'],
    ['ABCDEFGH1', '口令须包含大写字母、小写字母、数字、特殊字符中的至少 3 类（当前 2 类）'],
    ['Liming-2026', '口令不能包含账号（电子邮箱用户名）'],
    ['xLIMINGx-9', '口令不能包含账号（电子邮箱用户名）'],
  ])('%s → %s', (pw, message) => {
    expect(passwordRuleViolation(pw, 'liming@test.gov.cn', p)).toBe(message);
  });
  it.each(['Demo12345', 'Test-12345pass', 'gov#secure#2026', 'GOV#SECURE#2026', '政府Secure2026'])('%s passes', (pw) => {
    expect(passwordRuleViolation(pw, 'liming@test.gov.cn', p)).toBeNull();
  });
  it('follows minLength / minClasses', () => {
    expect(passwordRuleViolation('Abcdefg1', 'a@b.cn', { ...p, minLength: 12 })).toBe('口令长度不能少于 12 位');
    expect(passwordRuleViolation('Abcdefg1', 'a@b.cn', { ...p, minClasses: 4 })).toBe('口令须包含大写字母、小写字母、数字、特殊字符中的至少 4 类（当前 3 类）');
  });
});

describe('settings validation', () => {
  it('names every bad value in Chinese', () => {
    const bad = { ...AUTH_DEFAULTS, lockout: { ...AUTH_DEFAULTS.lockout, maxFailures: 0, lockMinutes: 1.5 }, totp: { ...AUTH_DEFAULTS.totp, requiredForSuperAdmins: 'yes' as any } };
    expect(authSettingProblems(bad)).toEqual([
      'plugin::security.lockout.maxFailures 应为 1 到 100 之间的整数',
      'plugin::security.lockout.lockMinutes 应为 1 到 1440 之间的整数',
      'plugin::security.totp.requiredForSuperAdmins 应为 true 或 false',
    ]);
  });
});

describe('lock-out message', () => {
  it('says how long is left', () => {
    expect(remaining(15 * 60000)).toBe('约 15 分 0 秒');
    expect(remaining(14 * 60000 + 32000)).toBe('约 14 分 32 秒');
    expect(remaining(800)).toBe('约 1 秒');
  });
});

describe('TOTP plumbing', () => {
  it('base32 is RFC 4648 (test vectors, unpadded)', () => {
    expect(base32.encode(Buffer.from('foobar'))).toBe('MZXW6YTBOI');
    expect(Buffer.from(base32.decode('MZXW6YTBOI')).toString()).toBe('foobar');
    expect(Buffer.from(base32.decode('MZXW6===')).toString()).toBe('foo');
  });
  it('a secret is 160 bits; a malformed code matches no step', async () => {
    const secret = newSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(await totpStep(secret, '12345')).toBeNull();
    expect(await totpStep(secret, 'abcdef')).toBeNull();
  });
});
