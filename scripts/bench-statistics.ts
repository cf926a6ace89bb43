/**
 * npm run bench:statistics — the statistics plugin at scale on PostgreSQL.
 *   Creates a throwaway database, bulk-loads 1,000,000 published items, 5,000 catalogue nodes and
 *   100,000 disclosure requests and the review trail of every 5th item (raw batched inserts; options:
 *   --items N --nodes N --requests N --audit-every N),
 *   then times, for one organisation: the annual report tables for a year, the inspection run and the
 *   dashboard summary (median of 5 runs after a warm-up). Target: each under 1 s. Prints the figures
 *   and writes them to docs/benchmarks.md (section "Statistics"). Drops the database afterwards
 *   unless --keep. Needs PostgreSQL (DATABASE_URL or postgres://postgres@127.0.0.1:5432/postgres).
 */
import path from 'path';
import type { Core } from '@strapi/strapi';
import { withBenchDatabase, writeBenchmarkSection } from './lib/bench-db';
import { bulkInsertItems, newDocumentId } from './lib/bulk-items';
import { rng } from './seed-data';
import { UID } from '../src/foundation/constants';

const arg = (name: string, def: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : def;
};
const ITEMS = arg('items', 1_000_000);
const NODES = arg('nodes', 5_000);
const REQUESTS = arg('requests', 100_000);
const ORGS = 50;
const AUDITED = arg('audit-every', 5);
const root = path.resolve(__dirname, '..', '..');

/** The data set: organisations, catalogue trees, items, requests and review trails (raw batched inserts). */
async function prepare(strapi: Core.Strapi) {
  const knex: any = strapi.db.connection;
  const log = (m: string) => console.log(`[bench:statistics] ${m}`);
  const r = rng(7);
  const t0 = Date.now();
  // organisations: a county and its departments
  const county: any = await strapi.documents(UID.organization).create({ data: { name: '基准县人民政府', code: '000099999', level: '县' } as any });
  const orgs = [county];
  for (let i = 1; i < ORGS; i++) orgs.push(await strapi.documents(UID.organization).create({ data: { name: `基准县第${i}局`, code: `0000${String(90000 + i)}`, level: '部门', parent: county.documentId } as any }));
  const orgRows = await knex('organizations').select('id', 'document_id');
  const orgId = new Map(orgRows.map((o: any) => [o.document_id, o.id]));

  // catalogue nodes: per organisation 10 parents with children (leaves get the items)
  const kinds = ['动态要闻类', '通知公告类', '政策文件类', '重点领域类', '其他'];
  const cadences = ['每周', '每两周', '每月', '每季', '不定期'];
  const perOrg = Math.floor(NODES / ORGS);
  const now = new Date();
  for (const org of orgs) {
    const rows = Array.from({ length: perOrg }, (_, i) => ({
      document_id: newDocumentId(), name: `栏目${i}`, code: `B${i}`, kind: kinds[i % kinds.length], cadence: cadences[i % cadences.length],
      sort_order: i, is_public: true, publish_deadline_days: 20, created_at: now, updated_at: now, published_at: now,
    }));
    const ids: Array<{ id: number }> = await knex('catalogue_nodes').insert(rows).returning('id');
    await knex('catalogue_nodes_organization_lnk').insert(ids.map((x) => ({ catalogue_node_id: x.id, organization_id: orgId.get(org.documentId) })));
    // the first tenth are parents of the rest
    const parents = ids.slice(0, Math.ceil(perOrg / 10));
    await knex('catalogue_nodes_parent_lnk').insert(ids.slice(parents.length).map((x, i) => ({ catalogue_node_id: x.id, inv_catalogue_node_id: parents[i % parents.length].id, catalogue_node_ord: 1 })));
  }
  log(`${orgs.length} 个机构、${perOrg * orgs.length} 个栏目（${((Date.now() - t0) / 1000).toFixed(1)} 秒）`);

  await bulkInsertItems(strapi, ITEMS, (m) => process.stdout.write(`\r[bench:statistics] ${m}   `), 5000);
  process.stdout.write('\n');

  // requests
  const cats = ['自然人', '自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他'];
  const results = ['disclosed', 'partial', 'refused.thirdParty', 'unable.notHeld', 'notProcessed.duplicate', 'other.noCorrection'];
  for (let done = 0; done < REQUESTS; done += 2000) {
    const n = Math.min(2000, REQUESTS - done);
    const rows = Array.from({ length: n }, (_, i) => {
      const year = r.int(2022, 2026);
      const received = `${year}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`;
      const closed = r.chance(0.9);
      const closedDate = closed ? `${Math.min(2026, year + (received.slice(5, 7) === '12' ? 1 : 0))}-${received.slice(5, 7) === '12' ? '01' : String(Number(received.slice(5, 7)) + 1).padStart(2, '0')}-10` : null;
      return {
        document_id: newDocumentId(), tracking_no: `B${done + i}`, channel: '网络', received_date: received, applicant_category: r.pick(cats),
        requested_content: '基准数据', handling_status: closed ? '已办结' : '办理中', result_key: closed ? r.pick(results) : null, closed_date: closedDate,
        replied_date: closedDate, due_date: received, created_at: now, updated_at: now, published_at: now,
      };
    });
    const ids: Array<{ id: number }> = await knex('disclosure_requests').insert(rows).returning('id');
    await knex('disclosure_requests_organization_lnk').insert(ids.map((x) => ({ disclosure_request_id: x.id, organization_id: orgRows[r.int(0, orgRows.length - 1)].id })));
  }
  log(`${REQUESTS} 件依申请公开`);

  // the review trail of every AUDITED-th item (submit → 3 approvals → publish, hours apart): review throughput
  // reads it, and a real agency's audit table is several times larger than its item table
  const stages = ['deptReview', 'secrecyReview', 'leaderSignoff', 'readyToPublish', 'published'];
  const actions = ['submit', 'approve', 'approve', 'approve', 'publish'];
  let audited = 0;
  for (let lastId = 0; ;) {
    const batch: any[] = await knex('disclosure_items as i').join('disclosure_items_organization_lnk as io', 'io.disclosure_item_id', 'i.id')
      .select('i.id', 'i.document_id', 'i.publish_date', 'io.organization_id')
      .where('i.id', '>', lastId).whereNotNull('i.published_at').whereRaw(`i.id % ${AUDITED} = 0`).orderBy('i.id').limit(1000);
    if (!batch.length) break;
    lastId = batch[batch.length - 1].id;
    const rows = batch.flatMap((it) => {
      const end = new Date(`${new Date(it.publish_date).toISOString().slice(0, 10)}T09:00:00+08:00`).getTime();
      let at = end - stages.length * 6 * 3600e3;
      return stages.map((to, i) => {
        at += r.int(1, 12) * 3600e3;
        return {
          document_id: newDocumentId(), target_uid: UID.item, target_document_id: it.document_id,
          action: actions[i], from_stage: i ? stages[i - 1] : 'draft', to_stage: to, at: new Date(at), organization_id: it.organization_id, created_at: now, updated_at: now, published_at: now,
        };
      });
    });
    await knex('review_audit_entries').insert(rows);
    audited += batch.length;
  }
  log(`${audited} 条信息的审核记录（${audited * stages.length} 条）`);
  await knex.raw('ANALYZE');
  log(`数据准备共 ${((Date.now() - t0) / 1000).toFixed(0)} 秒`);
  return county;
}

