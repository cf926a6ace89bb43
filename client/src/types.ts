/**
 * The public API's response types (/api/gov/v1). The server's serializers are typed against these
 * interfaces (plugins/gov-api/server/src/serializers), so a field added on one side and not the other
 * fails the type check; the OpenAPI document describes the same shapes and the tests validate real
 * responses against it.
 */

export interface OrganizationRef {
  /** documentId */
  id: string;
  /** 机构代码（索引号前段码） */
  code: string;
  name: string;
  shortName: string | null;
}

export interface SubjectCategoryRef {
  id: string;
  code: string;
  name: string;
  /** "一级\二级" */
  path: string;
}

export interface CatalogueNodeRef {
  id: string;
  code: string;
  name: string;
}

/** 政府信息 in lists: the metadata block and summary, never the body. */
export interface ItemListEntry {
  id: string;
  /** 索引号 */
  indexNo: string | null;
  title: string;
  slug: string | null;
  /** 发布机构 */
  organization: OrganizationRef | null;
  /** 发文机关 */
  issuingAuthority: string | null;
  /** 发文字号 */
  documentNumber: string | null;
  /** 成文日期 YYYY-MM-DD */
  writtenDate: string | null;
  /** 发布日期 YYYY-MM-DD */
  publishDate: string | null;
  /** 主题分类 */
  subjectCategory: SubjectCategoryRef | null;
  /** 体裁分类 */
  genre: string | null;
  /** 有效性 */
  validity: string | null;
  /** 是否规范性文件 */
  isNormative: boolean;
  /** 失效日期 */
  expiryDate: string | null;
  /** 主题词 */
  keywords: string[];
  summary: string | null;
}

/** With `fields=`: id plus the requested fields. */
export type ItemListEntryPartial = Partial<ItemListEntry> & { id: string };

export interface Attachment {
  name: string;
  url: string;
  mime: string | null;
  ext: string | null;
  /** KB, as Strapi's upload plugin records it */
  size: number | null;
}

export interface ItemLink {
  id: string;
  indexNo: string | null;
  title: string;
  publishDate: string | null;
}

/** A node of WeChat's <rich-text nodes>: an element or a text. */
export type RichTextNode =
  | { name: string; attrs?: Record<string, string>; children?: RichTextNode[] }
  | { type: 'text'; text: string };

export interface ItemDetail extends ItemListEntry {
  /** 公开方式 (always 主动公开 here) */
  disclosureMode: string;
  /** 内容概述 rendered to sanitized HTML at write time (safe to insert as is) */
  summaryHtml: string | null;
  /** 正文 (Markdown source) */
  body: string | null;
  bodyFormat: 'markdown';
  /** 正文 rendered to sanitized HTML at write time (safe to insert as is) */
  bodyHtml: string | null;
  /** With ?format=wx only: 正文 as WeChat rich-text nodes */
  bodyNodes?: RichTextNode[];
  attachments: Attachment[];
  /** For each catalogue node of the item: the path from the root node. */
  cataloguePaths: CatalogueNodeRef[][];
  /** The policy this item interprets (政策解读 → 政策). */
  interprets: ItemLink | null;
  /** Interpretations of this item. */
  interpretations: ItemLink[];
  /** When this version was published (ISO 8601). */
  publishedAt: string | null;
}

export interface LawListEntry {
  id: string;
  title: string;
  slug: string | null;
  /** 效力级别 */
  level: string | null;
  /** 效力状态 */
  status: string | null;
  issuingAuthority: string | null;
  documentNumber: string | null;
  writtenDate: string | null;
  publishDate: string | null;
  /** 施行日期 */
  effectiveDate: string | null;
  expiryDate: string | null;
  /** 废止日期 */
  repealedDate: string | null;
  organization: OrganizationRef | null;
  summary: string | null;
}

export type LawListEntryPartial = Partial<LawListEntry> & { id: string };

