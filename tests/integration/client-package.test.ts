/**
 * The typed client as a package (issue 17): `npm pack` in client/ builds it (prepack: ES modules, CommonJS and
 * declarations) and packs it; the tarball is installed offline into a scratch project under the system's temp
 * directory, which then calls a booted Strapi through `require` (CommonJS) and `import` (ES modules), with the
 * node and fetch transports, and type-checks a consumer of each kind against the installed declarations.
 * Child processes run asynchronously: the server answering them lives in this process.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { execFile } from 'child_process';
import { promisify } from 'util';
import ts from 'typescript';
import type { Core } from '@strapi/strapi';
import { setupStrapi, teardownStrapi } from '../helpers/strapi';
import { makeItem, makeOrg, orgCode } from '../helpers/fixtures';
import { publishDoc } from '../helpers/publish';
import { UIDS, relax } from '../../plugins/gov-api/server/src/__tests__/support';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../..');
const CLIENT = path.join(ROOT, 'client');

let strapi: Core.Strapi;
let baseUrl = '';
let scratch = '';
let item: any;
let org: any;

/** npm without the variables of an enclosing `npm test` (they would point npm at this project). */
function npmEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^npm_/i.test(k)) env[k] = v;
  return { ...env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' };
}

beforeAll(async () => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'gov-client-pack-'));
  strapi = await setupStrapi();
  relax(strapi);
  await new Promise<void>((resolve) => strapi.server.httpServer.listen(0, '127.0.0.1', () => resolve()));
  baseUrl = `http://127.0.0.1:${(strapi.server.httpServer.address() as any).port}/api/gov/v1`;
  org = await makeOrg(strapi, { name: '打包测试县人民政府', code: orgCode() });
  item = await makeItem(strapi, org.documentId, { title: '关于客户端打包测试的通知', body: '## 一、要求\n\n请**遵照执行**。<script>alert(1)</script>' });
  await publishDoc(strapi, UIDS.item, item.documentId);
}, 180000);

afterAll(async () => {
  await new Promise<void>((resolve) => strapi.server.httpServer.close(() => resolve()));
  await teardownStrapi();
  if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
});

let tarball = '';

it('npm pack in client/ builds and packs ES modules, CommonJS, declarations, the sources and the README', async () => {
  const out = path.join(scratch, 'pack');
  fs.mkdirSync(out);
  await run('npm', ['pack', '--pack-destination', out], { cwd: CLIENT, env: npmEnv(), timeout: 120000 });
  const files = fs.readdirSync(out).filter((f) => f.endsWith('.tgz'));
  expect(files).toEqual(['gov-disclosure-client-0.1.0.tgz']);
  tarball = path.join(out, files[0]);
  const { stdout } = await run('tar', ['-tzf', tarball]);
  const listed = stdout.split('\n').filter(Boolean).map((f) => f.replace(/^package\//, '')).sort();
  for (const f of ['package.json', 'README.md', 'dist/esm/index.js', 'dist/esm/index.d.ts', 'dist/esm/node.js', 'dist/esm/package.json', 'dist/cjs/index.js', 'dist/cjs/index.d.ts', 'dist/cjs/node.js', 'dist/cjs/package.json', 'src/index.ts']) {
    expect(listed).toContain(f);
  }
  expect(listed.filter((f) => /test|\.tgz$/.test(f))).toEqual([]);
  const manifest = JSON.parse(fs.readFileSync(path.join(CLIENT, 'package.json'), 'utf8'));
  expect(manifest.exports['.']).toEqual({
    import: { types: './dist/esm/index.d.ts', default: './dist/esm/index.js' },
    require: { types: './dist/cjs/index.d.ts', default: './dist/cjs/index.js' },
  });
  expect(manifest.dependencies ?? {}).toEqual({});
});

it('installs offline into a scratch project and calls the server through require and import', async () => {
  expect(tarball).not.toBe('');
  const app = path.join(scratch, 'app');
  fs.mkdirSync(app);
  fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'scratch-app', version: '1.0.0', private: true }));
  await run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--no-package-lock', tarball], { cwd: app, env: npmEnv(), timeout: 120000 });
  const installed = path.join(app, 'node_modules/@gov-disclosure/client');
  expect(fs.existsSync(path.join(installed, 'dist/esm/index.js'))).toBe(true);
  expect(fs.existsSync(path.join(installed, 'node_modules'))).toBe(false); // no dependencies

  fs.writeFileSync(path.join(app, 'use-require.cjs'), `
const { GovApiClient, GovApiError } = require('@gov-disclosure/client');
const { nodeTransport } = require('@gov-disclosure/client/node');
(async () => {
  const api = new GovApiClient({ baseUrl: process.argv[2], transport: nodeTransport({ timeoutMs: 20000 }) });
  const { data } = await api.item(process.argv[3], { format: 'wx' });
  let missing = null;
  try { await api.item('no-such-item'); } catch (err) { missing = { isApiError: err instanceof GovApiError, status: err.status, message: err.message }; }
  console.log(JSON.stringify({ kind: typeof require('@gov-disclosure/client').GovApiClient, title: data.title, bodyHtml: data.bodyHtml, firstNode: data.bodyNodes[0], missing }));
})().catch((err) => { console.error(err); process.exit(1); });
`);
  fs.writeFileSync(path.join(app, 'use-import.mjs'), `
import { GovApiClient, fetchTransport } from '@gov-disclosure/client';
import { nodeTransport } from '@gov-disclosure/client/node';
const viaFetch = new GovApiClient({ baseUrl: process.argv[2], transport: fetchTransport() });
const viaNode = new GovApiClient({ baseUrl: process.argv[2], transport: nodeTransport() });
const list = await viaFetch.items({ org: process.argv[4], limit: 5 });
const feed = await viaNode.feed(process.argv[5], 'json').catch(() => null);
const detail = await viaNode.item(process.argv[3]);
console.log(JSON.stringify({ module: import.meta.url.endsWith('.mjs'), ids: list.data.map((d) => d.id), bodyHtml: detail.data.bodyHtml, feed }));
`);
  const cjs = await run(process.execPath, ['use-require.cjs', baseUrl, item.documentId], { cwd: app, timeout: 60000 });
  const viaRequire = JSON.parse(cjs.stdout);
  expect(viaRequire).toEqual({
    kind: 'function',
    title: '关于客户端打包测试的通知',
    bodyHtml: '<h2>一、要求</h2>\n<p>请<strong>遵照执行</strong>。</p>',
    firstNode: { name: 'h2', children: [{ type: 'text', text: '一、要求' }] },
    missing: { isApiError: true, status: 404, message: '未找到政府信息“no-such-item”（或未公开）' },
  });

  const esm = await run(process.execPath, ['use-import.mjs', baseUrl, item.documentId, org.documentId, 'no-such-node'], { cwd: app, timeout: 60000 });
  const viaImport = JSON.parse(esm.stdout);
  expect(viaImport).toEqual({ module: true, ids: [item.documentId], bodyHtml: '<h2>一、要求</h2>\n<p>请<strong>遵照执行</strong>。</p>', feed: null });
});

