import type { Core } from '@strapi/strapi';
import type { CalendarOverride } from '../domain/working-days';
import { isValidDay } from '../domain/working-days';
import { UID } from '../foundation/constants';

export const REQUEST_UID = UID.request;
export const OVERRIDE_UID = 'api::working-day-override.working-day-override';
export const LETTER_UID = 'api::disclosure-request.request-letter';
export const ORG_UID = UID.organization;

/** 工作日调整 来源: a local decision, or a State Council notice entered before chinese-days knows the year. */
export const OVERRIDE_SOURCES = ['本地调整', '国务院通知'] as const;

export interface Bucket {
  points: number;
  windowSeconds: number;
}

export interface RequestsConfig {
  calendar: { overrides: CalendarOverride[]; extraKnownYears: number[]; cacheSeconds: number };
  correctionPeriodDays: number;
  feePaymentDays: number;
  rateLimit: { submit: Bucket; query: Bucket; wrongCode: Bucket };
  queryCodeLength: number;
  /** Years after closing (closedDate) after which the applicant's personal data is anonymised (personal-data/retention.ts). */
  retentionYears: number;
}

const DEFAULTS: RequestsConfig = {
  calendar: { overrides: [], extraKnownYears: [], cacheSeconds: 30 },
  correctionPeriodDays: 15,
  feePaymentDays: 20,
  rateLimit: {
    submit: { points: 5, windowSeconds: 3600 },
    query: { points: 60, windowSeconds: 60 },
    wrongCode: { points: 10, windowSeconds: 900 },
  },
  queryCodeLength: 10,
  retentionYears: 5,
};

const posInt = (v: unknown, d: number): number => (typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : d);

function bucket(v: unknown, d: Bucket): Bucket {
  const o = (v ?? {}) as Partial<Bucket>;
  return { points: posInt(o.points, d.points), windowSeconds: posInt(o.windowSeconds, d.windowSeconds) };
}

/** config/requests.ts with defaults; invalid override entries are refused at boot (see checkConfig). */
export function requestsConfig(strapi: Core.Strapi): RequestsConfig {
  const raw = (strapi.config.get('requests') ?? {}) as Record<string, any>;
  const cal = (raw.calendar ?? {}) as Record<string, any>;
  const rl = (raw.rateLimit ?? {}) as Record<string, any>;
  return {
    calendar: {
      overrides: Array.isArray(cal.overrides) ? cal.overrides : [],
      extraKnownYears: Array.isArray(cal.extraKnownYears) ? cal.extraKnownYears.map(Number).filter(Number.isInteger) : [],
      cacheSeconds: typeof cal.cacheSeconds === 'number' && cal.cacheSeconds >= 0 ? cal.cacheSeconds : DEFAULTS.calendar.cacheSeconds,
    },
    correctionPeriodDays: posInt(raw.correctionPeriodDays, DEFAULTS.correctionPeriodDays),
    feePaymentDays: posInt(raw.feePaymentDays, DEFAULTS.feePaymentDays),
    rateLimit: {
      submit: bucket(rl.submit, DEFAULTS.rateLimit.submit),
      query: bucket(rl.query, DEFAULTS.rateLimit.query),
      wrongCode: bucket(rl.wrongCode, DEFAULTS.rateLimit.wrongCode),
    },
    queryCodeLength: Math.min(32, Math.max(8, posInt(raw.queryCodeLength, DEFAULTS.queryCodeLength))),
    retentionYears: posInt(raw.retentionYears, DEFAULTS.retentionYears),
  };
}

/** Fails the boot with a Chinese message when config/requests.ts holds an invalid override. */
export function checkConfig(strapi: Core.Strapi): void {
  const { calendar } = requestsConfig(strapi);
  calendar.overrides.forEach((o, i) => {
    if (!o || !isValidDay(o.date) || typeof o.working !== 'boolean') {
      throw new Error(`config/requests.ts calendar.overrides[${i}] 无效：应为 { date: 'YYYY-MM-DD', working: true|false, note? }`);
    }
  });
}
