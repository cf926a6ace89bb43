import type { Core } from '@strapi/strapi';

/**
 * The demo's push target (plugins/sync): the county, its 政府办 and 发改局 pushing items, laws and annual
 * reports to a loopback “青州市政务公开平台” that `npm run demo` starts (scripts/demo-receiver.js). The
 * receiver is a platform as one meets them: it answers some first attempts 500 (retried after the backoff),
 * refuses annual reports for good (a dead letter after three attempts) and is slow, so the 同步推送 page shows
 * lag, retries and a dead letter instead of an empty table.
 */
export const DEMO_PUSH_KEY = 'demo-qingzhou';
/** shared with scripts/demo-receiver.js; a demo value, never a production secret */
export const DEMO_PUSH_SECRET = 'qingshan-demo-receiver-secret-2026';

export interface DemoPushOptions {
  /** first retry delay (ms); the demo's default lets a retry be seen on the page for a while */
  backoffMs?: number;
  maxAttempts?: number;
}

/** Creates the demo target towards `url` unless a target with its key exists. Returns whether it was created. */
export async function ensureDemoPushTarget(strapi: Core.Strapi, url: string, opts: DemoPushOptions = {}): Promise<boolean> {
  const targets = strapi.plugin('sync').service('targets') as any;
  if (await targets.get(DEMO_PUSH_KEY)) return false;
  await targets.create({
    key: DEMO_PUSH_KEY,
    name: '青州市政务公开平台（演示接收端）',
    url,
    secret: DEMO_PUSH_SECRET,
    organizations: ['000014349', '000014350', '000014351'],
    types: ['item', 'law', 'annualReport'],
    maxAttempts: opts.maxAttempts ?? 3,
    backoffMs: opts.backoffMs ?? 20000,
    timeoutMs: 5000,
    backfill: true,
  }, { email: '演示数据' });
  return true;
}
