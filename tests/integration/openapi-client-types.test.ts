/**
 * The OpenAPI document and the typed client agree (issue 17):
 * - through the TypeScript compiler API, every object schema of components.schemas is compared with its
 *   client type (client/src/types.ts): the same property names, `required` ⇔ not optional, string enums ⇔
 *   string-literal unions, inline objects and arrays of them compared level by level; every exported type of
 *   the client is either described by a schema or listed below with the reason it is not;
 * - the routes of /api/gov/v1 served outside the gov-api plugin (POST /requests, GET /requests/{trackingNo},
 *   GET /changes with its bearer token) answer what the document says (ajv against /openapi.json), and the
 *   client's own calls of the request routes return values of its types.
 */
import path from 'path';
import request from 'supertest';
import ts from 'typescript';
import type { Core } from '@strapi/strapi';
import { setupStrapi, teardownStrapi } from '../helpers/strapi';
import { makeItem, makeOrg, orgCode } from '../helpers/fixtures';
import { publishDoc } from '../helpers/publish';
import { OpenApiChecker, UIDS, relax } from '../../plugins/gov-api/server/src/__tests__/support';
import { buildOpenApiDocument } from '../../plugins/gov-api/server/src/openapi/document';
import { resetRateLimits } from '../../src/requests/public';
import { GovApiClient, fetchTransport, type RequestReceipt, type RequestStatus } from '../../client/src';

const TYPES_FILE = path.resolve(__dirname, '../../client/src/types.ts');

/** Schema → the client type it describes, when not the type of the same name. */
const TYPE_OF_SCHEMA: Record<string, string> = {
  ItemListResponse: 'T.ListResponse<T.ItemListEntryPartial>',
  LawListResponse: 'T.ListResponse<T.LawListEntryPartial>',
  AnnualReportListResponse: 'T.ListResponse<T.AnnualReportListEntry>',
  ItemDetailResponse: 'T.DetailResponse<T.ItemDetail>',
  LawDetailResponse: 'T.DetailResponse<T.LawDetail>',
  AnnualReportDetailResponse: 'T.DetailResponse<T.AnnualReportDetail>',
  RequestReceiptResponse: '{ data: T.RequestReceipt }',
  RequestStatusResponse: '{ data: T.RequestStatus }',
  Error: 'T.ApiErrorBody',
};

/** Schemas without a client type, and why. */
const SCHEMAS_WITHOUT_TYPE: Record<string, string> = {
  Table2: 'keys of the 2021 format: the client types tables as ReportTable (a record), the keys live in src/domain/annual-report-2021',
  Table3: 'as Table2',
  Table4: 'as Table2',
  ChangeItem: 'the change feed is for integrators (server to server); the client does not call it',
  ChangeLaw: 'as ChangeItem',
  ChangeAnnualReport: 'as ChangeItem',
  ChangeEvent: 'as ChangeItem',
  ChangesResponse: 'as ChangeItem',
};

/** Exported client types that no schema describes by name, and why. */
const TYPES_WITHOUT_SCHEMA: Record<string, string> = {
  ItemListEntry: 'a list entry without fields=: ItemListEntryPartial with every property (schema ItemListEntryPartial)',
  LawListEntry: 'as ItemListEntry (schema LawListEntryPartial)',
  ListResponse: 'generic: checked through ItemListResponse, LawListResponse, AnnualReportListResponse',
  DetailResponse: 'generic: checked through the *DetailResponse schemas',
  ApiErrorBody: 'checked as schema Error',
  ReportTable: 'the tables as records (schemas Table2–4 name the keys)',
  RichTextNode: 'a union; its two members are compared with the oneOf of schema RichTextNode below',
  FeedFormat: 'the feed suffix (path parameter pattern of /feeds/{feed})',
  ApplicantCategory: 'enum of RequestApplication.applicantCategory (compared there)',
  DeliveryMethod: 'enum of RequestApplication.deliveryMethod (compared there)',
};

type Schema = Record<string, any>;

