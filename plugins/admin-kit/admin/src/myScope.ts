/**
 * The caller's organisation scope (GET /site-groups/me), for the organisation pickers of the admin pages
 * (statistics dashboard, 依申请公开 list): a scoped user is offered only the organisations the server would
 * let them read. Imported by the other plugins' admin code (vite bundles it from source); no server code.
 *
 * The server stays the authority (it filters lists and answers 403 outside the scope): when the route is
 * missing (site-groups disabled) or fails, the pickers behave as before (every organisation).
 */
import type { MyScope } from '../../../site-groups/server/src/wire';

export type { MyScope };

export const MY_SCOPE_PATH = '/site-groups/me';
export const UNSCOPED: MyScope = { all: true, organizations: [] };

type Get = <T>(url: string, config?: { signal?: AbortSignal }) => Promise<{ data: T }>;

/** The caller's scope; UNSCOPED when the route cannot answer (the server still enforces the scope). */
export async function fetchMyScope(get: Get, signal?: AbortSignal): Promise<MyScope> {
  try {
    const { data } = await get<{ data: MyScope }>(MY_SCOPE_PATH, { signal });
    const s = data?.data;
    if (!s || typeof s.all !== 'boolean') return UNSCOPED;
    return { all: s.all, organizations: Array.isArray(s.organizations) ? s.organizations : [] };
  } catch {
    return UNSCOPED;
  }
}

/**
 * The organisations of a picker: all of `list` for an unscoped user; for a scoped one those of `list` in
 * scope, plus (flat) the scope's organisations missing from `list` (e.g. when the Content Manager list is
 * not readable or is longer than one page).
 */
export function inScope<T extends { documentId: string; name: string }>(scope: MyScope, list: T[]): T[] {
  if (scope.all) return list;
  const ids = new Set(scope.organizations.map((o) => o.documentId));
  const kept = list.filter((o) => ids.has(o.documentId));
  const seen = new Set(kept.map((o) => o.documentId));
  const missing = scope.organizations.filter((o) => !seen.has(o.documentId)).map((o) => ({ ...o }) as unknown as T);
  return [...kept, ...missing];
}
