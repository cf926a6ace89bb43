/**
 * @gov-disclosure/client — a small typed client for the public API (/api/gov/v1) of the
 * 政府信息公开平台. No runtime dependencies; the transport is pluggable (fetch, Node, wx.request).
 *
 *   import { GovApiClient, fetchTransport } from '@gov-disclosure/client';
 *   const api = new GovApiClient({ baseUrl: 'https://www.example.gov.cn/api/gov/v1', transport: fetchTransport() });
 *   const { data, meta } = await api.items({ node: 'QS-FD-GZDT', limit: 20 });
 *   for await (const item of api.allItems({ org: '000014349' })) { ... }   // follows the cursors
 *   const { data: receipt } = await api.submitRequest({ organization: '000014349', ... });   // 依申请公开
 */
import type {
  AnnualReportDetail, AnnualReportListEntry, ApiErrorBody, ApplicantCategory, CatalogueResponse, DeliveryMethod, DetailResponse,
  FeedFormat, ItemDetail, ItemListEntry, ItemListEntryPartial, JsonFeed, LawDetail, LawListEntry, LawListEntryPartial, ListResponse,
  RequestApplication, RequestReceipt, RequestStatus, SearchResponse,
} from './types';
import type { Transport } from './transport';

export * from './types';
export * from './transport';

/** 申请人类别 accepted by submitRequest (default 自然人). */
export const APPLICANT_CATEGORIES: readonly ApplicantCategory[] = ['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他'];

/** 获取信息的方式 accepted by submitRequest (default 电子邮件). */
export const DELIVERY_METHODS: readonly DeliveryMethod[] = ['纸质', '电子邮件', '光盘', '当场阅读', '其他'];

export interface ListQuery {
  cursor?: string;
  page?: number;
  /** 1–100, default 20 */
  limit?: number;
}

export interface ItemFilters {
  /** catalogue node code or documentId (descendants included) */
  node?: string;
  /** organisation code or documentId */
  org?: string;
  year?: number;
  /** subject category code, name, "一级\二级" or documentId (children included) */
  category?: string;
  genre?: string;
  /** 发布日期 from / to, YYYY-MM-DD */
  from?: string;
  to?: string;
  validity?: string;
  q?: string;
}

export interface ItemQuery extends ItemFilters, ListQuery {
  sort?: 'publishDate:desc' | 'publishDate:asc';
  fields?: Array<keyof ItemListEntry>;
}

export interface LawQuery extends ListQuery {
  level?: string;
  status?: string;
  /** in force on this day, YYYY-MM-DD */
  effectiveOn?: string;
  org?: string;
  year?: number;
  q?: string;
  sort?: 'publishDate:desc' | 'publishDate:asc';
  fields?: Array<keyof LawListEntry>;
}

export interface AnnualReportQuery {
  org?: string;
  year?: number;
  page?: number;
  limit?: number;
}

export interface SearchQuery extends ItemFilters {
  q: string;
  type?: 'item' | 'law';
  page?: number;
  limit?: number;
}

export interface ClientOptions {
  /** e.g. "https://www.example.gov.cn/api/gov/v1" */
  baseUrl: string;
  transport: Transport;
  /** Extra headers on every request. */
  headers?: Record<string, string>;
  /** Keep responses and revalidate them with If-None-Match (304 → the kept copy). Default false. */
  conditionalCache?: boolean;
}

/** An error answer of the API (Strapi's error shape; message in Chinese). */
export class GovApiError extends Error {
  readonly status: number;
  readonly errorName: string;
  readonly details: Record<string, unknown>;
  /** Seconds, on 429. */
  readonly retryAfter: number | null;

  constructor(status: number, body: Partial<ApiErrorBody> | null, retryAfter: string | undefined) {
    super(body?.error?.message ?? `HTTP ${status}`);
    this.name = 'GovApiError';
    this.status = status;
    this.errorName = body?.error?.name ?? 'HttpError';
    this.details = body?.error?.details ?? {};
    this.retryAfter = retryAfter ? Number(retryAfter) : null;
  }
}

type QueryValue = string | number | undefined | null | string[];

function queryString(params: Record<string, QueryValue> | undefined): string {
  if (!params) return '';
  const parts: string[] = [];
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '') continue;
    const value = Array.isArray(v) ? v.join(',') : String(v);
    parts.push(`${encodeURIComponent(k)}=${encodeURIComponent(value)}`);
  }
  return parts.length ? `?${parts.join('&')}` : '';
}

export class GovApiClient {
  private readonly baseUrl: string;
  private readonly kept = new Map<string, { etag: string; body: string }>();

  constructor(private readonly options: ClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
  }

  /** GET a path below the base URL; returns the body text (throws GovApiError on 4xx/5xx). */
  getText(path: string, params?: Record<string, QueryValue>): Promise<string> {
    return this.send('GET', path, params);
  }

  async getJson<T>(path: string, params?: Record<string, QueryValue>): Promise<T> {
    return JSON.parse(await this.getText(path, params)) as T;
  }

