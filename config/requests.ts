import type { Core } from '@strapi/strapi';

/**
 * 依申请公开 settings (read with strapi.config.get('requests.<key>'); defaults and checks in
 * src/requests/config.ts). Documented in docs/requests.md → 配置.
 */
export default ({ env }: Core.Config.Shared.ConfigParams) => ({
  calendar: {
    /**
     * Local working-day overrides that ship with the deployment (the admin can add more under
     * 内容管理 → 工作日调整; an admin entry for the same date wins). Example:
     * [{ date: '2026-03-20', working: false, note: '本地公休日' }]
     */
    overrides: [] as Array<{ date: string; working: boolean; note?: string }>,
    /**
     * Years whose State Council holiday notice has been entered (as overrides) although the
     * chinese-days package does not know them yet: deadlines reaching into them are final, not
     * provisional. E.g. REQUESTS_EXTRA_KNOWN_YEARS=2027
     */
    extraKnownYears: env.array('REQUESTS_EXTRA_KNOWN_YEARS', [] as string[]).map(Number).filter(Number.isInteger),
    /** How long a node trusts its cached calendar before checking the overrides table again (other nodes' edits). */
    cacheSeconds: env.int('REQUESTS_CALENDAR_CACHE_SECONDS', 30),
  },
  /** 第三十条: 补正期限 (working days) put on a correction notice when the clerk gives none. */
  correctionPeriodDays: env.int('REQUESTS_CORRECTION_PERIOD_DAYS', 15),
  /** 国办函〔2020〕109号: payment period (working days) of a fee notice when the clerk gives none. */
  feePaymentDays: env.int('REQUESTS_FEE_PAYMENT_DAYS', 20),
  /** Public side (POST/GET /api/gov/v1/requests): token buckets per client address (TRUSTED_PROXIES: server.trustedProxies), kept in the database and shared by all nodes. */
  rateLimit: {
    /** Submissions: `points` per `windowSeconds` per client. */
    submit: { points: env.int('REQUESTS_SUBMIT_LIMIT', 5), windowSeconds: env.int('REQUESTS_SUBMIT_WINDOW_SECONDS', 3600) },
    /** Status queries (any outcome). */
    query: { points: env.int('REQUESTS_QUERY_LIMIT', 60), windowSeconds: env.int('REQUESTS_QUERY_WINDOW_SECONDS', 60) },
    /** Failed queries (unknown tracking number or wrong code): once exhausted, all queries from the client get 429. */
    wrongCode: { points: env.int('REQUESTS_WRONG_CODE_LIMIT', 10), windowSeconds: env.int('REQUESTS_WRONG_CODE_WINDOW_SECONDS', 900) },
  },
  /** Length of the one-time query code (characters from an alphabet without 0/O/1/I/L). */
  queryCodeLength: env.int('REQUESTS_QUERY_CODE_LENGTH', 10),
  /**
   * 个人信息保护法第十九条: applicant data (name, ID number, phone, e-mail, address) of requests closed more than
   * this many years ago is anonymised by a daily job (src/requests/personal-data/retention.ts); 表三/表四 unchanged.
   */
  retentionYears: env.int('REQUESTS_RETENTION_YEARS', 5),
});
