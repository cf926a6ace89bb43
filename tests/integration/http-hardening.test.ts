/**
 * Security review, issue 11:
 *  1. CORS — admin routes accept credentialed cross-origin requests only from ADMIN_ORIGINS and the
 *     server's own origin; the public API under /api/ answers `Access-Control-Allow-Origin: *` without
 *     credentials, on the Koa path and on the gov-api pre-Koa fast path alike.
 *  2. users-permissions — public registration off on first boot (403, Chinese), e-mail confirmation on;
 *     forgot-password never a 500 (400 in Chinese without a mail provider, `{ ok: true }` when sending fails).
 */
import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { setupStrapi, teardownStrapi } from '../helpers/strapi';
import { createAdminAndLogin } from '../helpers/admin';
import { normalizeOrigin } from '../../src/foundation/cors';
import {
  DEFAULTS_FLAG, NO_MAIL_SERVICE, NO_MAIL_SERVICE_CONFIRM, REGISTER_DISABLED, applyDefaultsOnce,
} from '../../src/extensions/users-permissions/strapi-server';

const EVIL = 'https://evil.example.gov.cn';
const ADMIN = 'https://admin.example.gov.cn';
const EDITOR = 'https://editor.example.gov.cn:8443';
const OWN = 'http://localhost:1337';

let strapi: Core.Strapi;
let savedOrigins: string | undefined;
let savedPort: string | undefined;

beforeAll(async () => {
  savedOrigins = process.env.ADMIN_ORIGINS;
  savedPort = process.env.PORT;
  // spaces and a trailing slash on purpose: origins are normalised
  process.env.ADMIN_ORIGINS = ` ${ADMIN}/ ,${EDITOR}`;
  process.env.PORT = '1337';
  strapi = await setupStrapi();
}, 240000);
afterAll(async () => {
  if (savedOrigins === undefined) delete process.env.ADMIN_ORIGINS;
  else process.env.ADMIN_ORIGINS = savedOrigins;
  if (savedPort === undefined) delete process.env.PORT;
  else process.env.PORT = savedPort;
  await teardownStrapi();
});

const http = () => request(strapi.server.httpServer);
const cors = (res: request.Response) => ({
  origin: res.headers['access-control-allow-origin'],
  credentials: res.headers['access-control-allow-credentials'],
});
const preflight = (path: string, origin: string, method = 'POST') =>
  http().options(path).set('Origin', origin).set('Access-Control-Request-Method', method).set('Access-Control-Request-Headers', 'content-type,authorization');
/** The refresh cookie Strapi's admin login sets (`strapi_admin_refresh=…`), as a Cookie header. */
const refreshCookie = (res: request.Response): string => {
  const cookies = ([] as string[]).concat((res.headers['set-cookie'] as unknown as string[]) ?? []);
  const c = cookies.find((x) => x.startsWith('strapi_admin_refresh='));
  if (!c) throw new Error(`no refresh cookie in ${JSON.stringify(cookies)}`);
  return c.split(';')[0];
};

