/**
 * The OpenAPI 3.1 document of /api/gov/v1, generated from the route table and the parameter specs.
 * Schemas are JSON Schema 2020-12 with additionalProperties: false, so validating real responses
 * against them (the tests do, with ajv) also proves no unlisted field is ever sent.
 */
import { ENUMS } from '../constants';
import { API_VERSION } from '../constants';
import { ITEM_LIST_FIELDS, LAW_LIST_FIELDS, PARAMS, type ParamSpec } from '../validation/params';
import { ROUTES, openApiPath } from '../routes/table';
import {
  SECTION_KEYS, TABLE2_COLUMNS_BY_ROW, TABLE2_ROW_KEYS, TABLE3_COLUMN_KEYS, TABLE3_ROW_KEYS, TABLE4_COLUMN_KEYS, TABLE4_GROUP_KEYS,
} from '../../../../../src/domain/annual-report-2021';

type Schema = Record<string, unknown>;

const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
const nullable = (s: Schema): Schema => {
  if (typeof s.type === 'string') return { ...s, type: [s.type, 'null'] };
  return { oneOf: [s, { type: 'null' }] };
};
const str: Schema = { type: 'string' };
const nstr = nullable(str);
const date = nullable({ type: 'string', format: 'date' });
const dateTime = nullable({ type: 'string', format: 'date-time' });
const obj = (properties: Record<string, Schema>, required: string[] = Object.keys(properties), description?: string): Schema => ({
  type: 'object', ...(description ? { description } : {}), properties, required, additionalProperties: false,
});
const arr = (items: Schema): Schema => ({ type: 'array', items });
const enumOf = (values: readonly string[], canBeNull = true): Schema => (canBeNull ? { type: ['string', 'null'], enum: [...values, null] } : { type: 'string', enum: [...values] });

const ITEM_LIST_PROPS: Record<(typeof ITEM_LIST_FIELDS)[number], Schema> = {
  id: { type: 'string', description: 'documentId' },
  indexNo: { ...nstr, description: '索引号' },
  title: { type: 'string', description: '标题' },
  slug: nstr,
  organization: nullable(ref('OrganizationRef')),
  issuingAuthority: { ...nstr, description: '发文机关' },
  documentNumber: { ...nstr, description: '发文字号' },
  writtenDate: { ...date, description: '成文日期' },
  publishDate: { ...date, description: '发布日期' },
  subjectCategory: nullable(ref('SubjectCategoryRef')),
  genre: { ...enumOf(ENUMS.genre), description: '体裁分类' },
  validity: { ...enumOf(ENUMS.validity), description: '有效性' },
  isNormative: { type: 'boolean', description: '是否规范性文件' },
  expiryDate: { ...date, description: '失效日期' },
  keywords: { ...arr(str), description: '主题词' },
  summary: { ...nstr, description: '摘要' },
};

const LAW_LIST_PROPS: Record<(typeof LAW_LIST_FIELDS)[number], Schema> = {
  id: { type: 'string', description: 'documentId' },
  title: str,
  slug: nstr,
  level: { ...enumOf(ENUMS.lawLevel), description: '效力级别' },
  status: { ...enumOf(ENUMS.lawStatus), description: '效力状态' },
  issuingAuthority: nstr,
  documentNumber: nstr,
  writtenDate: date,
  publishDate: date,
  effectiveDate: { ...date, description: '施行日期' },
  expiryDate: { ...date, description: '失效日期' },
  repealedDate: { ...date, description: '废止日期' },
  organization: nullable(ref('OrganizationRef')),
  summary: nstr,
};

const numbersOf = (keys: readonly string[]): Schema => obj(Object.fromEntries(keys.map((k) => [k, { type: 'number', minimum: 0 }])));