it('the installed declarations type-check a CommonJS and an ES module consumer (exports map: types per condition)', () => {
  const app = path.join(scratch, 'app');
  expect(fs.existsSync(path.join(app, 'node_modules/@gov-disclosure/client'))).toBe(true);
  const consumer = (load: string) => `${load}
export async function title(id: string): Promise<string> {
  const api = new GovApiClient({ baseUrl: 'http://127.0.0.1/api/gov/v1', transport: nodeTransport() });
  const res: DetailResponse<ItemDetail> = await api.item(id, { format: 'wx' });
  const html: string | null = res.data.bodyHtml;
  const law: LawDetail = (await api.law(id)).data;
  return res.data.title + (html ?? '') + law.title;
}
// @ts-expect-error an unknown method is a type error
export const wrong = () => new GovApiClient({ baseUrl: '', transport: nodeTransport() }).nope();
`;
  // the same source: .mts resolves the `import` condition, .cts the `require` one (TypeScript compiles its imports to require)
  const load = `import { GovApiClient, type DetailResponse, type ItemDetail, type LawDetail } from '@gov-disclosure/client';\nimport { nodeTransport } from '@gov-disclosure/client/node';`;
  fs.writeFileSync(path.join(app, 'consumer.mts'), consumer(load));
  fs.writeFileSync(path.join(app, 'consumer.cts'), consumer(load));
  const program = ts.createProgram([path.join(app, 'consumer.mts'), path.join(app, 'consumer.cts')], {
    module: ts.ModuleKind.Node16, moduleResolution: ts.ModuleResolutionKind.Node16, target: ts.ScriptTarget.ES2022, strict: true, noEmit: true, skipLibCheck: true,
    types: ['node'], typeRoots: [path.join(ROOT, 'node_modules/@types')],
  });
  const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => `${d.file ? path.basename(d.file.fileName) : ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
  expect(diagnostics).toEqual([]);
  // each consumer resolved the declarations of its own build
  const resolved = program.getSourceFiles().map((f) => f.fileName).filter((f) => f.includes('@gov-disclosure/client'));
  expect(resolved.some((f) => f.endsWith('dist/esm/index.d.ts'))).toBe(true);
  expect(resolved.some((f) => f.endsWith('dist/cjs/index.d.ts'))).toBe(true);
});