export interface LawLink {
  id: string;
  title: string;
  documentNumber: string | null;
  status: string | null;
}

export interface LawDetail extends LawListEntry {
  /** 内容概述 rendered to sanitized HTML at write time (safe to insert as is) */
  summaryHtml: string | null;
  /** 正文 (Markdown source) */
  body: string | null;
  bodyFormat: 'markdown';
  /** 正文 rendered to sanitized HTML at write time (safe to insert as is) */
  bodyHtml: string | null;
  /** With ?format=wx only: 正文 as WeChat rich-text nodes */
  bodyNodes?: RichTextNode[];
  repealedBy: LawLink | null;
  repeals: LawLink[];
  amendedBy: LawLink | null;
  amends: LawLink[];
  publishedAt: string | null;
}

export interface AnnualReportListEntry {
  id: string;
  title: string | null;
  organization: OrganizationRef | null;
  year: number;
  /** 2021 (现行格式) or 2019 (试行格式) */
  formatVersion: number;
  publishedAt: string | null;
}

export interface ReportSection {
  /** Official heading, e.g. "一、总体情况" */
  heading: string;
  /** Prose (Markdown) for 一、五、六; null for the table sections 二、三、四. */
  text: string | null;
}

export type ReportTable = Record<string, Record<string, number>>;

export interface AnnualReportDetail extends AnnualReportListEntry {
  sections: {
    overview: ReportSection;
    proactiveDisclosure: ReportSection;
    requests: ReportSection;
    reviewAndLitigation: ReportSection;
    problems: ReportSection;
    otherMatters: ReportSection;
  };
  /** 表二/表三/表四 under the stable keys of the 2021 format; null for 2019-format reports. */
  tables: { table2: ReportTable; table3: ReportTable; table4: ReportTable } | null;
  /** The three tables as HTML in the official merged-cell layout (2021 format), or null. */
  tablesHtml: string | null;
  /** 国办公开办函〔2021〕30号 */
  formatSource: string | null;
}

export interface CatalogueNode {
  id: string;
  code: string;
  provincialCode: string | null;
  name: string;
  kind: string | null;
  cadence: string | null;
  description: string | null;
  /** Public items attached to this node itself. */
  itemCount: number;
  /** Public items in this node and its descendants (each counted once). */
  totalItemCount: number;
  /** Latest 发布日期 in this node and its descendants. */
  lastPublishDate: string | null;
  children: CatalogueNode[];
}

export interface CatalogueTree {
  organization: OrganizationRef;
  nodes: CatalogueNode[];
}

export interface SearchHit {
  type: 'item' | 'law';
  id: string;
  title: string;
  /** Title, HTML-escaped, matches in <mark>. */
  highlightedTitle: string;
  /** An excerpt of the summary/body, HTML-escaped, matches in <mark>. */
  snippet: string;
  /** All query words occur in the title (these hits come first). */
  titleMatch: boolean;
  indexNo: string | null;
  documentNumber: string | null;
  publishDate: string | null;
  organization: OrganizationRef | null;
}

export interface Pagination {
  limit: number;
  total: number;
  /** Page number (page mode, `page=` given), else null (cursor mode). */
  page: number | null;
  /** ceil(total / limit) */
  pageCount: number;
  /** Opaque cursor of the next page (cursor mode), null on the last page. */
  nextCursor: string | null;
}

export interface ListResponse<T> {
  data: T[];
  meta: { pagination: Pagination };
}

export interface SearchResponse {
  data: SearchHit[];
  /** query.terms: the words searched; query.capped: more documents matched than the server counts (search.countCap): pagination.total is that cap (every match is still ranked and every page reachable). */
  meta: { pagination: Pagination; query: { q: string; terms: string[]; capped: boolean } };
}

export interface DetailResponse<T> {
  data: T;
  meta: Record<string, never>;
}

export interface CatalogueResponse {
  data: CatalogueTree[];
  meta: Record<string, never>;
}