function schemas(): Record<string, Schema> {
  const pagination = obj({
    limit: { type: 'integer', minimum: 1 },
    total: { type: 'integer', minimum: 0 },
    page: nullable({ type: 'integer', minimum: 1 }),
    pageCount: { type: 'integer', minimum: 0 },
    nextCursor: { ...nstr, description: '下一页的游标；最后一页为 null（页码分页时总为 null）' },
  });
  const emptyMeta = obj({}, []);
  const listOf = (entry: string) => obj({ data: arr(ref(entry)), meta: obj({ pagination: ref('Pagination') }) });
  const detailOf = (entry: string) => obj({ data: ref(entry), meta: emptyMeta });
  const section = ref('ReportSection');
  return {
    OrganizationRef: obj({ id: str, code: { type: 'string', description: '机构代码' }, name: str, shortName: nstr }),
    SubjectCategoryRef: obj({ id: str, code: str, name: str, path: { type: 'string', description: '一级\\二级' } }),
    CatalogueNodeRef: obj({ id: str, code: str, name: str }),
    Pagination: pagination,
    ItemListEntry: obj(ITEM_LIST_PROPS, [...ITEM_LIST_FIELDS], '政府信息（列表项）'),
    ItemListEntryPartial: obj(ITEM_LIST_PROPS, ['id'], '政府信息（列表项；fields= 时只含所选字段）'),
    Attachment: obj({ name: str, url: str, mime: nstr, ext: nstr, size: nullable({ type: 'number', description: 'KB' }) }),
    ItemLink: obj({ id: str, indexNo: nstr, title: str, publishDate: date }),
    ItemDetail: obj({
      ...ITEM_LIST_PROPS,
      summaryHtml: { ...nstr, description: '内容概述，写入时渲染并按白名单净化的 HTML，可直接插入页面' },
      disclosureMode: { type: 'string', enum: ['主动公开'], description: '公开方式' },
      body: { ...nstr, description: '正文（Markdown 原文）' },
      bodyFormat: { type: 'string', enum: ['markdown'] },
      bodyHtml: { ...nstr, description: '正文，写入时由 Markdown 渲染并按白名单净化的 HTML（标题、段落、列表、表格、链接、图片、强调），可直接插入页面' },
      bodyNodes: { ...arr(ref('RichTextNode')), description: '仅 format=wx：正文的微信小程序 rich-text 节点数组' },
      attachments: arr(ref('Attachment')),
      cataloguePaths: { ...arr(arr(ref('CatalogueNodeRef'))), description: '所属目录栏目，各自从根栏目起的路径' },
      interprets: nullable(ref('ItemLink')),
      interpretations: arr(ref('ItemLink')),
      publishedAt: dateTime,
    }, [...ITEM_LIST_FIELDS, 'summaryHtml', 'disclosureMode', 'body', 'bodyFormat', 'bodyHtml', 'attachments', 'cataloguePaths', 'interprets', 'interpretations', 'publishedAt'], '政府信息（详情）'),
    RichTextNode: {
      description: '微信小程序 rich-text 节点：元素（name、attrs、children）或文本（type=text）',
      oneOf: [
        obj({ name: str, attrs: { type: 'object', additionalProperties: { type: 'string' } }, children: arr(ref('RichTextNode')) }, ['name']),
        obj({ type: { type: 'string', enum: ['text'] }, text: str }),
      ],
    },
    LawListEntry: obj(LAW_LIST_PROPS, [...LAW_LIST_FIELDS]),
    LawListEntryPartial: obj(LAW_LIST_PROPS, ['id']),
    LawLink: obj({ id: str, title: str, documentNumber: nstr, status: enumOf(ENUMS.lawStatus) }),
    LawDetail: obj({
      ...LAW_LIST_PROPS,
      summaryHtml: { ...nstr, description: '内容概述，写入时渲染并按白名单净化的 HTML，可直接插入页面' },
      body: { ...nstr, description: '正文（Markdown 原文）' },
      bodyFormat: { type: 'string', enum: ['markdown'] },
      bodyHtml: { ...nstr, description: '正文，写入时由 Markdown 渲染并按白名单净化的 HTML，可直接插入页面' },
      bodyNodes: { ...arr(ref('RichTextNode')), description: '仅 format=wx：正文的微信小程序 rich-text 节点数组' },
      repealedBy: nullable(ref('LawLink')),
      repeals: arr(ref('LawLink')),
      amendedBy: nullable(ref('LawLink')),
      amends: arr(ref('LawLink')),
      publishedAt: dateTime,
    }, [...LAW_LIST_FIELDS, 'summaryHtml', 'body', 'bodyFormat', 'bodyHtml', 'repealedBy', 'repeals', 'amendedBy', 'amends', 'publishedAt'], '法规文件（详情）'),
    AnnualReportListEntry: obj({ id: str, title: nstr, organization: nullable(ref('OrganizationRef')), year: { type: 'integer' }, formatVersion: { type: 'integer', enum: [2019, 2021] }, publishedAt: dateTime }),
    ReportSection: obj({ heading: str, text: nstr }),
    Table2: obj(Object.fromEntries(TABLE2_ROW_KEYS.map((r) => [r, numbersOf(TABLE2_COLUMNS_BY_ROW[r])])), [...TABLE2_ROW_KEYS], '表二 二、主动公开政府信息情况'),
    Table3: obj(Object.fromEntries(TABLE3_ROW_KEYS.map((r) => [r, numbersOf(TABLE3_COLUMN_KEYS)])), [...TABLE3_ROW_KEYS], '表三 三、收到和处理政府信息公开申请情况'),
    Table4: obj(Object.fromEntries(TABLE4_GROUP_KEYS.map((g) => [g, numbersOf(TABLE4_COLUMN_KEYS)])), [...TABLE4_GROUP_KEYS], '表四 四、政府信息公开行政复议、行政诉讼情况'),
    AnnualReportDetail: obj({
      id: str, title: nstr, organization: nullable(ref('OrganizationRef')), year: { type: 'integer' }, formatVersion: { type: 'integer', enum: [2019, 2021] }, publishedAt: dateTime,
      sections: obj(Object.fromEntries(SECTION_KEYS.map((k) => [k, section]))),
      tables: nullable(obj({ table2: ref('Table2'), table3: ref('Table3'), table4: ref('Table4') })),
      tablesHtml: nstr,
      formatSource: nstr,
    }),
    CatalogueNode: obj({
      id: str, code: str, provincialCode: nstr, name: str, kind: nstr, cadence: nstr, description: nstr,
      itemCount: { type: 'integer', minimum: 0, description: '本栏目的公开信息条数' },
      totalItemCount: { type: 'integer', minimum: 0, description: '本栏目及下级栏目的公开信息条数（每条计一次）' },
      lastPublishDate: date,
      children: arr(ref('CatalogueNode')),
    }),
    CatalogueTree: obj({ organization: ref('OrganizationRef'), nodes: arr(ref('CatalogueNode')) }),
    SearchHit: obj({
      type: { type: 'string', enum: ['item', 'law'] }, id: str, title: str,
      highlightedTitle: { type: 'string', description: 'HTML，命中词包在 <mark> 中' },
      snippet: { type: 'string', description: 'HTML 摘录，命中词包在 <mark> 中' },
      titleMatch: { type: 'boolean' }, indexNo: nstr, documentNumber: nstr, publishDate: date, organization: nullable(ref('OrganizationRef')),
    }),
    CatalogueResponse: obj({ data: arr(ref('CatalogueTree')), meta: emptyMeta }),
    ItemListResponse: listOf('ItemListEntryPartial'),
    ItemDetailResponse: detailOf('ItemDetail'),
    LawListResponse: listOf('LawListEntryPartial'),
    LawDetailResponse: detailOf('LawDetail'),
    AnnualReportListResponse: listOf('AnnualReportListEntry'),
    AnnualReportDetailResponse: detailOf('AnnualReportDetail'),
    SearchResponse: obj({
      data: arr(ref('SearchHit')),
      meta: obj({
        pagination: ref('Pagination'),
        query: obj({ q: str, terms: { ...arr(str), description: '检索的词语（分词结果）' }, capped: { type: 'boolean', description: '匹配的文档多于参与排序的候选数（search.maxCandidates，取最新的）' } }),
      }),
    }),
    JsonFeedAuthor: obj({ name: str }),
    JsonFeedItem: obj({
      id: { type: 'string', description: '门户页面地址' },
      url: { type: 'string', format: 'uri' },
      title: str,
      content_html: { type: 'string', description: '净化后的 HTML：元数据行和正文（无正文时为摘要）' },
      summary: str,
      date_published: { type: 'string', format: 'date-time', pattern: '\\+08:00$', description: '北京时间' },
      date_modified: { type: 'string', format: 'date-time', pattern: '\\+08:00$', description: '北京时间' },
      authors: arr(ref('JsonFeedAuthor')),
      tags: { ...arr(str), description: '体裁分类（政府信息）或效力级别（法规文件）' },
    }, ['id', 'url', 'title', 'content_html', 'date_published', 'date_modified'], 'JSON Feed 1.1 条目'),
    JsonFeed: obj({
      version: { type: 'string', const: 'https://jsonfeed.org/version/1.1' },
      title: str,
      home_page_url: { type: 'string', format: 'uri', description: '门户中的栏目页面' },
      feed_url: { type: 'string', format: 'uri' },
      description: str,
      language: str,
      authors: arr(ref('JsonFeedAuthor')),
      items: arr(ref('JsonFeedItem')),
    }, undefined, 'JSON Feed 1.1（jsonfeed.org/version/1.1）'),
    Error: obj({
      data: { type: 'null' },
      error: obj({ status: { type: 'integer' }, name: str, message: { type: 'string', description: '中文说明' }, details: { type: 'object' } }),
    }, undefined, 'Strapi 的错误格式'),
  };
}