describe('CORS on admin routes', () => {
  let email: string;
  let password: string;
  beforeAll(async () => {
    ({ email, password } = await createAdminAndLogin(strapi));
  });

  const adminPaths = [
    '/admin/access-token', '/admin/login', '/admin/users/me', '/content-manager/collection-types/api::disclosure-item.disclosure-item',
    '/upload/files', '/review-workflow/items', '/statistics/overview', '/sync/status', '/site-groups/scopes', '/disclosure-requests',
  ];

  it.each(adminPaths)('preflight of %s from a foreign origin: 403, no Access-Control-Allow-* header', async (path) => {
    const res = await preflight(path, EVIL);
    expect(res.status).toBe(403);
    expect(cors(res)).toEqual({ origin: undefined, credentials: undefined });
    expect(res.headers['access-control-allow-methods']).toBeUndefined();
    expect(res.body).toMatchObject({ data: null, error: { status: 403, name: 'ForbiddenError', message: expect.stringContaining('ADMIN_ORIGINS') } });
    expect(res.headers.vary).toMatch(/Origin/);
  });

  it.each([ADMIN, EDITOR, OWN])('preflight from the allowed origin %s: echoed with credentials', async (origin) => {
    const res = await preflight('/admin/access-token', origin);
    expect(res.status).toBe(204);
    expect(cors(res)).toEqual({ origin, credentials: 'true' });
    expect(res.headers['access-control-allow-methods']).toMatch(/POST/);
    expect(res.headers['access-control-allow-headers']).toMatch(/Authorization/i);
    expect(res.headers.vary).toMatch(/Origin/);
  });

  it('a look-alike of an allowed origin is not allowed (exact match only)', async () => {
    for (const origin of [`${ADMIN}.evil.cn`, 'http://admin.example.gov.cn', 'https://editor.example.gov.cn', 'null', 'http://127.0.0.1:1338']) {
      const res = await preflight('/admin/login', origin);
      expect([origin, res.status, cors(res).origin, cors(res).credentials]).toEqual([origin, 403, undefined, undefined]);
    }
  });

  it('POST /admin/login and /admin/access-token from a foreign origin: processed, but nothing echoed (the page cannot read the token)', async () => {
    const login = await http().post('/admin/login').set('Origin', EVIL).send({ email, password });
    expect(login.status).toBe(200);
    expect(cors(login)).toEqual({ origin: undefined, credentials: undefined });
    const token = await http().post('/admin/access-token').set('Origin', EVIL).set('Cookie', refreshCookie(login)).send({});
    expect(token.status).toBe(200);
    expect(token.body.data.token).toEqual(expect.any(String));
    expect(cors(token)).toEqual({ origin: undefined, credentials: undefined });
    // a request without a refresh cookie: the 401 carries no CORS header either
    const noCookie = await http().post('/admin/access-token').set('Origin', EVIL).send({});
    expect(noCookie.status).toBe(401);
    expect(cors(noCookie)).toEqual({ origin: undefined, credentials: undefined });
  });

  it('POST /admin/login and /admin/access-token from an allowed origin: echoed with Allow-Credentials', async () => {
    const login = await http().post('/admin/login').set('Origin', ADMIN).send({ email, password });
    expect(login.status).toBe(200);
    expect(cors(login)).toEqual({ origin: ADMIN, credentials: 'true' });
    const token = await http().post('/admin/access-token').set('Origin', ADMIN).set('Cookie', refreshCookie(login)).send({});
    expect(token.status).toBe(200);
    expect(token.body.data.token).toEqual(expect.any(String));
    expect(cors(token)).toEqual({ origin: ADMIN, credentials: 'true' });
    // an error answer to an allowed origin stays readable (the admin panel shows it)
    const denied = await http().post('/admin/access-token').set('Origin', EDITOR).send({});
    expect(denied.status).toBe(401);
    expect(cors(denied)).toEqual({ origin: EDITOR, credentials: 'true' });
  });

  it('same-origin requests pass: no Origin header (no CORS headers), or the server\'s own origin (echoed)', async () => {
    const plain = await http().post('/admin/login').send({ email, password });
    expect(plain.status).toBe(200);
    expect(cors(plain)).toEqual({ origin: undefined, credentials: undefined });
    const own = await http().get('/admin/users/me').set('Origin', OWN).set('Authorization', `Bearer ${plain.body.data.token}`);
    expect(own.status).toBe(200);
    expect(cors(own)).toEqual({ origin: OWN, credentials: 'true' });
  });

  it('ADMIN_ORIGINS entries are exact origins, normalised; anything else is refused at boot', () => {
    expect(normalizeOrigin(' https://Admin.Example.gov.cn:443/ ')).toBe('https://admin.example.gov.cn');
    expect(normalizeOrigin('http://10.0.0.5:8080')).toBe('http://10.0.0.5:8080');
    expect(() => normalizeOrigin('admin.example.gov.cn')).toThrow(/不是有效的网址/);
    expect(() => normalizeOrigin('https://admin.example.gov.cn/admin')).toThrow(/不带路径/);
    expect(() => normalizeOrigin('ftp://admin.example.gov.cn')).toThrow(/只能包含协议/);
  });
});