/** JSON Feed 1.1 author: the organisation. */
export interface JsonFeedAuthor {
  name: string;
}

/** A JSON Feed 1.1 item (jsonfeed.org/version/1.1); dates are RFC 3339 in China time (+08:00). */
export interface JsonFeedItem {
  /** the page URL of the item (portal) */
  id: string;
  url: string;
  title: string;
  /** sanitized HTML: metadata line and the body (else the summary) */
  content_html: string;
  /** plain summary (内容概述), when there is one */
  summary?: string;
  date_published: string;
  date_modified: string;
  authors?: JsonFeedAuthor[];
  /** 体裁分类 (items) or 效力级别 (laws) */
  tags?: string[];
}

export interface JsonFeed {
  /** "https://jsonfeed.org/version/1.1" */
  version: string;
  title: string;
  home_page_url: string;
  feed_url: string;
  description: string;
  language: string;
  authors: JsonFeedAuthor[];
  items: JsonFeedItem[];
}

export interface ApiErrorBody {
  data: null;
  error: { status: number; name: string; message: string; details: Record<string, unknown> };
}

export type FeedFormat = 'rss' | 'atom' | 'json';

// ------------------------------------------------------------------------------ 依申请公开 (public side)

/** 申请人类别 */
export type ApplicantCategory = '自然人' | '商业企业' | '科研机构' | '社会公益组织' | '法律服务机构' | '其他';

/** 获取信息的方式 */
export type DeliveryMethod = '纸质' | '电子邮件' | '光盘' | '当场阅读' | '其他';

/** POST /requests: an application. At least one of phone, e-mail or address. */
export interface RequestApplication {
  /** 受理机关: organisation documentId or code */
  organization: string;
  /** Default 自然人 */
  applicantCategory?: ApplicantCategory;
  applicantName: string;
  /** 证件类型, default 居民身份证 (护照, 港澳居民来往内地通行证, 台湾居民来往大陆通行证, 外国人永久居留身份证, 统一社会信用代码, 其他) */
  applicantIdType?: string;
  /** checked against the type (居民身份证: GB 11643 check character); organisations may give their 统一社会信用代码 */
  applicantIdNumber?: string;
  /** mobile (1[3-9] + 9 digits, +86 allowed) or landline with area code (extension allowed), 400/800 */
  applicantPhone?: string;
  applicantEmail?: string;
  applicantAddress?: string;
  /** 所需信息的内容描述, 5–5000 characters */
  requestedContent: string;
  purpose?: string;
  /** Default 电子邮件 */
  deliveryMethod?: DeliveryMethod;
}

/** The answer to a submission: the query code is shown once and stored only hashed. */
export interface RequestReceipt {
  /** 受理编号, e.g. YSQ2025000001 */
  trackingNo: string;
  /** 查询码 */
  queryCode: string;
}

export interface RequestTimelineEntry {
  type: string;
  /** e.g. 登记受理, 延长答复期限, 答复 */
  label: string;
  date: string;
}

/** GET /requests/:trackingNo?code=: progress, never applicant data. */
export interface RequestStatus {
  trackingNo: string;
  /** 受理机关 name */
  organization: string | null;
  channel: string;
  submittedDate: string | null;
  /** 收到申请日期 */
  receivedDate: string;
  /** 办理状态 (已登记 · 办理中 · 待补正 · 暂停计时 · 已答复 · 已办结) */
  handlingStatus: string;
  /** 答复期限 */
  dueDate: string | null;
  /** The due date falls in a year whose holiday arrangement is not yet published. */
  dueDateProvisional: boolean;
  /** Working days left until the due date. */
  daysLeft: number | null;
  overdue: boolean;
  state: 'open' | 'awaitingCorrection' | 'paused' | 'replied' | 'closed';
  repliedDate: string | null;
  closedDate: string | null;
  /** 办理结果 (a 表三 result key and its label), once closed. */
  result: { key: string; label: string } | null;
  timeline: RequestTimelineEntry[];
}
