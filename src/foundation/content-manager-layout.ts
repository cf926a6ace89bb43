import type { Core } from '@strapi/strapi';

/**
 * How the Content Manager shows a content type's computed fields (stored as its configuration, idempotent):
 *   readOnly  shown in the edit view, not editable (due dates, tracking numbers …)
 *   hidden    not in the edit view, not searchable or sortable in lists, not a list column (hashes, rendered HTML …)
 *   list      the list view's columns, exactly
 * The Document Service refuses or recomputes such fields anyway; this only keeps the editors' screens honest.
 */
export interface ContentManagerLayout {
  readOnly?: readonly string[];
  hidden?: readonly string[];
  list?: readonly string[];
}

export async function configureContentManager(strapi: Core.Strapi, uid: string, rules: ContentManagerLayout): Promise<void> {
  const service = strapi.plugin('content-manager')?.service('content-types') as any;
  const contentType = strapi.contentType(uid as any);
  if (!service || !contentType) return;
  const conf = await service.findConfiguration(contentType);
  if (!conf?.metadatas) return;
  let changed = false;
  for (const field of rules.readOnly ?? []) {
    const edit = conf.metadatas[field]?.edit;
    if (edit && edit.editable !== false) {
      edit.editable = false;
      changed = true;
    }
  }
  const hidden = new Set<string>(rules.hidden ?? []);
  for (const field of hidden) {
    const edit = conf.metadatas[field]?.edit;
    if (edit && (edit.visible !== false || edit.editable !== false)) {
      edit.visible = false;
      edit.editable = false;
      changed = true;
    }
    const list = conf.metadatas[field]?.list;
    if (list && (list.searchable !== false || list.sortable !== false)) {
      list.searchable = false;
      list.sortable = false;
      changed = true;
    }
  }
  if (conf.layouts?.edit && hidden.size) {
    const rows = (conf.layouts.edit as Array<Array<{ name: string }>>).map((row) => row.filter((c) => !hidden.has(c.name))).filter((row) => row.length);
    if (JSON.stringify(rows) !== JSON.stringify(conf.layouts.edit)) {
      conf.layouts.edit = rows;
      changed = true;
    }
  }
  if (conf.layouts) {
    const current: string[] = Array.isArray(conf.layouts.list) ? conf.layouts.list : [];
    const next = (rules.list ? [...rules.list] : current).filter((f) => !hidden.has(f));
    if (JSON.stringify(next) !== JSON.stringify(current)) {
      conf.layouts.list = next;
      changed = true;
    }
  }
  if (changed) await service.updateConfiguration(contentType, { settings: conf.settings, metadatas: conf.metadatas, layouts: conf.layouts });
}
