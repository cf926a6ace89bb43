import type { Core } from '@strapi/strapi';
import { setupStrapi, teardownStrapi } from '../helpers/strapi';
import { adminApi, createAdminAndLogin } from '../helpers/admin';
import { makeItem, makeNode, makeOrg } from '../helpers/fixtures';
import { ENUMS } from '../../src/foundation/constants';
import { FIELD_UID, GENERATED_PLACEHOLDER, listValues } from '../../plugins/gov-fields/server/src/fields';

/**
 * Issue 16, custom fields (plugins/gov-fields): every closed list, 主题词 and generated number of the content
 * model is its custom field with the right options, the stored values and columns are what they were (the
 * Document Service and the Content Manager API give them back unchanged, a save through the Content Manager
 * changes nothing), and the server still refuses a value outside a list (400 naming the field).
 */
const ITEM = 'api::disclosure-item.disclosure-item';
const LAW = 'api::law.law';
const ORG = 'api::organization.organization';
const NODE = 'api::catalogue-node.catalogue-node';
const REQ = 'api::disclosure-request.disclosure-request';
const CM = '/content-manager/collection-types';

type Expected = ['select', keyof typeof ENUMS] | ['tags'] | ['generated'] | ['day'];
const EXPECTED: Record<string, Record<string, Expected>> = {
  [ORG]: { level: ['select', 'orgLevel'] },
  [NODE]: { kind: ['select', 'nodeKind'], cadence: ['select', 'cadence'] },
  [ITEM]: {
    indexNo: ['generated'],
    writtenDate: ['day'],
    publishDate: ['day'],
    expiryDate: ['day'],
    genre: ['select', 'genre'],
    disclosureMode: ['select', 'disclosureMode'],
    scope: ['select', 'scope'],
    secrecyLevel: ['select', 'secrecyLevel'],
    validity: ['select', 'validity'],
    keywords: ['tags'],
  },
  [LAW]: {
    level: ['select', 'lawLevel'],
    lawStatus: ['select', 'lawStatus'],
    writtenDate: ['day'],
    publishDate: ['day'],
    effectiveDate: ['day'],
    expiryDate: ['day'],
    repealedDate: ['day'],
    reviewByDate: ['day'],
  },
  [REQ]: {
    trackingNo: ['generated'],
    submittedDate: ['day'],
    receivedDate: ['day'],
    dueDate: ['day'],
    repliedDate: ['day'],
    closedDate: ['day'],
    channel: ['select', 'channel'],
    applicantCategory: ['select', 'applicantCategory'],
    applicantIdType: ['select', 'applicantIdType'],
    deliveryMethod: ['select', 'deliveryMethod'],
    handlingStatus: ['select', 'requestStatus'],
  },
};
/** The stored type of each field (the columns of existing databases are unchanged). */
const STORED = { select: 'string', tags: 'json', generated: 'string', day: 'date' } as const;

let strapi: Core.Strapi;
let api: ReturnType<typeof adminApi>;

beforeAll(async () => {
  strapi = await setupStrapi();
  const { token } = await createAdminAndLogin(strapi);
  api = adminApi(strapi, token);
});
afterAll(teardownStrapi);

const row = (uid: string, documentId: string): Promise<any> => strapi.db.query(uid as any).findOne({ where: { documentId } });
const pick = (o: any, keys: string[]) => Object.fromEntries(keys.map((k) => [k, o[k]]));

