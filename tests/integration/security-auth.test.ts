import crypto from 'crypto';
import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { setupStrapi, teardownStrapi } from '../helpers/strapi';
import { adminApi, createAdminAndLogin } from '../helpers/admin';
import { SECURITY_LOG_TABLE } from '../../plugins/security/server/src/log';
import { AUTH_DEFAULTS, authSettingProblems } from '../../plugins/security/server/src/auth/settings';
import { passwordRuleViolation } from '../../plugins/security/server/src/auth/password-policy';
import { AUTH_STATE_TABLE, LOGIN_FAILURES_TABLE, ensureAuthTables } from '../../plugins/security/server/src/auth/store';

/**
 * 身份鉴别 (等保 2.0 第三级), plugins/security/server/src/auth: password policy on every route that sets an admin
 * password and on the admin::user service, history of the last 5, expiry → forced change, lock-out per account
 * and per address (database counters), session idle / absolute lifetimes, TOTP second factor. Times are moved
 * by rewriting stored timestamps, never by waiting.
 */
let strapi: Core.Strapi;

/**
 * The current RFC 6238 code of a base32 secret, computed here independently of otplib (which Jest cannot load:
 * its base32 dependency is ESM only; the compiled app loads it with Node's require of ES modules).
 */
async function generate({ secret }: { secret: string }): Promise<string> {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of secret.replace(/=+$/, '')) bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  const key = Buffer.from((bits.match(/.{8}/g) ?? []).map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 30000)));
  const h = crypto.createHmac('sha1', key).update(counter).digest();
  const o = h[h.length - 1] & 0xf;
  return String((h.readUInt32BE(o) & 0x7fffffff) % 1000000).padStart(6, '0');
}
const DAY = 86400000;
const GOOD = 'Gov-Secure-2026';
const agent = () => request(strapi.server.httpServer);
const login = (email: string, password: string) => agent().post('/admin/login').set('User-Agent', 'jest-auth').send({ email, password });

const validation = (message: string) => ({
  status: 400,
  name: 'ValidationError',
  message,
  details: { errors: [{ path: ['password'], message, name: 'ValidationError' }] },
});
const logRows = async (action: string, where: Record<string, unknown> = {}) =>
  strapi.db.connection(SECURITY_LOG_TABLE).where({ action, ...where }).orderBy('id');

const original: any = {};
function setAuth(patch: Record<string, Record<string, unknown>>) {
  const cur: any = strapi.config.get('plugin::security') ?? {};
  const next: any = { ...cur };
  for (const [k, v] of Object.entries(patch)) next[k] = { ...(cur[k] ?? {}), ...v };
  strapi.config.set('plugin::security', next);
}

beforeAll(async () => {
  strapi = await setupStrapi();
  Object.assign(original, strapi.config.get('plugin::security') ?? {});
});
afterAll(async () => {
  await teardownStrapi();
});
beforeEach(async () => {
  strapi.config.set('plugin::security', { ...original });
  await strapi.db.connection(LOGIN_FAILURES_TABLE).del();
});