async function main() {
  await withBenchDatabase('gov_bench_stats', process.argv.includes('--keep'), async (strapi: Core.Strapi, reused: boolean) => {
    const knex: any = strapi.db.connection;
    const log = (m: string) => console.log(`[bench:statistics] ${m}`);
    const county = reused ? await strapi.db.query(UID.organization).findOne({ where: { code: '000099999' } }) : await prepare(strapi);
    if (!county) throw new Error('--reuse: the database holds no benchmark data');
    const counts = (await knex.raw(`SELECT (SELECT COUNT(*) FROM disclosure_items WHERE published_at IS NOT NULL) AS items,
      (SELECT COUNT(*) FROM catalogue_nodes) AS nodes, (SELECT COUNT(*) FROM disclosure_requests) AS requests,
      (SELECT COUNT(*) FROM review_audit_entries) AS audit, (SELECT COUNT(*) FROM organizations) AS orgs`)).rows[0];

    const stats = strapi.plugin('statistics');
    const time = async (label: string, fn: () => Promise<unknown>) => {
      await fn();
      const runs: number[] = [];
      for (let i = 0; i < 5; i++) {
        const s = process.hrtime.bigint();
        await fn();
        runs.push(Number(process.hrtime.bigint() - s) / 1e6);
      }
      runs.sort((a, b) => a - b);
      return { label, median: runs[2], max: runs[4] };
    };
    const figures = [
      await time('年度报告表格（县政府含下属单位，2025年）', () => stats.service('annual-report').build(county.documentId, 2025)),
      await time('检查规则运行（县政府含下属单位）', () => stats.service('inspection').run({ org: county.documentId, today: '2026-06-30' })),
      await time('统计汇总（县政府含下属单位，2025年，按月）', () => stats.service('summary').summary({ org: county.documentId, from: '2025-01-01', to: '2025-12-31' })),
    ];
    const lines = figures.map((f) => `| ${f.label} | ${f.median.toFixed(0)} ms | ${f.max.toFixed(0)} ms | ${f.median < 1000 ? '达标' : '未达标'} |`);
    const table = ['| 操作 | 中位数 | 最大 | 目标 < 1 s |', '|---|---|---|---|', ...lines].join('\n');
    console.log(`\n${table}\n`);
    const n = (k: string) => Number(counts[k]).toLocaleString('en');
    writeBenchmarkSection(root, 'Statistics', `## Statistics (\`npm run bench:statistics\`)\n\nPostgreSQL, ${n('items')} published items, ${n('nodes')} catalogue nodes, ${n('requests')} requests, ${n('audit')} review audit entries, ${n('orgs')} organisations; measured ${new Date().toISOString().slice(0, 10)} on this project's 2-core machine (median of 5 runs after a warm-up).\n\n${table}\n`);
  });
}

main().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
