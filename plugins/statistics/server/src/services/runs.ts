import type { Core } from '@strapi/strapi';
import { runOnce } from '../../../../../src/foundation/jobs';
import { todayInChina } from '../../../../../src/domain/dates';
import type { StatisticsConfig } from '../config';

/**
 * The daily inspection run: once per day across all Strapi nodes sharing the database (gov_job_runs),
 * its result kept in statistics_inspection_runs for the dashboard; also runnable on demand.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async ensureTable() {
    const pg = strapi.db.dialect.client === 'postgres';
    await strapi.db.connection.raw(`CREATE TABLE IF NOT EXISTS statistics_inspection_runs (
      id ${pg ? 'BIGSERIAL' : 'INTEGER'} PRIMARY KEY ${pg ? '' : 'AUTOINCREMENT'},
      run_date VARCHAR(10) NOT NULL,
      single_veto BOOLEAN NOT NULL,
      result ${pg ? 'JSONB' : 'TEXT'} NOT NULL,
      created_at ${pg ? 'TIMESTAMPTZ' : 'TEXT'} NOT NULL
    )`);
  },

  async runDaily(today = todayInChina()): Promise<boolean> {
    return runOnce(strapi, 'statistics-inspection', today, async () => {
      await strapi.plugin('statistics').service('node-stats').refresh(); // self-healing full rebuild
      await strapi.plugin('statistics').service('item-stats').refresh();
      const result = await strapi.plugin('statistics').service('inspection').run({ today });
      await strapi.db.connection('statistics_inspection_runs').insert({ run_date: today, single_veto: result.singleVeto, result: JSON.stringify(result), created_at: new Date().toISOString() });
      strapi.log.info(`[统计检查] ${today} 检查完成：${result.failing.length} 项规则未通过${result.singleVeto ? '，触发单项否决' : ''}`);
    });
  },

  async latest() {
    const row: any = await strapi.db.connection('statistics_inspection_runs').orderBy('id', 'desc').first();
    if (!row) return null;
    return { runDate: row.run_date, singleVeto: !!row.single_veto, result: typeof row.result === 'string' ? JSON.parse(row.result) : row.result, createdAt: row.created_at };
  },

  async count(runDate: string): Promise<number> {
    const [{ n }] = await strapi.db.connection('statistics_inspection_runs').where({ run_date: runDate }).count({ n: '*' });
    return Number(n);
  },

  schedule() {
    const cfg = strapi.config.get('plugin::statistics') as StatisticsConfig;
    strapi.cron.add({ statisticsInspectionDaily: { task: () => this.runDaily(), options: { rule: cfg.inspectionCron, tz: 'Asia/Shanghai' } } });
  },
});