describe('password policy', () => {
  it('changes no permission of the guarded Strapi routes: a user without admin::users.* is refused (403) before any password rule speaks', async () => {
    const { token } = await createAdminAndLogin(strapi, { roles: ['gov-drafter'] });
    const api = adminApi(strapi, token);
    const created = await api.post('/admin/users', { firstname: '甲', lastname: '乙', email: 'probe@test.gov.cn', roles: [1], password: 'weak' });
    expect(created.status).toBe(403);
    const changed = await api.put('/admin/users/1', { password: 'weak' });
    expect(changed.status).toBe(403);
    expect(JSON.stringify([created.body, changed.body])).not.toMatch(/口令/);
  });


  it('refuses a weak password on POST /admin/register-admin before Strapi looks at it', async () => {
    const res = await agent().post('/admin/register-admin').send({ email: 'first@test.gov.cn', firstname: '首', lastname: '位', password: 'password1' });
    expect(res.status).toBe(400);
    expect(res.body.error).toEqual(validation('口令须包含大写字母、小写字母、数字、特殊字符中的至少 3 类（当前 2 类）'));
  });

  it('refuses each rule on PUT /admin/users/me in Strapi error shape, keeps the session, logs password-rejected', async () => {
    const { token, password, user } = await createAdminAndLogin(strapi, { email: 'zhangwei@test.gov.cn' });
    const api = adminApi(strapi, token);
    const cases: Array<[string, string]> = [
      ['Ab1-', '口令长度不能少于 8 位'],
      ['abcdefgh12', '口令须包含大写字母、小写字母、数字、特殊字符中的至少 3 类（当前 2 类）'],
      ['Zhangwei-2026', '口令不能包含账号（电子邮箱用户名）'],
      [password, '不能重复使用最近 5 次用过的口令'],
    ];
    for (const [pw, message] of cases) {
      const res = await api.put('/admin/users/me', { currentPassword: password, password: pw });
      expect(res.status).toBe(400);
      expect(res.body.error).toEqual(validation(message));
    }
    // three classes pass our policy; Strapi's own rule (a capital letter) then answers, in Chinese too
    const strapiRule = await api.put('/admin/users/me', { currentPassword: password, password: 'gov#secure#2026' });
    expect(strapiRule.status).toBe(400);
    expect(strapiRule.body.error.message).toBe('口令须包含大写字母');
    expect(strapiRule.body.error.details.errors).toEqual([{ path: ['password'], message: '口令须包含大写字母', name: 'ValidationError' }]);
    // refused before Strapi's controller ends all sessions of a password change
    expect((await api.get('/admin/users/me')).status).toBe(200);
    const rejected = await logRows('password-rejected', { user_id: user.id });
    expect(rejected).toHaveLength(4);
    expect(rejected.map((r: any) => JSON.parse(r.detail).reason)).toEqual(cases.map((c) => c[1]));
    for (const r of rejected) expect(JSON.stringify(r)).not.toContain('Zhangwei-2026');
  });

  it('refuses on POST /admin/users and PUT /admin/users/:id', async () => {
    const { token } = await createAdminAndLogin(strapi);
    const api = adminApi(strapi, token);
    const superAdmin = await strapi.service('admin::role').getSuperAdmin();
    const created = await api.post('/admin/users', { email: 'lisi@test.gov.cn', firstname: '李', lastname: '四', roles: [superAdmin.id], password: 'lisi12345' });
    expect(created.status).toBe(400);
    expect(created.body.error.details.errors[0].path).toEqual(['password']);
    const ok = await api.post('/admin/users', { email: 'lisi@test.gov.cn', firstname: '李', lastname: '四', roles: [superAdmin.id] });
    expect(ok.status).toBe(201);
    const res = await api.put(`/admin/users/${ok.body.data.id}`, { password: 'weakweakweak' });
    expect(res.status).toBe(400);
    expect(res.body.error).toEqual(validation('口令须包含大写字母、小写字母、数字、特殊字符中的至少 3 类（当前 1 类）'));
    const good = await api.put(`/admin/users/${ok.body.data.id}`, { password: GOOD });
    expect(good.status).toBe(200);
    const changed = await logRows('password-changed', { target: `admin::user:${ok.body.data.id}` });
    expect(changed).toHaveLength(1);
    expect(changed[0].detail).not.toContain(GOOD);
  });

  it('refuses on POST /admin/register (invitation) and POST /admin/reset-password', async () => {
    const invited = await strapi.service('admin::user').create({ email: 'wangwu@test.gov.cn', firstname: '王', lastname: '五', roles: [] });
    const registrationToken = invited.registrationToken;
    const weak = await agent().post('/admin/register').send({ registrationToken, userInfo: { firstname: '王', lastname: '五', password: 'WANGWU-2026x' } });
    expect(weak.status).toBe(400);
    expect(weak.body.error).toEqual(validation('口令不能包含账号（电子邮箱用户名）'));
    const good = await agent().post('/admin/register').send({ registrationToken, userInfo: { firstname: '王', lastname: '五', password: GOOD } });
    expect(good.status).toBe(200);
    // the service wrapper stored the new password's hash in the history
    expect(await strapi.db.connection('gov_password_history').where({ user_id: invited.id })).toHaveLength(1);

    await strapi.db.query('admin::user').update({ where: { id: invited.id }, data: { resetPasswordToken: 'reset-token-1', resetPasswordTokenExpiresAt: new Date(Date.now() + 3600000) } as any });
    const reuse = await agent().post('/admin/reset-password').send({ resetPasswordToken: 'reset-token-1', password: GOOD });
    expect(reuse.status).toBe(400);
    expect(reuse.body.error).toEqual(validation('不能重复使用最近 5 次用过的口令'));
    const reset = await agent().post('/admin/reset-password').send({ resetPasswordToken: 'reset-token-1', password: 'Another-Pass-9' });
    expect(reset.status).toBe(200);
    expect((await login('wangwu@test.gov.cn', 'Another-Pass-9')).status).toBe(200);
  });

  it('the admin::user service refuses too (every other code path)', async () => {
    const svc = strapi.service('admin::user');
    await expect(svc.create({ email: 'svc@test.gov.cn', firstname: 'S', lastname: 'V', password: 'short1A', isActive: true, registrationToken: null, roles: [] })).rejects.toMatchObject({
      name: 'ValidationError',
      message: '口令长度不能少于 8 位',
      details: { errors: [{ path: ['password'], message: '口令长度不能少于 8 位', name: 'ValidationError' }] },
    });
    const user = await svc.create({ email: 'svc@test.gov.cn', firstname: 'S', lastname: 'V', password: 'Pass-0000a', isActive: true, registrationToken: null, roles: [] });
    await expect(svc.updateById(user.id, { password: 'alllowercase' })).rejects.toMatchObject({ name: 'ValidationError' });
  });

  it('none of the last 5 passwords may be reused; the sixth-last may', async () => {
    const svc = strapi.service('admin::user');
    const user = await svc.create({ email: 'history@test.gov.cn', firstname: 'H', lastname: 'I', password: 'Pass-0000a', isActive: true, registrationToken: null, roles: [] });
    for (let i = 1; i <= 5; i++) await svc.updateById(user.id, { password: `Pass-000${i}a` });
    for (let i = 1; i <= 5; i++) {
      await expect(svc.updateById(user.id, { password: `Pass-000${i}a` })).rejects.toMatchObject({ message: '不能重复使用最近 5 次用过的口令' });
    }
    await expect(svc.updateById(user.id, { password: 'Pass-0000a' })).resolves.toMatchObject({ id: user.id });
    const history = await strapi.db.connection('gov_password_history').where({ user_id: user.id });
    expect(history).toHaveLength(5);
    for (const h of history) expect(h.hash).toMatch(/^\$2[aby]\$/);
  });

  it('the demo and test passwords satisfy the policy; settings are validated with Chinese messages', () => {
    expect(passwordRuleViolation('Demo12345', 'admin@demo.gov.cn', AUTH_DEFAULTS.password)).toBeNull();
    expect(passwordRuleViolation('Test-12345pass', 'admin1@test.gov.cn', AUTH_DEFAULTS.password)).toBeNull();
    expect(authSettingProblems(AUTH_DEFAULTS)).toEqual([]);
    expect(authSettingProblems({ ...AUTH_DEFAULTS, password: { ...AUTH_DEFAULTS.password, minLength: 6 } })).toEqual([
      'plugin::security.password.minLength 应为 8 到 128 之间的整数（等保要求口令不少于 8 位）',
    ]);
  });
});

