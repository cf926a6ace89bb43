import type { Core } from '@strapi/strapi';
import { UID } from './constants';
import { APP_ROLE_CODES } from './role-codes';

/**
 * Built-in admin roles of the application for two duties beside the four review roles of
 * plugins/review-workflow (拟稿人, 部门审核人, 保密审查员, 签发领导):
 *
 *  - 依申请公开经办人 (gov-request-clerk): registers and handles 依申请公开 requests of the user's own
 *    organisations — the 依申请公开办理 page, its events and letters, the requests list (Content Manager
 *    read/create/update on requests with the condition “属于本人所在机构”);
 *  - 政务公开办 (gov-open-office): oversees disclosure work — reads items, laws, annual reports, catalogue
 *    nodes and requests of the user's organisations, the statistics dashboard and inspection, review audit
 *    trails and the push targets (read only); creates and edits annual reports.
 *
 * Both need a membership (plugin::site-groups.membership) to see anything. Seeded once per database at
 * bootstrap (after the plugins' bootstraps have registered their RBAC actions and the condition): a role
 * an administrator has changed or deleted afterwards is left as it is.
 */
const CM = 'plugin::content-manager.explorer';
export const IN_MY_ORGS = 'plugin::site-groups.in-my-organizations';


interface RoleSpec {
  code: string;
  name: string;
  description: string;
  /** Content Manager actions (read, create, update, …) per scoped content type: with the condition. */
  scoped: Record<string, string[]>;
  /** Content types read without condition (relation pickers, filters: organisations, 主题分类). */
  readOnly: string[];
  /** Plugin actions (no subject). */
  plugin: string[];
}

export const APP_ROLES: RoleSpec[] = [
  {
    code: APP_ROLE_CODES.requestClerk,
    name: '依申请公开经办人',
    description: '办理本机构的依申请公开：登记申请、记录办理事项、生成告知书与答复书（仅限本人所在机构）',
    scoped: { [UID.request]: ['read', 'create', 'update'] },
    readOnly: [UID.organization],
    plugin: [],
  },
  {
    code: APP_ROLE_CODES.openOffice,
    name: '政务公开办',
    description: '政务公开工作的统筹与监督：查看本人所在机构的政府信息、法规文件、公开目录、依申请公开和统计检查，编制年度报告，查看审核记录与推送状态',
    scoped: {
      [UID.item]: ['read'],
      [UID.law]: ['read'],
      [UID.annualReport]: ['read', 'create', 'update'],
      [UID.catalogueNode]: ['read'],
      [UID.request]: ['read'],
    },
    readOnly: [UID.organization, UID.subjectCategory],
    plugin: ['plugin::statistics.read', 'plugin::statistics.annual-report.write', 'plugin::review-workflow.audit.read', 'plugin::sync.read'],
  },
];

const STORE_KEY = 'app-roles-seeded';

/** The permissions of a role spec, with the Content Manager's field lists (all fields). */
export function permissionsOf(strapi: Core.Strapi, role: RoleSpec): any[] {
  const ctService: any = strapi.service('admin::content-type');
  const { actionProvider } = strapi.service('admin::permission') as any;
  const contentTypeActions = actionProvider.values().filter((a: any) => a.section === 'contentTypes');
  const all: any[] = ctService.getPermissionsWithNestedFields(contentTypeActions, { restrictedSubjects: [] });
  const out: any[] = [];
  for (const p of all) {
    const verb = String(p.action).startsWith(`${CM}.`) ? String(p.action).slice(CM.length + 1) : null;
    if (!verb) continue;
    if (role.scoped[p.subject]?.includes(verb)) out.push({ ...p, conditions: [IN_MY_ORGS] });
    else if (verb === 'read' && role.readOnly.includes(p.subject)) out.push({ ...p, conditions: [] });
  }
  const registered = new Set<string>(actionProvider.values().map((a: any) => a.actionId));
  for (const action of role.plugin) {
    if (!registered.has(action)) {
      strapi.log.warn(`[角色] 插件操作 ${action} 未注册（插件未启用？），角色“${role.name}”不含此权限`);
      continue;
    }
    out.push({ action, subject: null, properties: {}, conditions: [] });
  }
  return out;
}

/**
 * Creates the roles once per database (never re-creates a role an administrator deleted, never overwrites
 * the permissions of an existing one). Call from the app's bootstrap.
 */
export async function ensureAppRoles(strapi: Core.Strapi) {
  const roleService: any = strapi.service('admin::role');
  // Strapi creates its default roles (Super Admin, Editor, Author) only while no role exists: let it first.
  await roleService.createRolesIfNoneExist();
  const store = strapi.store({ type: 'core', name: 'gov-disclosure' });
  const seeded: string[] = ((await store.get({ key: STORE_KEY })) as string[] | null) ?? [];
  let changed = false;
  for (const role of APP_ROLES) {
    if (seeded.includes(role.code)) continue;
    const existing = await strapi.db.query('admin::role').findOne({ where: { code: role.code } });
    if (!existing) {
      const created = await roleService.create({ name: role.name, code: role.code, description: role.description });
      await roleService.assignPermissions(created.id, permissionsOf(strapi, role));
      strapi.log.info(`[角色] 已创建内置角色“${role.name}”（${role.code}）`);
    }
    seeded.push(role.code);
    changed = true;
  }
  if (changed) await store.set({ key: STORE_KEY, value: seeded });
}
