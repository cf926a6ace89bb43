/**
 * The OpenAPI 3.1 document of /api/gov/v1, generated from the route table and the parameter specs, plus
 * the routes of the same prefix served elsewhere: the public 依申请公开 routes (src/requests/public.ts) and
 * the change feed (plugins/sync, bearer API token). Schemas are JSON Schema 2020-12 with
 * additionalProperties: false, so validating real responses against them (the tests do, with ajv) also
 * proves no unlisted field is ever sent; tests/integration/openapi-client-types.test.ts holds the typed
 * client's types (client/src/types.ts) to the same schemas. `npm run lint:openapi` runs redocly's
 * recommended rules on it (CI fails on an error).
 */
import { API_VERSION, ENUMS } from '../constants';
import { ITEM_LIST_FIELDS, LAW_LIST_FIELDS, PARAMS, type ParamSpec } from '../validation/params';
import { ROUTES, openApiPath } from '../routes/table';
import {
  SECTION_KEYS, TABLE2_COLUMNS_BY_ROW, TABLE2_ROW_KEYS, TABLE3_COLUMN_KEYS, TABLE3_ROW_KEYS, TABLE4_COLUMN_KEYS, TABLE4_GROUP_KEYS,
} from '../../../../../src/domain/annual-report-2021';
import { CLOCK_EVENT_LABELS } from '../../../../../src/domain/request-clock/types';

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
    ItemListEntryPartial: obj(ITEM_LIST_PROPS, ['id'], '政府信息（列表项；不带 fields 时含全部字段，fields= 时只含 id 和所选字段）'),
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
    LawListEntryPartial: obj(LAW_LIST_PROPS, ['id'], '法规文件（列表项；不带 fields 时含全部字段，fields= 时只含 id 和所选字段）'),
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
        query: obj({ q: str, terms: { ...arr(str), description: '检索的词语（分词结果）' }, capped: { type: 'boolean', description: '为 true 时匹配文档多于 search.countCap（默认 1000）条：pagination.total 为该上限而非实际条数（全部匹配文档仍都参与排序，各页照常可取）' } }),
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
    ...requestSchemas(),
    ...changeFeedSchemas(),
    Error: obj({
      data: { type: 'null' },
      error: obj({ status: { type: 'integer' }, name: str, message: { type: 'string', description: '中文说明' }, details: { type: 'object' } }),
    }, undefined, 'Strapi 的错误格式'),
  };
}

// ------------------------------------------------------------------------------------------------
// 依申请公开, public side (src/requests/public.ts; types: client/src/types.ts RequestApplication …)

function requestSchemas(): Record<string, Schema> {
  const text = (maxLength: number, description: string): Schema => ({ type: 'string', maxLength, description });
  return {
    RequestApplication: {
      ...obj({
        organization: { type: 'string', minLength: 1, maxLength: 64, description: '受理机关：机构 documentId 或机构代码' },
        applicantCategory: { type: 'string', enum: [...ENUMS.applicantCategory], default: '自然人', description: '申请人类别' },
        applicantName: { type: 'string', minLength: 1, maxLength: 120, description: '申请人姓名或名称' },
        applicantIdType: { type: 'string', enum: [...ENUMS.applicantIdType], description: '证件类型（默认居民身份证）' },
        applicantIdNumber: text(40, '证件号码，按证件类型校验（居民身份证校验码等；法人或其他组织可填统一社会信用代码）'),
        applicantPhone: text(40, '联系电话：手机号或带区号的固定电话（可带分机），400/800'),
        applicantEmail: { type: 'string', maxLength: 120, format: 'email', description: '电子邮箱' },
        applicantAddress: text(200, '通讯地址'),
        requestedContent: { type: 'string', minLength: 5, maxLength: 5000, description: '所需信息的内容描述' },
        purpose: text(2000, '用途'),
        deliveryMethod: { type: 'string', enum: [...ENUMS.deliveryMethod], default: '电子邮件', description: '获取信息的方式' },
      }, ['organization', 'applicantName', 'requestedContent'], '政府信息公开申请：联系电话、电子邮箱、通讯地址至少填一项'),
    },
    RequestReceipt: obj({
      trackingNo: { type: 'string', description: '受理编号，如 YSQ2025000001' },
      queryCode: { type: 'string', description: '查询码：只在此显示一次，服务器只保存其散列' },
    }),
    RequestReceiptResponse: obj({ data: ref('RequestReceipt') }),
    RequestTimelineEntry: obj({
      type: { type: 'string', enum: Object.keys(CLOCK_EVENT_LABELS) },
      label: { type: 'string', enum: Object.values(CLOCK_EVENT_LABELS), description: '如 登记受理、延长答复期限、答复' },
      date: { type: 'string', format: 'date' },
    }),
    RequestStatus: obj({
      trackingNo: str,
      organization: { ...nstr, description: '受理机关名称' },
      channel: { type: 'string', enum: [...ENUMS.channel], description: '申请渠道' },
      submittedDate: date,
      receivedDate: { type: 'string', format: 'date', description: '收到申请日期' },
      handlingStatus: { type: 'string', enum: [...ENUMS.requestStatus], description: '办理状态' },
      dueDate: { ...date, description: '答复期限' },
      dueDateProvisional: { type: 'boolean', description: '答复期限所在年份的节假日安排尚未公布' },
      daysLeft: { ...nullable({ type: 'integer' }), description: '距答复期限的剩余工作日' },
      overdue: { type: 'boolean' },
      state: { type: 'string', enum: ['open', 'awaitingCorrection', 'paused', 'replied', 'closed'] },
      repliedDate: date,
      closedDate: date,
      result: { ...nullable(obj({ key: { type: 'string', description: '表三的结果键' }, label: str })), description: '办理结果（办结后）' },
      timeline: arr(ref('RequestTimelineEntry')),
    }, undefined, '办理进度（不含申请人信息）'),
    RequestStatusResponse: obj({ data: ref('RequestStatus') }),
  };
}

