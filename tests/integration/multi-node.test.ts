import { spawn } from 'child_process';
import path from 'path';
import type { Core } from '@strapi/strapi';
import { setupStrapi, teardownStrapi } from '../helpers/strapi';
import { makeItem, makeOrg } from '../helpers/fixtures';

/**
 * Several Strapi nodes on one database: a second Strapi process creates items for the same
 * organisation at the same time as this one. Every 索引号 must be distinct and the serials gap-free.
 */
let strapi: Core.Strapi;
beforeAll(async () => {
  strapi = await setupStrapi();
});
afterAll(teardownStrapi);

function runChild(orgDocumentId: string, count: number): { ready: Promise<void>; go: () => void; done: Promise<{ indexNos: string[]; startedAt: number; endedAt: number }> } {
  const child = spawn(process.execPath, [path.join(__dirname, '../helpers/create-items-child.js'), orgDocumentId, String(count)], {
    env: process.env,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  let onReady: () => void = () => undefined;
  const ready = new Promise<void>((r) => (onReady = r));
  const done = new Promise<{ indexNos: string[]; startedAt: number; endedAt: number }>((resolve, reject) => {
    child.stdout.on('data', (d) => {
      out += d;
      if (out.includes('READY\n')) onReady();
    });
    child.stderr.on('data', (d) => (err += d));
    child.on('exit', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('RESULT '));
      if (code !== 0 || !line) reject(new Error(`child exited ${code}: ${err.slice(-2000)}`));
      else resolve(JSON.parse(line.slice(7)));
    });
  });
  return { ready, go: () => child.stdin.write('GO\n'), done };
}

it('two Strapi processes creating items concurrently never share a 索引号 and leave no gaps', async () => {
  const org: any = await makeOrg(strapi, { code: '000099001' });
  const child = runChild(org.documentId, 40);
  await child.ready;
  child.go();
  const myStart = Date.now();
  const mine: string[] = [];
  for (let round = 0; round < 8; round++) {
    const batch = await Promise.all(Array.from({ length: 5 }, (_, i) => makeItem(strapi, org.documentId, { title: `主节点并发创建${round}-${i}`, publishDate: '2025-06-01', writtenDate: '2025-06-01' })));
    mine.push(...batch.map((b: any) => b.indexNo));
  }
  const myEnd = Date.now();
  const { indexNos: theirs, startedAt, endedAt } = await child.done;
  // the two nodes really wrote at the same time
  expect(startedAt < myEnd && myStart < endedAt).toBe(true);
  const all = [...mine, ...theirs];
  expect(all).toHaveLength(80);
  expect(new Set(all).size).toBe(80);
  const serials = all.map((n) => Number(n.split('-').pop())).sort((a, b) => a - b);
  expect(serials).toEqual(Array.from({ length: 80 }, (_, i) => i + 1));
  // and the database agrees: one draft row per 索引号
  const rows = await strapi.db.query('api::disclosure-item.disclosure-item').count({ where: { indexNo: { $startsWith: '000099001/' }, publishedAt: null } });
  expect(rows).toBe(80);
}, 120000);