describe('the attributes are the custom fields', () => {
  it.each(Object.entries(EXPECTED))('%s', (uid, fields) => {
    const attributes = strapi.contentType(uid as any).attributes as Record<string, any>;
    for (const [name, [field, list]] of Object.entries(fields)) {
      const attr = attributes[name];
      expect({ name, customField: attr.customField, type: attr.type }).toEqual({ name, customField: FIELD_UID[field], type: STORED[field] });
      if (field === 'select') {
        expect({ name, options: attr.options }).toEqual({ name, options: { list } });
        expect(listValues(attr.options)).toEqual(ENUMS[list!]);
        expect(attr.maxLength).toBe(20);
      }
    }
  });

  it('every list of ENUMS is offered by a select, and no other attribute of these types is one', () => {
    const used = new Set<string>();
    for (const uid of Object.keys(EXPECTED)) {
      for (const [name, attr] of Object.entries(strapi.contentType(uid as any).attributes as Record<string, any>)) {
        if (attr.customField?.startsWith('plugin::gov-fields.')) expect({ uid, name, declared: name in EXPECTED[uid] }).toEqual({ uid, name, declared: true });
        if (attr.customField === FIELD_UID.select) used.add(attr.options.list);
      }
    }
    expect([...used].sort()).toEqual(Object.keys(ENUMS).sort());
  });

  it('every calendar day of the content model is the day field (stored as a date column), none is the stock date input', () => {
    const days: string[] = [];
    for (const [uid, contentType] of Object.entries(strapi.contentTypes)) {
      if (!uid.startsWith('api::')) continue;
      for (const [name, attr] of Object.entries(contentType.attributes as Record<string, any>)) {
        if (attr.type !== 'date') continue;
        expect({ uid, name, customField: attr.customField }).toEqual({ uid, name, customField: FIELD_UID.day });
        days.push(`${uid}.${name}`);
      }
    }
    expect(days).toEqual(expect.arrayContaining([`${ITEM}.writtenDate`, `${LAW}.repealedDate`, `${REQ}.receivedDate`, 'api::working-day-override.working-day-override.date']));
  });

  it('the Content Manager API describes them (the admin picks the input by customField) and shows generated and derived fields read-only', async () => {
    const res = await api.get('/content-manager/content-types');
    expect(res.status).toBe(200);
    for (const [uid, fields] of Object.entries(EXPECTED)) {
      const ct = res.body.data.find((c: any) => c.uid === uid);
      for (const [name, [field, list]] of Object.entries(fields)) {
        expect({ uid, name, customField: ct.attributes[name].customField }).toEqual({ uid, name, customField: FIELD_UID[field] });
        if (list) expect(ct.attributes[name].options).toEqual({ list });
      }
    }
    const editable = async (uid: string, name: string) => {
      const conf = await api.get(`/content-manager/content-types/${uid}/configuration`);
      expect(conf.status).toBe(200);
      return conf.body.data.contentType.metadatas[name].edit.editable;
    };
    expect(await editable(ITEM, 'indexNo')).toBe(false);
    expect(await editable(REQ, 'trackingNo')).toBe(false);
    expect(await editable(LAW, 'lawStatus')).toBe(false);
    expect(await editable(ITEM, 'genre')).toBe(true);
    expect(await editable(ITEM, 'keywords')).toBe(true);
    expect(GENERATED_PLACEHOLDER).toBe('保存后自动生成');
  });
});