describe('client/src/types.ts ⇔ the OpenAPI document (TypeScript compiler API)', () => {
  const doc: any = buildOpenApiDocument();
  const schemas: Record<string, Schema> = doc.components.schemas;
  const probeFile = path.resolve(__dirname, '__openapi_probe__.ts');
  const names = Object.keys(schemas).filter((n) => !(n in SCHEMAS_WITHOUT_TYPE));
  const probeSource = [
    `import type * as T from ${JSON.stringify(TYPES_FILE.replace(/\.ts$/, ''))};`,
    ...names.map((n) => `export type P_${n} = ${TYPE_OF_SCHEMA[n] ?? `T.${n}`};`),
  ].join('\n');
  const options: ts.CompilerOptions = { strict: true, target: ts.ScriptTarget.ES2020, module: ts.ModuleKind.CommonJS, skipLibCheck: true, noEmit: true, types: [] };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  host.readFile = (f) => (path.resolve(f) === probeFile ? probeSource : readFile(f));
  host.fileExists = (f) => path.resolve(f) === probeFile || fileExists(f);
  const program = ts.createProgram([probeFile], options, host);
  const checker = program.getTypeChecker();

  const exportedTypes = (file: string): Map<string, ts.Type> => {
    const sf = program.getSourceFile(file)!;
    const out = new Map<string, ts.Type>();
    for (const sym of checker.getExportsOfModule(checker.getSymbolAtLocation(sf)!)) {
      if (sym.flags & (ts.SymbolFlags.Interface | ts.SymbolFlags.TypeAlias)) out.set(sym.name, checker.getDeclaredTypeOfSymbol(sym));
    }
    return out;
  };

  /** Resolve $ref; unwrap nullable forms (type: [x, 'null'], oneOf [x, {type: null}]). */
  const resolve = (s: Schema): Schema => {
    let cur = s;
    for (let i = 0; i < 5; i++) {
      if (cur.$ref) cur = schemas[String(cur.$ref).split('/').pop()!];
      else if (Array.isArray(cur.oneOf) && cur.oneOf.length === 2 && cur.oneOf.some((o: Schema) => o.type === 'null')) cur = cur.oneOf.find((o: Schema) => o.type !== 'null');
      else break;
    }
    return cur;
  };
  const isObject = (s: Schema) => (s.type === 'object' || (Array.isArray(s.type) && s.type.includes('object'))) && s.properties;
  const isArray = (s: Schema) => s.type === 'array' || (Array.isArray(s.type) && s.type.includes('array'));
  const nonNull = (t: ts.Type) => checker.getNonNullableType(t);

  /** Differences between a schema and a type, each as "where: what". */
  function compare(where: string, schema: Schema, type: ts.Type, depth = 0): string[] {
    const s = resolve(schema);
    const t = nonNull(type);
    const problems: string[] = [];
    if (s.enum && t.isUnion() && t.types.every((m) => m.isStringLiteral())) {
      const a = [...s.enum].filter((v: unknown) => v !== null).sort();
      const b = t.types.map((m) => (m as ts.StringLiteralType).value).sort();
      if (JSON.stringify(a) !== JSON.stringify(b)) problems.push(`${where}: enum ${JSON.stringify(a)} ≠ type ${JSON.stringify(b)}`);
      return problems;
    }
    if (isArray(s) && s.items) {
      const element = checker.isArrayType(t) ? checker.getTypeArguments(t as ts.TypeReference)[0] : undefined;
      if (!element) return [`${where}: array in the document, ${checker.typeToString(t)} in the client`];
      return depth < 4 && !s.items.$ref ? compare(`${where}[]`, s.items, element, depth + 1) : problems;
    }
    if (!isObject(s)) return problems;
    const required = new Set<string>(s.required ?? []);
    const props = checker.getPropertiesOfType(t);
    const byName = new Map(props.map((p) => [p.name, p]));
    for (const [name, sub] of Object.entries<Schema>(s.properties)) {
      const p = byName.get(name);
      if (!p) { problems.push(`${where}.${name}: in the document, not in the client type`); continue; }
      const optional = (p.flags & ts.SymbolFlags.Optional) !== 0;
      if (required.has(name) === optional) problems.push(`${where}.${name}: ${required.has(name) ? 'required' : 'optional'} in the document, ${optional ? 'optional' : 'required'} in the client`);
      // $ref'd schemas are compared on their own; inline objects and arrays here
      if (depth < 4 && !sub.$ref) problems.push(...compare(`${where}.${name}`, sub, checker.getTypeOfSymbol(p), depth + 1));
    }
    for (const p of props) if (!(p.name in s.properties)) problems.push(`${where}.${p.name}: in the client type, not in the document`);
    return problems;
  }

  it('the probe compiles (every mapped client type exists)', () => {
    const diagnostics = ts.getPreEmitDiagnostics(program).filter((d) => d.file && path.resolve(d.file.fileName) === probeFile);
    expect(diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))).toEqual([]);
  });

  it('every object schema has the properties, optionality and enums of its client type, and vice versa', () => {
    const probe = exportedTypes(probeFile);
    const problems: string[] = [];
    let compared = 0;
    for (const n of names) {
      if (n === 'RichTextNode') continue; // a union, below
      const t = probe.get(`P_${n}`)!;
      expect(isObject(schemas[n]) ? n : `${n} is no object schema`).toBe(n);
      problems.push(...compare(n, schemas[n], t));
      compared++;
    }
    expect(problems).toEqual([]);
    expect(compared).toBeGreaterThan(30);
  });

  it('RichTextNode: both members of the union match the oneOf', () => {
    const union = nonNull(exportedTypes(probeFile).get('P_RichTextNode')!);
    expect(union.isUnion()).toBe(true);
    const [element, text] = schemas.RichTextNode.oneOf;
    const members = (union as ts.UnionType).types;
    const withName = members.find((m) => checker.getPropertyOfType(m, 'name'))!;
    const withText = members.find((m) => checker.getPropertyOfType(m, 'text'))!;
    expect([...compare('RichTextNode(element)', element, withName), ...compare('RichTextNode(text)', text, withText)]).toEqual([]);
  });

  it('every exported type of the client is described by a schema or listed with its reason', () => {
    const described = new Set([...names, ...Object.values(TYPE_OF_SCHEMA).flatMap((e) => [...e.matchAll(/T\.(\w+)/g)].map((m) => m[1]))]);
    const missing = [...exportedTypes(TYPES_FILE).keys()].filter((n) => !described.has(n) && !(n in TYPES_WITHOUT_SCHEMA));
    expect(missing).toEqual([]);
    // the lists stay honest: nothing listed that does not exist
    for (const n of Object.keys(TYPES_WITHOUT_SCHEMA)) expect(exportedTypes(TYPES_FILE).has(n) ? n : `${n} (listed, not exported)`).toBe(n);
    for (const n of Object.keys(SCHEMAS_WITHOUT_TYPE)) expect(n in schemas ? n : `${n} (listed, no schema)`).toBe(n);
  });

  it('a mismatch is caught (the comparison is not vacuous)', () => {
    const probe = exportedTypes(probeFile);
    const altered = { ...schemas.ItemLink, properties: { ...schemas.ItemLink.properties, extra: { type: 'string' } }, required: [...schemas.ItemLink.required, 'extra'] };
    expect(compare('ItemLink', altered, probe.get('P_ItemLink')!)).toEqual(['ItemLink.extra: in the document, not in the client type']);
    const optional = { ...schemas.ItemLink, required: ['id'] };
    expect(compare('ItemLink', optional, probe.get('P_ItemLink')!)).toContain('ItemLink.title: optional in the document, required in the client');
    // nested inline objects are compared too
    const sr = JSON.parse(JSON.stringify(schemas.SearchResponse));
    delete sr.properties.meta.properties.query.properties.capped;
    sr.properties.meta.properties.query.required = ['q', 'terms'];
    expect(compare('SearchResponse', sr, probe.get('P_SearchResponse')!)).toEqual(['SearchResponse.meta.query.capped: in the client type, not in the document']);
    // and string enums against literal unions
    const app = JSON.parse(JSON.stringify(schemas.RequestApplication));
    app.properties.deliveryMethod.enum = ['纸质'];
    expect(compare('RequestApplication', app, probe.get('P_RequestApplication')!)).toHaveLength(1);
  });
});

