/**
 * Every route of the public API, once: the Strapi router (routes/index.ts) and the OpenAPI document
 * (openapi/document.ts) are both generated from this table, and the query parameters come from
 * validation/params.ts — so the document cannot drift from what the server accepts.
 */
import type { RouteParamsName } from '../validation/params';

export interface PathParam {
  name: string;
  description: string;
  pattern?: string;
  example?: string;
}

export interface RouteDef {
  /** controller action and OpenAPI operationId */
  action: 'catalogue' | 'items' | 'item' | 'laws' | 'law' | 'annualReports' | 'annualReport' | 'search' | 'feed' | 'lawFeed' | 'openapi';
  /** path below /api/gov/v1, Koa style (:id) */
  path: string;
  params: RouteParamsName;
  pathParams: PathParam[];
  summary: string;
  description: string;
  tag: string;
  /** components.schemas name of the 200 response (JSON), or the media types of a non-JSON response */
  response: { schema: string } | { media: Record<string, { schema: string | null }> };
  notFound: boolean;
}

const FEED_MEDIA: RouteDef['response'] = {
  media: {
    'application/rss+xml': { schema: null },
    'application/atom+xml': { schema: null },
    'application/feed+json': { schema: 'JsonFeed' },
  },
};

export const ROUTES: RouteDef[] = [
  {
    action: 'catalogue', path: '/catalogue', params: 'catalogue', pathParams: [], tag: '公开目录',
    summary: '公开目录（栏目树）',
    description: '一个机构（org）或全部机构的公开目录栏目树：每个栏目的代码、名称、类别、更新频率、公开信息条数（本栏目 / 含下级）和最近发布日期。只含公开栏目。',
    response: { schema: 'CatalogueResponse' }, notFound: false,
  },
  {
    action: 'items', path: '/items', params: 'items', pathParams: [], tag: '政府信息',
    summary: '政府信息列表',
    description: '主动公开、面向社会、非密的已发布政府信息，按发布日期倒序（默认）。游标分页（cursor，发布新信息时翻页不重复、不遗漏）或页码分页（page）；fields 返回稀疏字段。列表只含元数据和摘要，不含正文。',
    response: { schema: 'ItemListResponse' }, notFound: false,
  },
  {
    action: 'item', path: '/items/:id', params: 'item', tag: '政府信息',
    pathParams: [{ name: 'id', description: 'documentId，或 URL 编码的索引号（如 000014349%2F2025-00001）', example: '000014349%2F2025-00001' }],
    summary: '政府信息详情',
    description: '完整元数据、正文（Markdown 原文 body，以及写入时渲染并净化的 HTML：bodyHtml、summaryHtml；format=wx 时另有微信小程序 rich-text 节点 bodyNodes）、附件、所属目录路径、政策解读及其解读的政策。未公开或不存在：404。',
    response: { schema: 'ItemDetailResponse' }, notFound: true,
  },
  {
    action: 'laws', path: '/laws', params: 'laws', pathParams: [], tag: '法规文件',
    summary: '法律法规与规范性文件列表',
    description: '已发布的法规文件，可按效力级别、效力状态、某日有效（effectiveOn）、发布机构、关键词筛选；游标或页码分页。',
    response: { schema: 'LawListResponse' }, notFound: false,
  },
  {
    action: 'law', path: '/laws/:id', params: 'law', tag: '法规文件',
    pathParams: [{ name: 'id', description: 'documentId' }],
    summary: '法规文件详情',
    description: '效力状态、施行/失效/废止日期、正文（Markdown 原文 body，以及写入时渲染并净化的 HTML：bodyHtml、summaryHtml；format=wx 时另有微信小程序 rich-text 节点 bodyNodes），以及废止/修改关系（只链接已发布的法规文件）。',
    response: { schema: 'LawDetailResponse' }, notFound: true,
  },
  {
    action: 'annualReports', path: '/annual-reports', params: 'annualReports', pathParams: [], tag: '年度报告',
    summary: '政府信息公开工作年度报告列表',
    description: '已发布的年度报告，可按机构和年度筛选，年度倒序。',
    response: { schema: 'AnnualReportListResponse' }, notFound: false,
  },
  {
    action: 'annualReport', path: '/annual-reports/:id', params: 'annualReport', tag: '年度报告',
    pathParams: [{ name: 'id', description: 'documentId' }],
    summary: '年度报告详情',
    description: '六个部分（官方标题），表二/表三/表四按 2021 年格式（国办公开办函〔2021〕30号）的固定键给出，并附官方合并单元格版式的 HTML。',
    response: { schema: 'AnnualReportDetailResponse' }, notFound: true,
  },
  {
    action: 'search', path: '/search', params: 'search', pathParams: [], tag: '检索',
    summary: '全文检索',
    description: '检索已公开的政府信息和法规文件的标题、索引号、发文字号、摘要和正文。中文分词，全部词语都须出现。排序分层：检索词为发文字号或索引号（或其开头）时先列出该文件；检索词为机关代字时，发文字号带该代字的文件在前；其次标题含全部词语的文件；再次其他匹配文件；每层内按发布日期倒序。匹配多于 search.countCap（默认 1000）条时 total 为该上限、meta.query.capped 为 true，各页仍可取。返回高亮标题和摘录（<mark>）。筛选条件同 /items。',
    response: { schema: 'SearchResponse' }, notFound: false,
  },
  {
    action: 'feed', path: '/feeds/:feed', params: 'feed', tag: '订阅',
    pathParams: [{ name: 'feed', description: '栏目代码加格式后缀：.rss（RSS 2.0）、.atom（Atom 1.0）或 .json（JSON Feed 1.1）', pattern: '^.+\\.(rss|atom|json)$', example: 'QS-FD-GZDT.rss' }],
    summary: '栏目订阅源',
    description: '公开目录栏目（含下级栏目）最新的政府信息。条目和频道链接到门户页面（配置 feeds.itemLinkTemplate、feeds.channelLinkTemplate），发布机构在 RSS 的 dc:creator、Atom 的 author/name、JSON Feed 的 authors 中，日期均为北京时间（+08:00）。栏目代码在多个机构重复时用 org 指定机构。',
    response: FEED_MEDIA,
    notFound: true,
  },
  {
    action: 'lawFeed', path: '/feeds/laws/:feed', params: 'lawFeed', tag: '订阅',
    pathParams: [{ name: 'feed', description: 'all 加格式后缀：all.rss、all.atom 或 all.json', pattern: '^all\\.(rss|atom|json)$', example: 'all.rss' }],
    summary: '法规文件订阅源',
    description: '最新发布的法律法规与规范性文件（可用 org 限定发布机构），条目链接到门户的法规文件页面（feeds.lawLinkTemplate）。',
    response: FEED_MEDIA,
    notFound: true,
  },
  {
    action: 'openapi', path: '/openapi.json', params: 'openapi', pathParams: [], tag: '文档',
    summary: 'OpenAPI 3.1 文档',
    description: '本接口的 OpenAPI 3.1 描述（即本文档）。',
    response: { media: { 'application/json': { schema: null } } }, notFound: false,
  },
];

/** "/items/:id" → "/items/{id}" */
export const openApiPath = (path: string) => path.replace(/:([A-Za-z]+)/g, '{$1}');