describe('CORS on the public API: *, never credentials', () => {
  it.each([EVIL, ADMIN, 'https://portal.example.com'])('GET /api/gov/v1/items with Origin %s, on a miss and on a (pre-Koa) hit', async (origin) => {
    (strapi.plugin('gov-api') as any).service('cache').flush('test');
    const states: string[] = [];
    for (let i = 0; i < 2; i++) {
      const res = await http().get('/api/gov/v1/items?limit=1').set('Origin', origin);
      expect(res.status).toBe(200);
      states.push(res.headers['x-gov-cache']);
      expect(cors(res)).toEqual({ origin: '*', credentials: undefined });
    }
    expect(states).toEqual(['miss', 'hit']);
  });

  it('preflight of the gov-api (answered by the plugin) and of other /api routes: *, no credentials', async () => {
    const gov = await preflight('/api/gov/v1/items', EVIL, 'GET');
    expect(gov.status).toBe(204);
    expect(cors(gov)).toEqual({ origin: '*', credentials: undefined });
    const auth = await preflight('/api/auth/local', EVIL);
    expect(auth.status).toBe(204);
    expect(cors(auth)).toEqual({ origin: '*', credentials: undefined });
    expect(auth.headers['access-control-allow-methods']).toMatch(/POST/);
  });

  it('other /api routes and errors: *, no credentials', async () => {
    const login = await http().post('/api/auth/local').set('Origin', EVIL).send({ identifier: 'nobody@test.gov.cn', password: 'x12345678' });
    expect(login.status).toBe(400);
    expect(cors(login)).toEqual({ origin: '*', credentials: undefined });
    const missing = await http().get('/api/no-such-route').set('Origin', ADMIN);
    expect(missing.status).toBe(404);
    expect(cors(missing)).toEqual({ origin: '*', credentials: undefined });
  });
});

describe('users-permissions: registration', () => {
  const register = (n: string) => http().post('/api/auth/local/register').send({ username: `user${n}`, email: `user${n}@test.gov.cn`, password: 'Passw0rd123' });
  const advanced = async () => (await strapi.store({ type: 'plugin', name: 'users-permissions' }).get({ key: 'advanced' })) as any;
  const users = () => strapi.db.query('plugin::users-permissions.user').count({ where: { email: { $startsWith: 'user' } } });

  it('first boot: registration off, e-mail confirmation on, recorded once', async () => {
    expect(await advanced()).toMatchObject({ allow_register: false, email_confirmation: true, unique_email: true, default_role: 'authenticated' });
    expect(await strapi.store.get(DEFAULTS_FLAG)).toMatchObject({ allowRegister: false, emailConfirmation: true });
  });

  it('a register attempt answers 403 in Chinese (Strapi error shape), and creates nothing', async () => {
    const res = await register('a');
    expect(res.status).toBe(403);
    expect(res.body).toEqual({ data: null, error: { status: 403, name: 'ForbiddenError', message: REGISTER_DISABLED, details: {} } });
    expect(await users()).toBe(0);
  });

  it('an administrator who turns registration on keeps it at the next boot; new accounts are unconfirmed', async () => {
    const { token } = await createAdminAndLogin(strapi);
    const current = await advanced();
    const put = await http().put('/users-permissions/advanced').set('Authorization', `Bearer ${token}`).send({ ...current, allow_register: true });
    expect(put.status).toBe(200);
    expect(await applyDefaultsOnce(strapi)).toBe(false); // what the next boot runs
    expect((await advanced()).allow_register).toBe(true);

    // no mail provider: a registration needing a confirmation mail is refused before creating anything
    const noMail = await register('b');
    expect(noMail.status).toBe(400);
    expect(noMail.body.error).toMatchObject({ status: 400, name: 'ApplicationError', message: NO_MAIL_SERVICE_CONFIRM });
    expect(await users()).toBe(0);

    const sent: any[] = [];
    await withMailProvider(async (mail) => {
      sent.push(mail);
    }, async () => {
      const ok = await register('c');
      expect(ok.status).toBe(200);
      expect(ok.body.jwt).toBeUndefined();
      expect(ok.body.user).toMatchObject({ email: 'userc@test.gov.cn', confirmed: false });
    });
    expect(sent.map((m) => m.to)).toEqual(['userc@test.gov.cn']);
    expect(await users()).toBe(1);
  });
});