describe('routes of /api/gov/v1 outside the plugin answer as documented', () => {
  let strapi: Core.Strapi;
  let checker: OpenApiChecker;
  let org: any;
  let base = '';

  beforeAll(async () => {
    strapi = await setupStrapi();
    relax(strapi);
    await new Promise<void>((resolve) => strapi.server.httpServer.listen(0, '127.0.0.1', () => resolve()));
    base = `http://127.0.0.1:${(strapi.server.httpServer.address() as any).port}`;
    checker = new OpenApiChecker((await request(base).get('/api/gov/v1/openapi.json')).body);
    org = await makeOrg(strapi, { name: '青山县人民政府', code: orgCode() });
    await resetRateLimits(strapi);
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => strapi.server.httpServer.close(() => resolve()));
    await teardownStrapi();
  });

  const application = () => ({
    organization: org.documentId,
    applicantName: '李四',
    applicantIdNumber: '110101199003071233',
    applicantPhone: '13800138000',
    requestedContent: '青山县2024年度一般公共预算执行情况',
  });

  it('POST /requests (201, 400) and GET /requests/{trackingNo} (200, 404) through the typed client and over HTTP', async () => {
    const api = new GovApiClient({ baseUrl: `${base}/api/gov/v1`, transport: fetchTransport() });
    const { data: receipt }: { data: RequestReceipt } = await api.submitRequest(application());
    expect(receipt.trackingNo).toMatch(/^YSQ\d{4}\d{6}$/);
    const { data: status }: { data: RequestStatus } = await api.requestStatus(receipt.trackingNo, receipt.queryCode);
    expect(status).toMatchObject({ trackingNo: receipt.trackingNo, organization: '青山县人民政府', handlingStatus: '已登记', channel: '网络' });

    const created = await request(base).post('/api/gov/v1/requests').send(application());
    expect(created.status).toBe(201);
    checker.check(created, '/api/gov/v1/requests');
    const bad = await request(base).post('/api/gov/v1/requests').send({ ...application(), applicantPhone: '123' });
    expect(bad.status).toBe(400);
    checker.check(bad, '/api/gov/v1/requests');
    const url = `/api/gov/v1/requests/${created.body.data.trackingNo}?code=${created.body.data.queryCode}`;
    const got = await request(base).get(url);
    expect(got.status).toBe(200);
    checker.check(got, url);
    const wrong = await request(base).get(`/api/gov/v1/requests/${created.body.data.trackingNo}?code=WRONG`);
    expect(wrong.status).toBe(404);
    checker.check(wrong, `/api/gov/v1/requests/${created.body.data.trackingNo}?code=WRONG`);
  });

  it('GET /changes: 401 without a token, 200 with the documented events (bodyHtml of items and laws) with one', async () => {
    const item = await makeItem(strapi, org.documentId, { body: '## 正文\n\n内容<script>x</script>' });
    await publishDoc(strapi, UIDS.item, item.documentId);
    const law = await (strapi.documents(UIDS.law as any) as any).create({ data: { title: '青山县测试办法', level: '行政规范性文件', organization: org.documentId, body: '第一条 **内容**' } });
    await publishDoc(strapi, UIDS.law, law.documentId);

    const anonymous = await request(base).get('/api/gov/v1/changes');
    expect(anonymous.status).toBe(401);
    checker.check(anonymous, '/api/gov/v1/changes');
    const token = (await strapi.service('admin::api-token').create({ name: `changes-${Date.now()}`, type: 'custom', lifespan: null, description: '', permissions: ['plugin::sync.changes.find'] }) as any).accessKey;
    const res = await request(base).get('/api/gov/v1/changes?limit=500').set('Authorization', `Bearer ${token}`);
    expect(res.status).toBe(200);
    checker.check(res, '/api/gov/v1/changes?limit=500');
    const upserts = res.body.data.filter((e: any) => e.op === 'upsert');
    expect(upserts.find((e: any) => e.documentId === item.documentId).data.bodyHtml).toBe('<h2>正文</h2>\n<p>内容</p>');
    expect(upserts.find((e: any) => e.documentId === law.documentId).data.bodyHtml).toBe('<p>第一条 <strong>内容</strong></p>');
    const bad = await request(base).get('/api/gov/v1/changes?limit=0').set('Authorization', `Bearer ${token}`);
    expect(bad.status).toBe(400);
    checker.check(bad, '/api/gov/v1/changes?limit=0');
  });
});