  private async send(method: 'GET' | 'POST', path: string, params?: Record<string, QueryValue>, json?: unknown): Promise<string> {
    const url = `${this.baseUrl}${path}${queryString(params)}`;
    const headers: Record<string, string> = { accept: 'application/json', ...(this.options.headers ?? {}) };
    const keep = this.options.conditionalCache && method === 'GET';
    const kept = keep ? this.kept.get(url) : undefined;
    if (kept) headers['if-none-match'] = kept.etag;
    let payload: string | undefined;
    if (json !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(json);
    }
    const res = await this.options.transport({ url, headers, method, body: payload });
    if (res.status === 304 && kept) return kept.body;
    if (res.status >= 400 || res.status < 200) {
      let body: Partial<ApiErrorBody> | null = null;
      try {
        body = JSON.parse(res.body);
      } catch {
        body = null;
      }
      throw new GovApiError(res.status, body, res.headers['retry-after']);
    }
    if (keep && res.headers.etag && !/no-store/i.test(res.headers['cache-control'] ?? '')) this.kept.set(url, { etag: res.headers.etag, body: res.body });
    return res.body;
  }

  /** 公开目录 of an organisation (or of all). */
  catalogue(query: { org?: string } = {}): Promise<CatalogueResponse> {
    return this.getJson('/catalogue', { ...query });
  }

  /** 政府信息 list. With `fields`, entries carry only id and those fields. */
  items(query: ItemQuery & { fields: Array<keyof ItemListEntry> }): Promise<ListResponse<ItemListEntryPartial>>;
  items(query?: ItemQuery): Promise<ListResponse<ItemListEntry>>;
  items(query: ItemQuery = {}): Promise<ListResponse<ItemListEntry | ItemListEntryPartial>> {
    return this.getJson('/items', { ...query } as Record<string, QueryValue>);
  }

  /** Every entry of a filtered list, following the cursors page by page. */
  async *allItems(query: Omit<ItemQuery, 'cursor' | 'page' | 'fields'> = {}): AsyncGenerator<ItemListEntry> {
    let cursor: string | undefined;
    do {
      const page = await this.items({ ...query, cursor });
      yield* page.data;
      cursor = page.meta.pagination.nextCursor ?? undefined;
    } while (cursor);
  }

  /**
   * One 政府信息 by documentId or 索引号: the Markdown source (body) and the server-rendered, sanitized
   * HTML (bodyHtml, summaryHtml); `{ format: 'wx' }` adds bodyNodes for a mini-program's <rich-text nodes>.
   */
  item(idOrIndexNo: string, options: { format?: 'wx' } = {}): Promise<DetailResponse<ItemDetail>> {
    return this.getJson(`/items/${encodeURIComponent(idOrIndexNo)}`, options.format ? { format: options.format } : undefined);
  }

  laws(query: LawQuery & { fields: Array<keyof LawListEntry> }): Promise<ListResponse<LawListEntryPartial>>;
  laws(query?: LawQuery): Promise<ListResponse<LawListEntry>>;
  laws(query: LawQuery = {}): Promise<ListResponse<LawListEntry | LawListEntryPartial>> {
    return this.getJson('/laws', { ...query } as Record<string, QueryValue>);
  }

  /** One law: body (Markdown), bodyHtml / summaryHtml (sanitized HTML); `{ format: 'wx' }` adds bodyNodes. */
  law(id: string, options: { format?: 'wx' } = {}): Promise<DetailResponse<LawDetail>> {
    return this.getJson(`/laws/${encodeURIComponent(id)}`, options.format ? { format: options.format } : undefined);
  }

  annualReports(query: AnnualReportQuery = {}): Promise<ListResponse<AnnualReportListEntry>> {
    return this.getJson('/annual-reports', { ...query });
  }

  annualReport(id: string): Promise<DetailResponse<AnnualReportDetail>> {
    return this.getJson(`/annual-reports/${encodeURIComponent(id)}`);
  }

  /** Full-text search (titles first, highlighted snippets). */
  search(query: SearchQuery): Promise<SearchResponse> {
    return this.getJson('/search', { ...query } as unknown as Record<string, QueryValue>);
  }

  /** A catalogue node's feed: JSON Feed parsed, RSS/Atom as XML text. */
  feed(nodeCode: string, format: 'json', query?: { org?: string }): Promise<JsonFeed>;
  feed(nodeCode: string, format: 'rss' | 'atom', query?: { org?: string }): Promise<string>;
  async feed(nodeCode: string, format: FeedFormat, query: { org?: string } = {}): Promise<JsonFeed | string> {
    const text = await this.getText(`/feeds/${encodeURIComponent(nodeCode)}.${format}`, { ...query });
    return format === 'json' ? (JSON.parse(text) as JsonFeed) : text;
  }

  /**
   * 依申请公开: submit an application (POST /requests, sent once, never cached). The query code in the
   * answer is shown only this once: display it to the applicant. 400 names the field, 429 has retryAfter.
   */
  async submitRequest(application: RequestApplication): Promise<{ data: RequestReceipt }> {
    return JSON.parse(await this.send('POST', '/requests', undefined, application)) as { data: RequestReceipt };
  }

  /** 依申请公开: progress of an application for the holder of its query code (404 for a wrong number or code alike). */
  requestStatus(trackingNo: string, queryCode: string): Promise<{ data: RequestStatus }> {
    return this.getJson(`/requests/${encodeURIComponent(trackingNo)}`, { code: queryCode });
  }

  /** The OpenAPI 3.1 document. */
  openapi(): Promise<Record<string, unknown>> {
    return this.getJson('/openapi.json');
  }
}