describe('password expiry', () => {
  it('after maxAgeDays only the profile and the password change work (403 PASSWORD_EXPIRED); a change lifts it', async () => {
    const { token, email, password, user } = await createAdminAndLogin(strapi);
    await strapi.db.connection(AUTH_STATE_TABLE).where({ user_id: user.id }).update({ password_changed_at: Date.now() - 91 * DAY });
    const api = adminApi(strapi, token);
    const refused = await api.get('/admin/users');
    expect(refused.status).toBe(403);
    expect(refused.body.error).toEqual({ status: 403, name: 'ForbiddenError', message: '口令已超过 90 天未修改，请先在个人资料中修改口令', details: { code: 'PASSWORD_EXPIRED' } });
    expect((await api.get('/content-manager/init')).body.error.details.code).toBe('PASSWORD_EXPIRED');
    expect((await api.get('/admin/users/me')).status).toBe(200);
    const me = await api.get('/security/me');
    expect(me.status).toBe(200);
    expect(me.body.data).toMatchObject({ passwordExpired: true, totpEnabled: false, totpRequired: false, totpPending: false });
    expect(new Date(me.body.data.passwordExpiresAt).getTime()).toBeLessThan(Date.now());

    const changed = await api.put('/admin/users/me', { currentPassword: password, password: GOOD });
    expect(changed.status).toBe(200);
    const again = await login(email, GOOD);
    expect(again.status).toBe(200);
    expect(again.body.data.security.passwordExpired).toBe(false);
    const api2 = adminApi(strapi, again.body.data.token);
    expect((await api2.get('/admin/users')).status).toBe(200);
    const me2 = await api2.get('/security/me');
    expect(me2.body.data.passwordExpired).toBe(false);
    expect(Math.abs(new Date(me2.body.data.passwordExpiresAt).getTime() - (Date.now() + 90 * DAY))).toBeLessThan(60000);
  });

  it('existing users without a record count from the first boot; maxAgeDays 0 turns expiry off', async () => {
    const { token, user } = await createAdminAndLogin(strapi);
    await strapi.db.connection(AUTH_STATE_TABLE).where({ user_id: user.id }).del();
    await ensureAuthTables(strapi);
    const row = await strapi.db.connection(AUTH_STATE_TABLE).where({ user_id: user.id }).first();
    expect(Math.abs(Number(row.password_changed_at) - Date.now())).toBeLessThan(60000);
    await strapi.db.connection(AUTH_STATE_TABLE).where({ user_id: user.id }).update({ password_changed_at: Date.now() - 400 * DAY });
    setAuth({ password: { maxAgeDays: 0 } });
    const api = adminApi(strapi, token);
    expect((await api.get('/admin/users')).status).toBe(200);
    expect((await api.get('/security/me')).body.data).toMatchObject({ passwordExpired: false, passwordExpiresAt: null });
  });
});

