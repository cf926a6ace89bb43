/**
 * Who may see applicant data unmasked, and the security-log entries of every reveal and export.
 * RBAC action `plugin::security.personal-data.reveal` (“查看未脱敏的申请人个人信息”), registered
 * from src/requests/index.ts; the super admin holds it like every action.
 */
import type { Core } from '@strapi/strapi';
import { recordFromContext } from '../../../plugins/security/server/src/log';
import { REQUEST_UID } from '../config';

export const REVEAL_ACTION = 'plugin::security.personal-data.reveal';
export const REVEAL_ACTIONS = [{ section: 'plugins', displayName: '查看未脱敏的申请人个人信息（每次查看记入安全审计日志）', uid: 'personal-data.reveal', pluginName: 'security' }];

async function abilityOf(strapi: Core.Strapi, ctx: any): Promise<any | null> {
  if (ctx?.state?.userAbility) return ctx.state.userAbility;
  const user = ctx?.state?.user;
  if (!user) return null;
  return (strapi.service('admin::permission') as any).engine.generateUserAbility(user);
}

export async function canReveal(strapi: Core.Strapi, ctx: any): Promise<boolean> {
  const ability = await abilityOf(strapi, ctx);
  return Boolean(ability?.can(REVEAL_ACTION));
}

export async function canUpdateRequests(strapi: Core.Strapi, ctx: any): Promise<boolean> {
  const ability = await abilityOf(strapi, ctx);
  return Boolean(ability?.can('plugin::content-manager.explorer.update', REQUEST_UID));
}

/**
 * Written in the current Strapi transaction when there is one (the Content Manager reads inside one; on
 * SQLite a second connection would wait for it forever), else in its own.
 */
const inTransaction = (strapi: Core.Strapi, fn: (trx: any) => Promise<void>) => strapi.db.transaction(async ({ trx }: any) => fn(trx));

export async function logReveal(strapi: Core.Strapi, ctx: any, trackingNo: string, detail: Record<string, unknown> = {}): Promise<void> {
  await inTransaction(strapi, (trx) => recordFromContext(strapi, ctx, { action: 'personal-data-revealed', target: `request:${trackingNo}`, detail }, trx));
}

export async function logExport(strapi: Core.Strapi, ctx: any, target: string, detail: { kind: string; count: number } & Record<string, unknown>): Promise<void> {
  await inTransaction(strapi, (trx) => recordFromContext(strapi, ctx, { action: 'personal-data-exported', target, detail }, trx));
}
