/**
 * The shapes the security plugin's routes answer, shared by the server and the admin bundle (no server imports
 * here: the admin page imports this file).
 */

/** The actions of the security log and their Chinese names. */
export const SECURITY_ACTIONS = {
  login: '登录成功',
  'login-failed': '登录失败',
  logout: '退出登录',
  locked: '账号或地址被锁定',
  'password-changed': '修改密码',
  'password-rejected': '口令不符合策略',
  'totp-enabled': '启用双因素认证',
  'totp-disabled': '停用双因素认证',
  'totp-failed': '双因素认证失败',
  'user-created': '新建用户',
  'user-changed': '修改用户',
  'user-deleted': '删除用户',
  'role-changed': '修改角色或权限',
  'membership-changed': '修改机构成员',
  'token-created': '创建 API 令牌',
  'token-changed': '修改 API 令牌',
  'token-revoked': '撤销 API 令牌',
  'sync-target-changed': '修改推送目标',
  'settings-changed': '修改安全设置',
  'personal-data-exported': '导出或下载个人信息',
  'personal-data-revealed': '查看未脱敏个人信息',
  'personal-data-anonymised': '个人信息到期匿名化',
  'security-log-exported': '导出安全审计日志',
  'log-purged': '清理过期安全日志',
} as const;

export type SecurityAction = keyof typeof SECURITY_ACTIONS;

/** One entry of GET /security-log. */
export interface LogEntry {
  at: string;
  action: string;
  email: string | null;
  userId: number | null;
  ip: string | null;
  userAgent: string | null;
  target: string | null;
  detail: Record<string, unknown> | null;
}

/** GET /security/me (auth/gate.ts). */
export interface AuthStatus {
  passwordExpired: boolean;
  passwordExpiresAt: string | null;
  totpEnabled: boolean;
  totpRequired: boolean;
  totpPending: boolean;
}