describe('lock-out', () => {
  it('locks an account after 5 failures in 15 minutes, in Chinese with the time left, until the lock expires', async () => {
    setAuth({ lockout: { maxFailuresPerAddress: 1000 } });
    const { email, password } = await createAdminAndLogin(strapi);
    for (let i = 1; i <= 4; i++) {
      const res = await login(email, 'Wrong-Pass-1');
      expect(res.status).toBe(400);
      expect(res.body.error.message).toBe('邮箱或口令不正确');
    }
    const fifth = await login(email.toUpperCase(), 'Wrong-Pass-1');
    expect(fifth.status).toBe(429);
    expect(fifth.body.error.name).toBe('RateLimitError');
    expect(fifth.body.error.message).toMatch(/^登录失败次数过多，账号已锁定，请在15分钟后重试（约 1[45] 分 \d{1,2} 秒）$/);
    expect(fifth.body.error.details.code).toBe('LOCKED');
    expect(Number(fifth.headers['retry-after'])).toBeGreaterThan(14 * 60);
    // the right password does not help while locked (and Strapi's English limiter never answers)
    const locked = await login(email, password);
    expect(locked.status).toBe(429);
    expect(locked.body.error.message).toMatch(/^登录失败次数过多，账号已锁定/);
    const failed = await logRows('login-failed', { email: email.toLowerCase() });
    expect(failed).toHaveLength(6);
    expect(failed[0]).toMatchObject({ ip: expect.stringMatching(/127\.0\.0\.1|::1/), user_agent: 'jest-auth' });
    expect(await logRows('locked', { target: `account:${email.toLowerCase()}` })).toHaveLength(1);

    await strapi.db.connection(LOGIN_FAILURES_TABLE).where({ lock_key: `account:${email.toLowerCase()}` }).update({ locked_until: Date.now() - 1 });
    const ok = await login(email, password);
    expect(ok.status).toBe(200);
    expect(await strapi.db.connection(LOGIN_FAILURES_TABLE).where({ lock_key: `account:${email.toLowerCase()}` })).toHaveLength(0);
    expect((await logRows('login', { email })).length).toBeGreaterThanOrEqual(2);
  });

  it('failures older than the window start a new count', async () => {
    setAuth({ lockout: { maxFailuresPerAddress: 1000 } });
    const { email } = await createAdminAndLogin(strapi);
    for (let i = 1; i <= 4; i++) expect((await login(email, 'Wrong-Pass-1')).status).toBe(400);
    await strapi.db.connection(LOGIN_FAILURES_TABLE).where({ lock_key: `account:${email}` }).update({ window_start: Date.now() - 16 * 60000 });
    expect((await login(email, 'Wrong-Pass-1')).status).toBe(400);
    const row = await strapi.db.connection(LOGIN_FAILURES_TABLE).where({ lock_key: `account:${email}` }).first();
    expect(Number(row.failures)).toBe(1);
  });

  it('locks a client address after 5 failures, whatever the accounts', async () => {
    setAuth({ lockout: { maxFailures: 1000 } });
    const { email, password } = await createAdminAndLogin(strapi);
    for (let i = 1; i <= 4; i++) expect((await login(`nobody${i}@test.gov.cn`, 'Wrong-Pass-1')).status).toBe(400);
    const fifth = await login('nobody5@test.gov.cn', 'Wrong-Pass-1');
    expect(fifth.status).toBe(429);
    expect(fifth.body.error.message).toMatch(/^登录失败次数过多，您的网络地址已锁定，请在15分钟后重试（约 1[45] 分 \d{1,2} 秒）$/);
    expect((await login(email, password)).status).toBe(429);
    await strapi.db.connection(LOGIN_FAILURES_TABLE).where('lock_key', 'like', 'address:%').update({ locked_until: Date.now() - 1 });
    expect((await login(email, password)).status).toBe(200);
  });

  it("replaces Strapi's admin::rateLimit on the login route", () => {
    const routes = Object.values((strapi as any).admin.routes).flatMap((r: any) => r.routes);
    const loginRoute = routes.find((r: any) => r.method === 'POST' && r.path === '/login');
    expect(loginRoute.config.middlewares).not.toContain('admin::rateLimit');
    expect(loginRoute.config.middlewares.some((m: unknown) => typeof m === 'function')).toBe(true);
  });

  it('logs logout', async () => {
    const { token, user } = await createAdminAndLogin(strapi);
    expect((await adminApi(strapi, token).post('/admin/logout', {})).status).toBe(200);
    expect(await logRows('logout', { user_id: user.id })).toHaveLength(1);
  });
});

