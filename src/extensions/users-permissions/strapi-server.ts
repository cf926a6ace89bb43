/**
 * users-permissions (the public end-user accounts under /api/auth/...), hardened (security review, issue 11).
 * Loaded by Strapi from dist/src/extensions/users-permissions/strapi-server.js (applyUserExtension).
 *
 *  - First boot: public registration off (`allow_register: false`) and registrations unconfirmed until
 *    the e-mail link is followed (`email_confirmation: true`), once: a store flag records it, so an
 *    administrator who turns registration on later (设置 → 用户及权限插件 → 高级设置) keeps it.
 *  - Registration while off: 403 ForbiddenError in Chinese (Strapi answers 400 in English).
 *  - Mail: without an e-mail provider (plugin `email` provider missing or `sendmail`), forgot-password,
 *    send-email-confirmation and a registration needing a confirmation mail answer 400 in Chinese
 *    instead of a 500 from sendmail; a send failing for another reason is logged and answered as if
 *    the mail had gone (`{ ok: true }`), which does not reveal whether the account exists.
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';

export const DEFAULTS_FLAG = { type: 'core', name: 'gov-disclosure', key: 'users-permissions-defaults' } as const;
export const REGISTER_DISABLED = '本站未开放公众注册，如需账号请联系网站管理员';
export const NO_MAIL_SERVICE = '本站未配置邮件服务，无法通过邮件找回密码，请联系网站管理员';
export const NO_MAIL_SERVICE_CONFIRM = '本站未配置邮件服务，无法发送注册确认邮件，请联系网站管理员';

type Ctx = any;
type Controller = Record<string, (ctx: Ctx, next?: () => Promise<unknown>) => Promise<unknown>>;

/** An e-mail provider other than Strapi's default sendmail (which fails without a local MTA). */
export function mailConfigured(strapi: Core.Strapi): boolean {
  const provider = String(strapi.config.get('plugin::email.provider', '') ?? '').trim();
  return provider !== '' && provider !== 'sendmail' && provider !== '@strapi/provider-email-sendmail';
}

/** Strapi's own errors (400/401/403/404/…): passed on; anything else from a send is a mail failure. */
const isStrapiError = (err: unknown) => err instanceof errors.ApplicationError || ['ValidationError', 'YupValidationError', 'ZodError'].includes((err as any)?.name);

async function advancedSettings(strapi: Core.Strapi) {
  return ((await strapi.store({ type: 'plugin', name: 'users-permissions' }).get({ key: 'advanced' })) ?? {}) as Record<string, unknown>;
}

/** Once per database: registration off, e-mail confirmation on. */
export async function applyDefaultsOnce(strapi: Core.Strapi): Promise<boolean> {
  if (await strapi.store.get(DEFAULTS_FLAG)) return false;
  const store = strapi.store({ type: 'plugin', name: 'users-permissions' });
  const advanced = await advancedSettings(strapi);
  await store.set({ key: 'advanced', value: { ...advanced, allow_register: false, email_confirmation: true } });
  await strapi.store.set({ ...DEFAULTS_FLAG, value: { allowRegister: false, emailConfirmation: true, appliedAt: new Date().toISOString() } });
  strapi.log.info('[users-permissions] 已关闭公众注册并开启注册邮件确认（首次启动的安全默认值，可在“设置 → 用户及权限插件 → 高级设置”中修改）');
  return true;
}

function extendAuth(auth: any) {
  return (deps: { strapi: Core.Strapi }) => {
    const { strapi } = deps;
    const original: Controller = typeof auth === 'function' ? auth(deps) : auth;

    /** Runs the original action; a non-Strapi error (the mail transport) is logged and answered with `fallback`. */
    const mailing = async (ctx: Ctx, action: string, fallback: (ctx: Ctx) => unknown) => {
      try {
        return await original[action](ctx);
      } catch (err: any) {
        if (isStrapiError(err)) throw err;
        strapi.log.error(`[users-permissions] ${action}: 邮件发送失败：${err?.message ?? err}`);
        ctx.status = 200;
        ctx.body = fallback(ctx);
      }
    };

    return {
      ...original,
      async register(ctx: Ctx) {
        const settings = await advancedSettings(strapi);
        if (!settings.allow_register) {
          // not thrown: Strapi's route authorisation turns any ForbiddenError raised below it into a bare "Forbidden"
          ctx.status = 403;
          ctx.body = { data: null, error: { status: 403, name: 'ForbiddenError', message: REGISTER_DISABLED, details: {} } };
          return;
        }
        if (settings.email_confirmation && !mailConfigured(strapi)) throw new errors.ApplicationError(NO_MAIL_SERVICE_CONFIRM);
        return original.register(ctx);
      },
      async forgotPassword(ctx: Ctx) {
        if (!mailConfigured(strapi)) throw new errors.ApplicationError(NO_MAIL_SERVICE);
        return mailing(ctx, 'forgotPassword', () => ({ ok: true }));
      },
      async sendEmailConfirmation(ctx: Ctx) {
        if (!mailConfigured(strapi)) throw new errors.ApplicationError(NO_MAIL_SERVICE_CONFIRM);
        return mailing(ctx, 'sendEmailConfirmation', (c) => ({ email: c.request.body?.email, sent: true }));
      },
    };
  };
}

export default (plugin: any) => {
  plugin.controllers.auth = extendAuth(plugin.controllers.auth);
  const bootstrap = plugin.bootstrap;
  plugin.bootstrap = async (args: { strapi: Core.Strapi }) => {
    await bootstrap?.(args);
    await applyDefaultsOnce(args.strapi);
  };
  return plugin;
};