describe('values round-trip unchanged', () => {
  it('an item: Document Service, Content Manager read, a Content Manager save of the same values', async () => {
    const org = await makeOrg(strapi);
    const item: any = await makeItem(strapi, org.documentId, {
      genre: '命令（令）', disclosureMode: '依申请公开', exemptionReason: '涉及第三方合法权益', scope: '仅对内', secrecyLevel: '非密', validity: '已修改', keywords: ['教育', '资助', '学生'],
    });
    const fields = Object.keys(EXPECTED[ITEM]);
    const before = await row(ITEM, item.documentId);
    expect(before.indexNo).toMatch(new RegExp(`^${org.code}/2025-\\d{5}$`));
    expect(pick(before, fields)).toEqual({ ...pick(item, fields), keywords: ['教育', '资助', '学生'] });

    const viaDs: any = await strapi.documents(ITEM).findOne({ documentId: item.documentId });
    expect(pick(viaDs, fields)).toEqual(pick(before, fields));
    const viaCm = await api.get(`${CM}/${ITEM}/${item.documentId}`);
    expect(viaCm.status).toBe(200);
    expect(pick(viaCm.body.data, fields)).toEqual(pick(before, fields));

    const saved = await api.put(`${CM}/${ITEM}/${item.documentId}`, pick(viaCm.body.data, fields));
    expect(saved.status).toBe(200);
    expect(pick(await row(ITEM, item.documentId), fields)).toEqual(pick(before, fields));
  });

  it('a draft row written before the custom fields (raw insert, same columns) reads back as stored', async () => {
    const org = await makeOrg(strapi);
    const legacy: any = await strapi.db.query(ITEM).create({
      data: { documentId: 'legacycustomfields0000001', title: '旧系统迁入的文件', organization: org.id, indexNo: `${org.code}/2019-00007`, genre: '通知', disclosureMode: '主动公开', scope: '面向社会', secrecyLevel: '非密', validity: '有效', keywords: ['旧', '数据'], publishedAt: null },
    });
    const fields = Object.keys(EXPECTED[ITEM]);
    const viaCm = await api.get(`${CM}/${ITEM}/${legacy.documentId}`);
    expect(viaCm.status).toBe(200);
    expect(pick(viaCm.body.data, fields)).toEqual(pick(legacy, fields));
    expect(viaCm.body.data.keywords).toEqual(['旧', '数据']);
  });

  it('a law, an organisation, a catalogue node and a request', async () => {
    const org: any = await makeOrg(strapi, { level: '乡镇' });
    const node: any = await makeNode(strapi, org.documentId, { kind: '重点领域类', cadence: '每两周' });
    const law: any = await strapi.documents(LAW).create({ data: { title: '示范县行政规范性文件管理办法', level: '地方政府规章', effectiveDate: '2020-01-01', organization: org.documentId } as any });
    const req: any = await strapi.documents(REQ).create({
      data: { organization: org.documentId, receivedDate: '2025-09-26', channel: '传真', applicantCategory: '法律服务机构', applicantIdType: '统一社会信用代码', applicantName: '某律师事务所', deliveryMethod: '光盘', requestedContent: '2024年财政决算' } as any,
    });
    expect(law.lawStatus).toBe('有效');
    expect(req.trackingNo).toMatch(/^YSQ\d{4}\d{6}$/);
    const cases: Array<[string, any]> = [[ORG, org], [NODE, node], [LAW, law], [REQ, req]];
    for (const [uid, doc] of cases) {
      const fields = Object.keys(EXPECTED[uid]);
      const before = await row(uid, doc.documentId);
      const viaDs: any = await strapi.documents(uid as any).findOne({ documentId: doc.documentId });
      expect({ uid, v: pick(viaDs, fields) }).toEqual({ uid, v: pick(before, fields) });
      const viaCm = await api.get(`${CM}/${uid}/${doc.documentId}`);
      expect(viaCm.status).toBe(200);
      expect({ uid, v: pick(viaCm.body.data, fields) }).toEqual({ uid, v: pick(before, fields) });
      const saved = await api.put(`${CM}/${uid}/${doc.documentId}`, pick(viaCm.body.data, fields));
      expect({ uid, status: saved.status }).toEqual({ uid, status: 200 });
      expect({ uid, v: pick(await row(uid, doc.documentId), fields) }).toEqual({ uid, v: pick(before, fields) });
    }
  });
});

describe('the server still checks the values', () => {
  it('a value outside a list: 400 naming the field, in Chinese, nothing written', async () => {
    const org = await makeOrg(strapi);
    const count = await strapi.db.query(ITEM).count();
    const res = await api.post(`${CM}/${ITEM}`, { title: '体裁不在列表中', organization: org.documentId, genre: '通知书' });
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors[0].path).toEqual(['genre']);
    expect(res.body.error.details.errors[0].message).toContain('体裁分类');
    expect(await strapi.db.query(ITEM).count()).toBe(count);

    const law = await api.post(`${CM}/${LAW}`, { title: '级别不在列表中', level: '条例' });
    expect(law.status).toBe(400);
    expect(law.body.error.details.errors[0].path).toEqual(['level']);
  });

  it('主题词 typed as one text are split like the tag input does; more than 5 refused', async () => {
    const org = await makeOrg(strapi);
    const node: any = await makeNode(strapi, org.documentId);
    const ok = await api.post(`${CM}/${ITEM}`, { title: '主题词拆分', organization: org.documentId, catalogueNodes: [node.documentId], keywords: '教育，资助；学生 助学金' });
    expect(ok.status).toBe(201);
    expect((await row(ITEM, ok.body.data.documentId)).keywords).toEqual(['教育', '资助', '学生', '助学金']);
    expect(ok.body.data.indexNo).toMatch(new RegExp(`^${org.code}/\\d{4}-\\d{5}$`));

    const many = await api.post(`${CM}/${ITEM}`, { title: '主题词过多', organization: org.documentId, keywords: ['一', '二', '三', '四', '五', '六'] });
    expect(many.status).toBe(400);
    expect(many.body.error.details.errors[0]).toMatchObject({ path: ['keywords'], message: '主题词最多5个，当前6个' });
  });
});