describe('sessions', () => {
  const sessionsOf = (userId: number) => strapi.db.query('admin::session' as any).findMany({ where: { userId: String(userId) } });

  it('idle timeout 30 minutes, absolute lifetime 8 hours, access token within the idle window', async () => {
    const s: any = strapi.config.get('admin.auth.sessions');
    expect(s).toEqual({ accessTokenLifespan: 900, idleSessionLifespan: 1800, maxSessionLifespan: 28800, idleRefreshTokenLifespan: 1800, maxRefreshTokenLifespan: 28800 });
    const { user } = await createAdminAndLogin(strapi);
    const [session]: any[] = await sessionsOf(user.id);
    expect(Math.abs(new Date(session.expiresAt).getTime() - (Date.now() + 1800 * 1000))).toBeLessThan(60000);
    expect(Math.abs(new Date(session.absoluteExpiresAt).getTime() - (Date.now() + 8 * 3600 * 1000))).toBeLessThan(60000);
  });

  it('refuses a session idle beyond the window (access token and renewal)', async () => {
    const { user, email, password } = await createAdminAndLogin(strapi);
    const res = await login(email, password);
    const cookie = res.headers['set-cookie'];
    const api = adminApi(strapi, res.body.data.token);
    expect((await api.get('/admin/users/me')).status).toBe(200);
    await strapi.db.query('admin::session' as any).updateMany({ where: { userId: String(user.id) }, data: { expiresAt: new Date(Date.now() - 1000), createdAt: new Date(Date.now() - 31 * 60000) } });
    expect((await api.get('/admin/users/me')).status).toBe(401);
    expect((await agent().post('/admin/access-token').set('Cookie', cookie).send({})).status).toBe(401);
  });

  it('ends a session kept active once its absolute lifetime is over', async () => {
    const { user, email, password } = await createAdminAndLogin(strapi);
    const res = await login(email, password);
    const cookie = res.headers['set-cookie'];
    const api = adminApi(strapi, res.body.data.token);
    // activity renews the access token (a new session record in the same family)
    const renewed = await agent().post('/admin/access-token').set('Cookie', cookie).send({});
    expect(renewed.status).toBe(200);
    await strapi.db.query('admin::session' as any).updateMany({ where: { userId: String(user.id) }, data: { absoluteExpiresAt: new Date(Date.now() - 1000) } });
    const refused = await adminApi(strapi, renewed.body.data.token).get('/admin/users/me');
    expect(refused.status).toBe(401);
    expect(refused.body.error).toMatchObject({ message: '会话已超过最长有效期（8 小时），请重新登录', details: { code: 'SESSION_EXPIRED' } });
    expect((await api.get('/admin/users/me')).status).toBe(401);
    expect((await agent().post('/admin/access-token').set('Cookie', renewed.headers['set-cookie']).send({})).status).toBe(401);
  });
});

