/**
 * bodyHtml / summaryHtml of disclosure items and laws (issue 17): rendered from body / summary with
 * src/domain/rich-text.ts whenever those are written, never typed by hand.
 * - prepareItem and prepareLaw (every Document Service create / update / clone) call renderItemRichText;
 * - the bulk import of items (plugins/sync/server/src/migration/import.ts) renders in its own column mapping
 *   (laws of export packages go through the Document Service);
 * - rows written before, or by raw seeds, are filled at boot (fillRenderedBodies: only rows whose
 *   source is set and whose HTML is NULL, so it is idempotent and costs one query when nothing is missing;
 *   `npm run reindex` boots the app and so fills them too);
 * - the Content Manager shows neither field in the edit view (hideDerivedFields).
 */
import type { Core } from '@strapi/strapi';
import { configureContentManager } from './content-manager-layout';
import { renderRichText } from '../domain/rich-text';
import { UID } from './constants';

/** The content types with rendered bodies and their tables (fillRenderedBodies writes below the Document Service). */
const RENDERED_TABLES = [[UID.item, 'disclosure_items'], [UID.law, 'laws']] as const;

export const DERIVED_ITEM_FIELDS = ['bodyHtml', 'summaryHtml'] as const;

/** Stored HTML of a source text: null for null, '' for a blank one. */
export function renderStored(source: unknown): string | null {
  if (source === null || source === undefined) return null;
  return renderRichText(String(source)) ?? '';
}

/** Document Service data: HTML follows its source; a client never writes it. */
export function renderItemRichText(data: Record<string, any>): void {
  delete data.bodyHtml;
  delete data.summaryHtml;
  if ('body' in data) data.bodyHtml = renderStored(data.body);
  if ('summary' in data) data.summaryHtml = renderStored(data.summary);
}

/** Fills body_html / summary_html where the source is set and the HTML is missing (draft and published rows). */
export async function fillRenderedBodies(strapi: Core.Strapi, batch = 500): Promise<number> {
  let filled = 0;
  for (const [uid, table] of RENDERED_TABLES) {
    const n = await fillTable(strapi, table, batch);
    if (n) strapi.log.info(`[rich-text] 已为 ${n} 条${uid === UID.law ? '法规文件' : '政府信息'}生成正文 HTML`);
    filled += n;
  }
  return filled;
}

async function fillTable(strapi: Core.Strapi, table: string, batch: number): Promise<number> {
  const knex = strapi.db.connection;
  let filled = 0;
  let lastId = 0;
  for (;;) {
    const rows: Array<{ id: number; body: string | null; summary: string | null; body_html: string | null; summary_html: string | null }> = await knex(table)
      .where('id', '>', lastId)
      .andWhere((q: any) => q.where((w: any) => w.whereNotNull('body').whereNull('body_html')).orWhere((w: any) => w.whereNotNull('summary').whereNull('summary_html')))
      .orderBy('id')
      .limit(batch)
      .select('id', 'body', 'summary', 'body_html', 'summary_html');
    if (!rows.length) break;
    for (const r of rows) {
      const patch: Record<string, string | null> = {};
      if (r.body != null && r.body_html == null) patch.body_html = renderStored(r.body);
      if (r.summary != null && r.summary_html == null) patch.summary_html = renderStored(r.summary);
      await knex(table).where('id', r.id).update(patch); // updated_at untouched: nothing an editor changed
      filled++;
    }
    lastId = rows[rows.length - 1].id;
  }
  return filled;
}

/** The derived fields are not editable: hidden from the Content Manager's edit view, not searchable in lists. */
export async function hideDerivedFields(strapi: Core.Strapi): Promise<void> {
  for (const [uid] of RENDERED_TABLES) await configureContentManager(strapi, uid, { hidden: DERIVED_ITEM_FIELDS });
}
