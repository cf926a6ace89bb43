/**
 * The search dictionary (issue 17): GET/PUT /gov-api/dictionary need plugin::gov-api.dictionary.manage, the PUT
 * the scope of all organisations (a member of one organisation is refused); bad words are a 400 naming the
 * word; a new word is matched whole once the documents containing it have been re-segmented in the background,
 * and 机关代字 of 发文字号 and organisations' short names are words without anyone adding them.
 */
import type { Core } from '@strapi/strapi';
import { setupStrapi, teardownStrapi } from '../helpers/strapi';
import { adminApi, createAdminAndLogin, ensureRole } from '../helpers/admin';
import { makeOrg, orgCode } from '../helpers/fixtures';
import { UIDS, docs, get, publish, relax } from '../../plugins/gov-api/server/src/__tests__/support';

let strapi: Core.Strapi;
const search = () => (strapi.plugin('gov-api') as any).service('search');
const titles = async (q: string) => (await get(strapi, `/search?q=${encodeURIComponent(q)}&limit=100`)).body.data.map((h: any) => h.title).sort();

async function item(org: any, data: Record<string, unknown>) {
  const created = await docs(strapi, UIDS.item).create({ data: { genre: '通知', organization: org.documentId, publishDate: '2025-03-01', issuingAuthority: org.name, ...data } });
  await publish(strapi, UIDS.item, created.documentId);
  return created;
}

beforeAll(async () => {
  strapi = await setupStrapi();
  relax(strapi);
});
afterAll(async () => {
  await teardownStrapi();
});

describe('/gov-api/dictionary', () => {
  it('needs plugin::gov-api.dictionary.manage; writing needs every organisation; bad words are a 400 naming the word', async () => {
    const org: any = await makeOrg(strapi, { code: orgCode(), name: '词典测试县人民政府', shortName: '词典县政府' });
    const superAdmin = adminApi(strapi, (await createAdminAndLogin(strapi)).token);
    const plain = adminApi(strapi, (await createAdminAndLogin(strapi, { roles: ['strapi-editor'], membership: { orgs: [org.documentId] } })).token);
    const role = await ensureRole(strapi, 'dictionary-editor', ['plugin::gov-api.dictionary.manage']);
    const member = adminApi(strapi, (await createAdminAndLogin(strapi, { roles: [role], membership: { orgs: [org.documentId] } })).token);

    const read = await superAdmin.get('/gov-api/dictionary');
    expect(read.status).toBe(200);
    expect(read.body.data.config).toEqual(expect.arrayContaining(['低保', '医保', '社保', '发改', '政务公开', '一网通办', '放管服']));
    expect(read.body.data.shortNames).toContain('词典县政府');
    expect(read.body.meta).toEqual({ canManage: true });

    // without the permission: 403 on both
    expect((await plain.get('/gov-api/dictionary')).status).toBe(403);
    expect((await plain.put('/gov-api/dictionary', { words: ['乡振办'] })).status).toBe(403);
    // with it but one organisation only: reads, cannot write (the dictionary shapes every organisation's search)
    const memberRead = await member.get('/gov-api/dictionary');
    expect(memberRead.status).toBe(200);
    expect(memberRead.body.meta).toEqual({ canManage: false });
    const refused = await member.put('/gov-api/dictionary', { words: ['乡振办'] });
    expect(refused.status).toBe(403);
    expect((await superAdmin.get('/gov-api/dictionary')).body.data.admin).toEqual([]);

    const bad = await superAdmin.put('/gov-api/dictionary', { words: ['河长制', '乡 振', 'x'] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.errors.map((e: any) => e.path)).toEqual([['words', '1'], ['words', '2']]);
    expect(bad.body.error.message).toMatch(/第 2 个词“乡 振”无效/);
    expect((await superAdmin.put('/gov-api/dictionary', { words: '河长制' })).status).toBe(400);
  });

  it('a new word is searched whole after the background re-segmentation; 机关代字 and short names need no one', async () => {
    const org: any = await makeOrg(strapi, { code: orgCode(), name: '青河县人民政府', shortName: '青河县府' });
    const superAdmin = adminApi(strapi, (await createAdminAndLogin(strapi)).token);
    await item(org, { title: '关于乡振办工作职责的通知', body: '乡振办负责统筹全县乡村振兴工作。' });
    await item(org, { title: '关于设立乡村振兴办公室的通知', body: '设立县乡村振兴办公室。' });
    await item(org, { title: '关于做好低温天气保障工作的通知', body: '做好低温雨雪天气下的供水保障。' });
    await item(org, { title: '关于调整城乡低保标准的通知', documentNumber: '青河政发〔2025〕7号', body: '城乡低保标准提高至每人每月800元。' });
    await item(org, { title: '关于落实低保标准调整的通知', documentNumber: '青河民函〔2025〕2号', body: '根据青河政发〔2025〕7号文件，落实城乡低保标准。' });
    await search().settled();

    const terms = async (q: string) => (await get(strapi, `/search?q=${encodeURIComponent(q)}`)).body.meta.query.terms;
    // before: the segmenter splits 乡振办 into single characters
    expect(await terms('乡振办')).toEqual(['乡', '振', '办']);
    expect(await titles('乡振办')).toEqual(['关于乡振办工作职责的通知']);
    // 低保 is a configured word: 低温…保障 does not match it
    expect(await titles('低保')).toEqual(['关于落实低保标准调整的通知', '关于调整城乡低保标准的通知'].sort());

    const put = await superAdmin.put('/gov-api/dictionary', { words: ['乡振办', '乡振办'] });
    expect(put.status).toBe(200);
    expect(put.body.data.admin).toEqual(['乡振办']);
    await search().settled();
    expect((await superAdmin.get('/gov-api/dictionary')).body.data.pending).toBe(0);
    // one term now, found only because the document containing it was re-segmented with the new word
    expect(await terms('乡振办')).toEqual(['乡振办']);
    expect(await titles('乡振办')).toEqual(['关于乡振办工作职责的通知']);

    // the 机关代字 of a 发文字号 is a word (in the 发文字号 and in the text that cites it); an organisation's short name too
    expect((await superAdmin.get('/gov-api/dictionary')).body.data.codes).toEqual(expect.arrayContaining(['青河政发', '青河民函']));
    expect(await titles('青河政发')).toEqual(['关于落实低保标准调整的通知', '关于调整城乡低保标准的通知'].sort());
    // the 发文字号 itself, or its beginning, looks the documents up
    expect(await titles('青河政发〔2025〕7号')).toEqual(['关于调整城乡低保标准的通知']);
    expect(await titles('青河民函[2025]')).toEqual(['关于落实低保标准调整的通知']);

    // removing the word: 乡振办 is split again and still found (its pieces were indexed all along)
    expect((await superAdmin.put('/gov-api/dictionary', { words: [] })).status).toBe(200);
    await search().settled();
    expect(await terms('乡振办')).toEqual(['乡', '振', '办']);
    expect(await titles('乡振办')).toEqual(['关于乡振办工作职责的通知']);
  });
});
