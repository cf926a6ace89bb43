/**
 * Inspection thresholds: the national defaults of 政府网站与政务新媒体检查指标 (国办秘函〔2019〕19号),
 * configurable per province in config/plugins.ts → statistics.config.inspection.
 */
export interface InspectionThresholds {
  /** 动态、要闻类 columns not updated within N days (2 weeks) */
  newsStaleDays: number;
  /** 通知公告、政策文件类 columns not updated within N months (6 months) */
  noticePolicyStaleMonths: number;
  /** (a) the two together ≥ N → 单项否决 */
  staleCombinedVeto: number;
  /** (b) columns long stale against their own cadence ≥ N → 单项否决 */
  longStaleVeto: number;
  /** a column is "long stale" when silent for more than this many of its cadence periods */
  cadenceFactor: number;
  /** (c) 空白栏目 ≥ N → 单项否决 */
  emptyColumnsVeto: number;
  /** 首页不更新: the site publishes nothing for N days */
  homePageStaleDays: number;
}

export interface StatisticsConfig {
  inspection: InspectionThresholds;
  /** cron rule of the daily inspection run (once across all nodes) */
  inspectionCron: string;
  /** days before 31 January / 31 March from which the annual report reminder shows */
  reportReminderDays: number;
}

export const defaultConfig: StatisticsConfig = {
  inspection: {
    newsStaleDays: 14,
    noticePolicyStaleMonths: 6,
    staleCombinedVeto: 5,
    longStaleVeto: 10,
    cadenceFactor: 2,
    emptyColumnsVeto: 5,
    homePageStaleDays: 14,
  },
  inspectionCron: '30 1 * * *',
  reportReminderDays: 30,
};

export default {
  default: defaultConfig,
  validator(config: StatisticsConfig) {
    for (const [k, v] of Object.entries(config.inspection ?? {})) {
      if (typeof v !== 'number' || !(v > 0)) throw new Error(`[statistics] inspection.${k} 必须是正数`);
    }
  },
};