// ------------------------------------------------------------------------------------------------
// The change feed (plugins/sync/server/src/controllers/changes.ts, services/representation.ts)

function changeFeedSchemas(): Record<string, Schema> {
  const orgRef = nullable(obj({ documentId: str, name: str, code: nstr }));
  const any: Schema = { description: '与内容类型中的字段相同' };
  const fields = (names: string[], extra: Record<string, Schema>, description: string): Schema => obj({
    type: { type: 'string' },
    ...Object.fromEntries(names.map((n) => [n, n === 'documentId' ? str : any])),
    organization: orgRef,
    ...extra,
  }, undefined, description);
  return {
    ChangeItem: fields(['documentId', 'title', 'indexNo', 'issuingAuthority', 'documentNumber', 'writtenDate', 'publishDate', 'genre', 'keywords', 'summary', 'summaryHtml', 'body', 'bodyHtml', 'validity', 'isNormative', 'expiryDate', 'slug'], {
      type: { type: 'string', enum: ['item'] },
      summaryHtml: { ...nstr, description: '写入时渲染并净化的 HTML' },
      bodyHtml: { ...nstr, description: '写入时渲染并净化的 HTML' },
      catalogue: arr(obj({ documentId: str, code: nstr, name: nstr, provincialCode: nstr })),
      subjectCategory: nullable(obj({ name: nstr, code: nstr })),
      attachments: arr(obj({ name: nstr, url: nstr, mime: nstr, size: nullable({ type: 'number' }) })),
      interprets: { ...nstr, description: '所解读政策的 documentId' },
    }, '变更中的政府信息（公开字段）'),
    ChangeLaw: fields(['documentId', 'title', 'level', 'issuingAuthority', 'documentNumber', 'writtenDate', 'publishDate', 'effectiveDate', 'expiryDate', 'repealedDate', 'lawStatus', 'summary', 'summaryHtml', 'body', 'bodyHtml', 'slug'], {
      type: { type: 'string', enum: ['law'] },
      summaryHtml: { ...nstr, description: '写入时渲染并净化的 HTML' },
      bodyHtml: { ...nstr, description: '写入时渲染并净化的 HTML' },
      repealedBy: nstr,
      amendedBy: nstr,
    }, '变更中的法规文件（公开字段）'),
    ChangeAnnualReport: fields(['documentId', 'title', 'year', 'formatVersion', 'overview', 'table2', 'table3', 'table4', 'problems', 'otherMatters'], {
      type: { type: 'string', enum: ['annualReport'] },
    }, '变更中的年度报告'),
    ChangeEvent: obj({
      cursor: { type: 'string', description: '事件游标（下次请求的 since）' },
      type: { type: 'string', enum: ['item', 'law', 'annualReport'] },
      documentId: str,
      at: { type: 'string', format: 'date-time' },
      op: { type: 'string', enum: ['upsert', 'tombstone'] },
      data: { oneOf: [ref('ChangeItem'), ref('ChangeLaw'), ref('ChangeAnnualReport')], description: '仅 upsert：文档当前的公开表示' },
      superseded: { type: 'boolean', description: '记录此事件后文档已不再公开（随后有删除事件）' },
    }, ['cursor', 'type', 'documentId', 'at', 'op']),
    ChangesResponse: obj({
      data: arr(ref('ChangeEvent')),
      meta: obj({ nextCursor: { type: 'string', description: '下次请求的 since' }, hasMore: { type: 'boolean' } }),
    }),
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
const tooMany = () => ({ ...errorResponse('请求过于频繁'), headers: { 'Retry-After': { schema: { type: 'integer' }, description: '秒' } } });

/** Every public operation says so: no authentication (redocly: security-defined). */
const PUBLIC: unknown[] = [];
const CHANGE_FEED_SCHEME = 'changeFeedToken';

const TAG_DESCRIPTIONS: Record<string, string> = {
  公开目录: '机构的政府信息公开目录（栏目树）及各栏目的公开信息条数。',
  政府信息: '主动公开、面向社会、非密的已发布政府信息：列表（筛选、分页）和详情（含净化后的正文 HTML）。',
  法规文件: '法律法规与规范性文件及其效力状态、废止/修改关系。',
  年度报告: '政府信息公开工作年度报告（2021 年格式的表二、表三、表四）。',
  检索: '政府信息和法规文件的中文全文检索。',
  订阅: '栏目和法规文件的 RSS 2.0、Atom 1.0、JSON Feed 1.1 订阅源，链接到门户页面。',
  依申请公开: '公众提交政府信息公开申请，凭受理编号和查询码查询办理进度（无需认证，按 IP 限流）。',
  变更订阅: '供集成方（如省级平台）拉取已公开内容的变更：需带有 plugin::sync.changes.find 权限的 API 令牌。',
  文档: '本接口的 OpenAPI 文档。',
};

/** The operations of /api/gov/v1 served outside this plugin's route table. */
function otherPaths(): Record<string, unknown> {
  return {
    '/requests': {
      post: {
        operationId: 'submitRequest', tags: ['依申请公开'], security: PUBLIC,
        summary: '提交政府信息公开申请',
        description: '网络渠道提交申请，收到申请日期为提交当日（北京时间）。返回受理编号和一次性查询码（只显示这一次）。字段错误返回 400 并指明字段；按 IP 限流，超出返回 429。',
        requestBody: { required: true, content: { 'application/json': { schema: ref('RequestApplication') } } },
        responses: {
          201: { description: '已受理', content: { 'application/json': { schema: ref('RequestReceiptResponse') } } },
          400: errorResponse('字段错误（中文说明，details 中指明字段）'),
          429: tooMany(),
        },
      },
    },
    '/requests/{trackingNo}': {
      get: {
        operationId: 'requestStatus', tags: ['依申请公开'], security: PUBLIC,
        summary: '查询申请办理进度',
        description: '凭受理编号和查询码查询办理状态、答复期限和办理过程，不返回申请人信息。受理编号或查询码错误一律 404；错误次数过多返回 429。',
        parameters: [
          { name: 'trackingNo', in: 'path', required: true, description: '受理编号', schema: { type: 'string', pattern: '^[A-Za-z0-9-]{1,40}$' }, example: 'YSQ2025000001' },
          { name: 'code', in: 'query', required: true, description: '查询码（提交时返回）', schema: { type: 'string', maxLength: 64 } },
        ],
        responses: {
          200: { description: '办理进度', content: { 'application/json': { schema: ref('RequestStatusResponse') } } },
          404: errorResponse('受理编号或查询码不正确'),
          429: tooMany(),
        },
      },
    },
    '/changes': {
      get: {
        operationId: 'changes', tags: ['变更订阅'], security: [{ [CHANGE_FEED_SCHEME]: [] }],
        summary: '变更订阅（拉取）',
        description: '按发件箱顺序返回已公开内容的变更事件：upsert 带文档当前的公开表示，tombstone 只带 id。用 since = meta.nextCursor 续读。',
        parameters: [
          { name: 'since', in: 'query', required: false, description: '上次返回的游标（非负整数），默认 0', schema: { type: 'string', pattern: '^\\d{1,18}$', default: '0' } },
          { name: 'limit', in: 'query', required: false, description: '每次最多返回的事件数（1–500）', schema: { type: 'integer', minimum: 1, maximum: 500, default: 100 } },
        ],
        responses: {
          200: { description: '变更事件', content: { 'application/json': { schema: ref('ChangesResponse') } } },
          400: errorResponse('参数错误'),
          401: errorResponse('缺少或无效的 API 令牌'),
          403: errorResponse('API 令牌没有 plugin::sync.changes.find 权限'),
        },
      },
    },
  };
}

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
      429: tooMany(),
    };
    if (r.notFound) responses[404] = errorResponse('不存在或未公开');
    paths[openApiPath(r.path)] = {
      get: { operationId: r.action, summary: r.summary, description: r.description, tags: [r.tag], security: PUBLIC, parameters, responses },
    };
  }
  Object.assign(paths, otherPaths());
  const tags = [...new Set([...ROUTES.map((r) => r.tag), '依申请公开', '变更订阅'])];
  return {
    openapi: '3.1.0',
    info: {
      title: '政府信息公开平台 公共接口',
      version: API_VERSION,
      description: '公开（无需认证）的 JSON 接口，供门户网站和微信小程序使用：只返回已发布、面向社会、主动公开、非密的内容；另有公众提交和查询依申请公开的两个接口，以及供集成方使用、需 API 令牌的变更订阅。错误采用 Strapi 的错误格式，说明为中文。',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    servers: [{ url: '/api/gov/v1' }],
    tags: tags.map((name) => ({ name, description: TAG_DESCRIPTIONS[name] ?? name })),
    paths,
    components: {
      schemas: schemas(),
      securitySchemes: {
        [CHANGE_FEED_SCHEME]: { type: 'http', scheme: 'bearer', description: 'Strapi API 令牌（自定义令牌需有 plugin::sync.changes.find 权限，或完全访问令牌）：Authorization: Bearer <令牌>' },
      },
    },
  };
}
