/**
 * The reference portal (public/portal) is served by the application: /portal/ through strapi::public's
 * directory index, /portal redirected to /portal/ (the page loads its files by relative URL), and the
 * browser build of the typed client (scripts/build-portal.js) as ES modules whose imports all resolve; the
 * government site frame of config/portal.ts as /portal/site.json; the page's CSP as strict as before (no
 * inline script); the portal's filter vocabularies equal to what the API accepts.
 */
import { execFileSync } from 'child_process';
import path from 'path';
import request from 'supertest';
import type { Core } from '@strapi/strapi';
import fs from 'fs';
import { ROOT, setupStrapi, teardownStrapi } from '../helpers/strapi';
import { ENUMS } from '../../src/foundation/constants';
import { SUBJECT_CATEGORIES } from '../../src/domain/subject-categories';

let strapi: Core.Strapi;
const http = () => request(strapi.server.httpServer);

/** GET as text whatever the content type (superagent leaves JavaScript bodies unparsed). */
const getText = (url: string) =>
  http()
    .get(url)
    .buffer(true)
    .parse((res, done) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => done(null, text));
    });

beforeAll(async () => {
  execFileSync(process.execPath, [path.join(ROOT, 'scripts/build-portal.js')], { cwd: ROOT, stdio: 'pipe' });
  strapi = await setupStrapi();
}, 180000);
afterAll(teardownStrapi);

it('serves the portal at /portal/ and redirects /portal there', async () => {
  const page = await getText('/portal/');
  expect(page.status).toBe(200);
  expect(page.headers['content-type']).toMatch(/^text\/html/);
  expect(page.body).toContain('<main id="main"');
  expect(page.body).toContain('<script type="module" src="./app.js">');

  const bare = await http().get('/portal');
  expect([bare.status, bare.headers.location]).toEqual([302, '/portal/']);
});

it('serves the portal and the compiled client as ES modules whose relative imports all resolve', async () => {
  const seen = new Set<string>(['/portal/app.js']);
  const queue = ['/portal/app.js'];
  while (queue.length) {
    const url = queue.shift() as string;
    const res = await getText(url);
    expect([url, res.status]).toEqual([url, 200]);
    expect(res.headers['content-type']).toMatch(/javascript/);
    for (const [, spec] of (res.body as string).matchAll(/^\s*(?:import|export)\b[^'"]*?\bfrom\s*['"]([^'"]+)['"]/gm)) {
      expect(spec).toMatch(/^\.\.?\/.*\.js$/); // browsers need relative specifiers with the extension
      const next = new URL(spec, `http://portal.test${url}`).pathname;
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  expect([...seen]).toEqual(expect.arrayContaining(['/portal/vendor/gov-client/index.js', '/portal/vendor/gov-client/transport.js', '/portal/vendor/gov-client/types.js']));
  expect(seen.has('/portal/vendor/gov-client/node.js')).toBe(false);
});

it('serves the site frame of config/portal.ts at /portal/site.json, with the registries’ links', async () => {
  const saved = strapi.config.get('portal.site');
  try {
    // outside demo mode nothing but the name and the shipped emblem is set
    const plain = await http().get('/portal/site.json');
    expect(plain.status).toBe(200);
    expect(plain.headers['content-type']).toMatch(/^application\/json/);
    expect(plain.body.data).toMatchObject({ name: '政府信息公开', emblem: './emblem.svg', sponsor: null, siteCode: null, icp: null, psb: null });
    expect((await http().get('/portal/emblem.svg')).status).toBe(200);

    strapi.config.set('portal.site', {
      name: '青山县人民政府',
      emblem: './emblem.svg',
      sponsor: '青山县人民政府办公室',
      organizer: '青山县政务服务和数据管理局',
      siteCode: '6399000001',
      icp: '青ICP备00000001号',
      psb: '青公网安备63990002000001号',
      contact: { address: '青山县人民路 1 号', postcode: '810000', phone: '0971-6123456', email: 'zwgk@qingshan.example.gov.cn', hours: '工作日' },
    });
    const res = await http().get('/portal/site.json');
    expect(res.body.data).toEqual({
      name: '青山县人民政府',
      emblem: './emblem.svg',
      sponsor: '青山县人民政府办公室',
      organizer: '青山县政务服务和数据管理局',
      siteCode: '6399000001',
      icp: { number: '青ICP备00000001号', url: 'https://beian.miit.gov.cn/' },
      psb: { number: '青公网安备 63990002000001号', url: 'https://beian.mps.gov.cn/#/query/webSearch?code=63990002000001' },
      contact: { address: '青山县人民路 1 号', postcode: '810000', phone: '0971-6123456', email: 'zwgk@qingshan.example.gov.cn', hours: '工作日' },
    });
  } finally {
    strapi.config.set('portal.site', saved);
  }
});

it('keeps the page’s Content-Security-Policy strict: scripts from the site only, no inline script or eval', async () => {
  const page = await getText('/portal/');
  const csp = String(page.headers['content-security-policy'] ?? '');
  const directives = Object.fromEntries(csp.split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([name, ...values]) => [name, values]));
  const scripts = directives['script-src'] ?? directives['default-src'];
  expect(scripts).toEqual(["'self'"]);
  expect(directives['default-src']).toEqual(["'self'"]);
  expect(directives['object-src']).toEqual(["'none'"]);
  // the frame's emblem and every image of the portal come from the site itself (config/portal.ts checks the path)
  expect(directives['img-src']).not.toContain('https:');
  // and the shell has no inline script a looser policy would be needed for
  expect(page.body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  expect(page.body).not.toMatch(/\son[a-z]+=/i);
});

it('offers in its filters the 体裁 and 主题分类 the API accepts (public/portal/vocab.js)', () => {
  const source = fs.readFileSync(path.join(ROOT, 'public/portal/vocab.js'), 'utf8');
  const list = (name: string) => {
    const body = new RegExp(`export const ${name} = \\[([^\\]]*)\\]`).exec(source)?.[1] ?? '';
    return [...body.matchAll(/'([^']*)'/g)].map((m) => m[1]);
  };
  expect(list('GENRES')).toEqual(ENUMS.genre);
  expect(list('CATEGORIES')).toEqual(SUBJECT_CATEGORIES.map((c) => c.name));
});