function paramSchema(s: ParamSpec): Schema {
  const t = s.type;
  const base: Schema = (() => {
    switch (t.kind) {
      case 'string': return { type: 'string', maxLength: t.maxLength };
      case 'integer': return { type: 'integer', minimum: t.min, maximum: t.max };
      case 'date': return { type: 'string', format: 'date' };
      case 'enum': return { type: 'string', enum: [...t.values] };
      case 'fields': return { type: 'string', pattern: `^(${t.values.join('|')})(,(${t.values.join('|')}))*$` };
      case 'cursor': return { type: 'string' };
    }
  })();
  if (s.default !== undefined) base.default = s.default;
  return base;
}

const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: ref('Error') } } });

export function buildOpenApiDocument(): Record<string, unknown> {
  const paths: Record<string, unknown> = {};
  for (const r of ROUTES) {
    const parameters = [
      ...r.pathParams.map((pp) => ({
        name: pp.name, in: 'path', required: true, description: pp.description,
        schema: pp.pattern ? { type: 'string', pattern: pp.pattern } : { type: 'string' },
        ...(pp.example ? { example: pp.example } : {}),
      })),
      ...PARAMS[r.params].map((s: ParamSpec) => ({
        name: s.name, in: 'query', required: !!s.required, description: s.description, schema: paramSchema(s),
        ...(s.example !== undefined ? { example: s.example } : {}),
      })),
    ];
    const content = 'schema' in r.response
      ? { 'application/json': { schema: ref(r.response.schema) } }
      : Object.fromEntries(Object.entries(r.response.media).map(([m, v]) => [m, v.schema ? { schema: ref(v.schema) } : { schema: m.includes('json') ? { type: 'object' } : { type: 'string' } }]));
    const responses: Record<string, unknown> = {
      200: {
        description: '成功',
        headers: {
          ETag: { description: '弱校验值；带 If-None-Match 再次请求，未变化时返回 304', schema: { type: 'string' } },
          'Last-Modified': { schema: { type: 'string' } },
          'Cache-Control': { schema: { type: 'string' } },
        },
        content,
      },
      304: { description: '未修改（If-None-Match / If-Modified-Since）' },
      400: errorResponse('参数错误（未知参数、日期格式、limit 过大、游标无效等），中文说明'),
      429: { ...errorResponse('请求过于频繁'), headers: { 'Retry-After': { schema: { type: 'integer' }, description: '秒' } } },
    };
    if (r.notFound) responses[404] = errorResponse('不存在或未公开');
    paths[openApiPath(r.path)] = {
      get: { operationId: r.action, summary: r.summary, description: r.description, tags: [r.tag], parameters, responses },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: '政府信息公开平台 公共接口',
      version: API_VERSION,
      description: '只读、公开（无需认证）的 JSON 接口，供门户网站和微信小程序使用。只返回已发布、面向社会、主动公开、非密的内容。错误采用 Strapi 的错误格式，说明为中文。',
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    servers: [{ url: '/api/gov/v1' }],
    tags: [...new Set(ROUTES.map((r) => r.tag))].map((name) => ({ name })),
    paths,
    components: { schemas: schemas() },
  };
}