/** Pretends an e-mail provider is configured (config `plugin::email.provider`) whose send is `send`. */
async function withMailProvider(send: (mail: any) => Promise<void>, run: () => Promise<void>) {
  const email: any = strapi.plugin('email');
  const savedProvider = email.provider;
  const savedName = strapi.config.get('plugin::email.provider');
  email.provider = { send };
  strapi.config.set('plugin::email.provider', 'nodemailer');
  try {
    await run();
  } finally {
    email.provider = savedProvider;
    strapi.config.set('plugin::email.provider', savedName);
  }
}

describe('users-permissions: forgot-password never answers 500', () => {
  let n = 0;
  const forgot = (email: string) => http().post('/api/auth/forgot-password').set('Origin', EVIL).send({ email });
  const makeUser = async () => {
    n++;
    const role = await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'authenticated' } });
    return strapi.plugin('users-permissions').service('user').add({
      username: `reader${n}`, email: `reader${n}@test.gov.cn`, password: 'Passw0rd123', provider: 'local', confirmed: true, role: role.id,
    });
  };

  it('without a mail provider (sendmail, the default): 400 with a Chinese message, for an existing account and an unknown one alike', async () => {
    expect(strapi.config.get('plugin::email.provider')).toBe('sendmail');
    const user = await makeUser();
    for (const email of [user.email, 'nobody@test.gov.cn']) {
      const res = await forgot(email);
      expect([email, res.status]).toEqual([email, 400]);
      expect(res.body).toEqual({ data: null, error: { status: 400, name: 'ApplicationError', message: NO_MAIL_SERVICE, details: {} } });
      expect(cors(res)).toEqual({ origin: '*', credentials: undefined });
    }
    const row = await strapi.db.query('plugin::users-permissions.user').findOne({ where: { id: user.id } });
    expect(row.resetPasswordToken).toBeNull();
  });

  it('the provider failing: logged, answered { ok: true } like an unknown account', async () => {
    const user = await makeUser();
    const errors: string[] = [];
    const savedError = strapi.log.error;
    (strapi.log as any).error = (msg: unknown) => errors.push(String(msg));
    try {
      await withMailProvider(async () => {
        throw new Error('SMTP 连接超时');
      }, async () => {
        const known = await forgot(user.email);
        expect([known.status, known.body]).toEqual([200, { ok: true }]);
        const unknown = await forgot('nobody2@test.gov.cn');
        expect([unknown.status, unknown.body]).toEqual([200, { ok: true }]);
      });
    } finally {
      (strapi.log as any).error = savedError;
    }
    expect(errors).toEqual([expect.stringMatching(/forgotPassword.*SMTP 连接超时/)]);
  });

  it('a working provider: the reset mail goes to the account, { ok: true }; bad input stays a 400', async () => {
    const user = await makeUser();
    const sent: any[] = [];
    await withMailProvider(async (mail) => {
      sent.push(mail);
    }, async () => {
      const res = await forgot(user.email);
      expect([res.status, res.body]).toEqual([200, { ok: true }]);
      const bad = await forgot('not-an-email');
      expect(bad.status).toBe(400);
    });
    expect(sent.map((m) => m.to)).toEqual([user.email]);
    const row = await strapi.db.query('plugin::users-permissions.user').findOne({ where: { id: user.id } });
    expect(row.resetPasswordToken).toEqual(expect.any(String));
  });

  it('send-email-confirmation without a mail provider: 400 in Chinese, not 500', async () => {
    const res = await http().post('/api/auth/send-email-confirmation').send({ email: 'reader1@test.gov.cn' });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ status: 400, name: 'ApplicationError', message: NO_MAIL_SERVICE_CONFIRM });
  });
});
