import type { Core } from '@strapi/strapi';

/**
 * Settings of identification and authentication (等保 2.0 身份鉴别), `plugin::security` in config/plugins.ts,
 * each with its default. Validated at boot (assertAuthSettings) with Chinese messages.
 */
export interface AuthSettings {
  password: {
    /** at least this many characters (≥ 8) */
    minLength: number;
    /** at least this many of the four classes upper / lower / digit / symbol (1–4) */
    minClasses: number;
    /** none of the last N passwords may be reused (0 = off) */
    history: number;
    /** days after which the password must be changed at login (0 = never) */
    maxAgeDays: number;
  };
  lockout: {
    /** failures within `windowMinutes` that lock an account */
    maxFailures: number;
    /** failures within `windowMinutes` that lock a client address */
    maxFailuresPerAddress: number;
    windowMinutes: number;
    lockMinutes: number;
  };
  totp: {
    /** super admins must enrol a TOTP second factor before using anything else */
    requiredForSuperAdmins: boolean;
    /** issuer shown by the authenticator app */
    issuer: string;
  };
}

export const AUTH_DEFAULTS: AuthSettings = {
  password: { minLength: 8, minClasses: 3, history: 5, maxAgeDays: 90 },
  lockout: { maxFailures: 5, maxFailuresPerAddress: 5, windowMinutes: 15, lockMinutes: 15 },
  totp: { requiredForSuperAdmins: false, issuer: '政府信息公开平台' },
};

/** The settings in force (read on every use, so tests may change them with strapi.config.set). */
export function authSettings(strapi: Core.Strapi): AuthSettings {
  const c: any = strapi.config.get('plugin::security') ?? {};
  return {
    password: { ...AUTH_DEFAULTS.password, ...(c.password ?? {}) },
    lockout: { ...AUTH_DEFAULTS.lockout, ...(c.lockout ?? {}) },
    totp: { ...AUTH_DEFAULTS.totp, ...(c.totp ?? {}) },
  };
}

const isInt = (v: unknown, min: number, max = Number.MAX_SAFE_INTEGER) => Number.isInteger(v) && (v as number) >= min && (v as number) <= max;

/** The problems of a configuration, in Chinese (empty when valid). */
export function authSettingProblems(s: AuthSettings): string[] {
  const out: string[] = [];
  const p = s.password;
  const l = s.lockout;
  if (!isInt(p.minLength, 8, 128)) out.push('plugin::security.password.minLength 应为 8 到 128 之间的整数（等保要求口令不少于 8 位）');
  if (!isInt(p.minClasses, 1, 4)) out.push('plugin::security.password.minClasses 应为 1 到 4 之间的整数');
  if (!isInt(p.history, 0, 24)) out.push('plugin::security.password.history 应为 0 到 24 之间的整数');
  if (!isInt(p.maxAgeDays, 0, 3650)) out.push('plugin::security.password.maxAgeDays 应为 0（不过期）到 3650 之间的整数');
  if (!isInt(l.maxFailures, 1, 100)) out.push('plugin::security.lockout.maxFailures 应为 1 到 100 之间的整数');
  if (!isInt(l.maxFailuresPerAddress, 1, 10000)) out.push('plugin::security.lockout.maxFailuresPerAddress 应为 1 到 10000 之间的整数');
  if (!isInt(l.windowMinutes, 1, 1440)) out.push('plugin::security.lockout.windowMinutes 应为 1 到 1440 之间的整数');
  if (!isInt(l.lockMinutes, 1, 1440)) out.push('plugin::security.lockout.lockMinutes 应为 1 到 1440 之间的整数');
  if (typeof s.totp.requiredForSuperAdmins !== 'boolean') out.push('plugin::security.totp.requiredForSuperAdmins 应为 true 或 false');
  if (typeof s.totp.issuer !== 'string' || !s.totp.issuer.trim()) out.push('plugin::security.totp.issuer 应为非空字符串');
  return out;
}

/** Throws at boot on an invalid configuration. */
export function assertAuthSettings(strapi: Core.Strapi): void {
  const problems = authSettingProblems(authSettings(strapi));
  if (problems.length) throw new Error(`安全设置有误：${problems.join('；')}`);
}
