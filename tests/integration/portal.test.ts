/**
 * The reference portal (public/portal) is served by the application: /portal/ through strapi::public's
 * directory index, /portal redirected to /portal/ (the page loads its files by relative URL), and the
 * browser build of the typed client (scripts/build-portal.js) as ES modules whose imports all resolve.
 */
import { execFileSync } from 'child_process';
import path from 'path';
import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { ROOT, setupStrapi, teardownStrapi } from '../helpers/strapi';

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