describe('TOTP second factor', () => {
  /** Each time step is accepted once per user: forget the last one, to use the current code again in a test. */
  const forgetLastCode = (userId: number) => strapi.db.connection(AUTH_STATE_TABLE).where({ user_id: userId }).update({ totp_last_step: null });

  it('enrols, makes each new login pending until a code is verified, disables with a code', async () => {
    const { token, email, password, user } = await createAdminAndLogin(strapi);
    const api = adminApi(strapi, token);
    const setup = await api.post('/security/totp/setup', {});
    expect(setup.status).toBe(200);
    const { secret, otpauthUrl } = setup.body.data;
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(otpauthUrl).toMatch(/^otpauth:\/\/totp\/.+secret=[A-Z2-7]+/);
    const stored = await strapi.db.connection(AUTH_STATE_TABLE).where({ user_id: user.id }).first();
    expect(stored.totp_pending_secret).toMatch(/^v1:/);
    expect(stored.totp_pending_secret).not.toContain(secret);

    const wrongEnable = await api.post('/security/totp/enable', { code: '000000' });
    expect(wrongEnable.status).toBe(400);
    expect(wrongEnable.body.error.details.errors[0]).toMatchObject({ path: ['code'], message: '动态口令不正确或已使用过，请核对认证器上的 6 位数字' });
    expect((await api.post('/security/totp/enable', { code: await generate({ secret }) })).status).toBe(200);
    expect(await logRows('totp-enabled', { user_id: user.id })).toHaveLength(1);
    // the session that enrolled has proven the factor; the secret is never handed out again
    expect((await api.get('/admin/users')).status).toBe(200);
    expect((await api.post('/security/totp/setup', {})).status).toBe(400);

    await forgetLastCode(user.id);
    const second = await login(email, password);
    expect(second.status).toBe(200);
    expect(second.body.data.security).toMatchObject({ totpEnabled: true, totpPending: true });
    const pending = adminApi(strapi, second.body.data.token);
    const refused = await pending.get('/admin/users');
    expect(refused.status).toBe(403);
    expect(refused.body.error).toEqual({ status: 403, name: 'ForbiddenError', message: '请先完成双因素认证：输入认证器上的 6 位动态口令', details: { code: 'TOTP_REQUIRED' } });
    expect((await pending.put('/admin/users/me', { firstname: '改' })).body.error.details.code).toBe('TOTP_REQUIRED');
    expect((await pending.get('/security/me')).body.data).toMatchObject({ totpEnabled: true, totpPending: true });
    expect((await pending.post('/security/totp/verify', { code: '123456' })).status).toBe(400);
    expect(await logRows('totp-failed', { user_id: user.id })).toHaveLength(2);
    const usedCode = await generate({ secret });
    expect((await pending.post('/security/totp/verify', { code: usedCode })).status).toBe(200);
    expect((await pending.get('/admin/users')).status).toBe(200);
    // a renewed access token (Strapi rotates the session record) stays verified
    const renewed = await agent().post('/admin/access-token').set('Cookie', second.headers['set-cookie']).send({});
    expect(renewed.status).toBe(200);
    expect((await adminApi(strapi, renewed.body.data.token).get('/admin/users')).status).toBe(200);

    // a code is accepted once: the same code does not verify another login
    const replayed = adminApi(strapi, (await login(email, password)).body.data.token);
    const replay = await replayed.post('/security/totp/verify', { code: usedCode });
    expect(replay.status).toBe(400);
    expect(replay.body.error.message).toBe('动态口令不正确或已使用过，请核对认证器上的 6 位数字');
    expect((await replayed.get('/admin/users')).body.error.details.code).toBe('TOTP_REQUIRED');

    await forgetLastCode(user.id);
    expect((await pending.post('/security/totp/disable', { code: '000000' })).status).toBe(400);
    expect((await pending.post('/security/totp/disable', { code: await generate({ secret }) })).status).toBe(200);
    expect(await logRows('totp-disabled', { user_id: user.id })).toHaveLength(1);
    const third = await login(email, password);
    expect(third.body.data.security.totpPending).toBe(false);
    expect((await adminApi(strapi, third.body.data.token).get('/admin/users')).status).toBe(200);
  });

  it('failed codes count towards the lock-out', async () => {
    setAuth({ lockout: { maxFailures: 2, maxFailuresPerAddress: 1000 } });
    const { token, email, password } = await createAdminAndLogin(strapi);
    const setup = await adminApi(strapi, token).post('/security/totp/setup', {});
    await adminApi(strapi, token).post('/security/totp/enable', { code: await generate({ secret: setup.body.data.secret }) });
    const pending = adminApi(strapi, (await login(email, password)).body.data.token);
    expect((await pending.post('/security/totp/verify', { code: '000000' })).status).toBe(400);
    const locked = await pending.post('/security/totp/verify', { code: '000000' });
    expect(locked.status).toBe(429);
    expect(locked.body.error.message).toMatch(/^登录失败次数过多，账号已锁定/);
    expect((await pending.post('/security/totp/verify', { code: await generate({ secret: setup.body.data.secret }) })).status).toBe(429);
    expect((await login(email, password)).status).toBe(429);
  });

  it('can be made mandatory for super admins: without TOTP only the enrolment routes work', async () => {
    setAuth({ totp: { requiredForSuperAdmins: true } });
    const { token, user } = await createAdminAndLogin(strapi);
    const api = adminApi(strapi, token);
    const refused = await api.get('/admin/users');
    expect(refused.status).toBe(403);
    expect(refused.body.error.details.code).toBe('TOTP_SETUP_REQUIRED');
    expect((await api.get('/security/me')).body.data).toMatchObject({ totpRequired: true, totpEnabled: false });
    const setup = await api.post('/security/totp/setup', {});
    expect(setup.status).toBe(200);
    expect((await api.post('/security/totp/enable', { code: await generate({ secret: setup.body.data.secret }) })).status).toBe(200);
    expect((await api.get('/admin/users')).status).toBe(200);
    const disable = await api.post('/security/totp/disable', { code: await generate({ secret: setup.body.data.secret }) });
    expect(disable.status).toBe(400);
    expect(disable.body.error.message).toBe('按安全策略，超级管理员必须启用双因素认证，不能停用');
    expect(user.id).toBeGreaterThan(0);

    // not for other roles
    const editor = await createAdminAndLogin(strapi, { roles: ['strapi-editor'] });
    expect((await adminApi(strapi, editor.token).get('/security/me')).body.data).toMatchObject({ totpRequired: false });
  });
});
