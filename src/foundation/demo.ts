import type { Core } from '@strapi/strapi';

/**
 * Demo mode only (DEMO_MODE=true, set by `npm run demo`): make sure the demo super admin exists and
 * print the credentials. Nothing like this happens outside demo mode.
 */
export const DEMO_ROLE_USERS: Array<[string, string, string]> = [
  ['gov-drafter', 'drafter', '拟稿人'],
  ['gov-dept-reviewer', 'reviewer', '部门审核人'],
  ['gov-secrecy-reviewer', 'secrecy', '保密审查员'],
  ['gov-leader', 'leader', '签发领导'],
];

export async function ensureDemoAdmin(strapi: Core.Strapi) {
  if (!strapi.config.get('disclosure.demo')) return;
  const email = String(strapi.config.get('disclosure.demoAdminEmail'));
  const password = String(strapi.config.get('disclosure.demoAdminPassword'));
  const userService = strapi.service('admin::user');
  const roleService = strapi.service('admin::role');
  const existing = await strapi.db.query('admin::user').findOne({ where: { email } });
  if (!existing) {
    const superAdminRole = await roleService.getSuperAdmin();
    await userService.create({
      email,
      firstname: '演示',
      lastname: '管理员',
      password,
      registrationToken: null,
      isActive: true,
      roles: superAdminRole ? [superAdminRole.id] : [],
      preferedLanguage: 'zh-Hans',
    });
  }
  // One user per review role (plugins/review-workflow), same password.
  const [local, domain] = email.split('@');
  void local;
  for (const [code, prefix, name] of DEMO_ROLE_USERS) {
    const roleEmail = `${prefix}@${domain}`;
    if (await strapi.db.query('admin::user').findOne({ where: { email: roleEmail } })) continue;
    const role = await strapi.db.query('admin::role').findOne({ where: { code } });
    if (!role) continue;
    await userService.create({ email: roleEmail, firstname: name, lastname: '', password, registrationToken: null, isActive: true, roles: [role.id], preferedLanguage: 'zh-Hans' });
  }
  strapi.log.info(`[演示模式] 管理后台：http://localhost:${strapi.config.get('server.port')}/admin  账号：${email}  密码：${password}`);
  strapi.log.info(`[演示模式] 审核角色账号（密码同上）：${DEMO_ROLE_USERS.map(([, p, n]) => `${n} ${p}@${domain}`).join('；')}`);
}
