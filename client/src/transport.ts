/**
 * Transports: how the client sends a request (GET; POST with a JSON body for 依申请公开 submissions).
 * The client itself has no runtime dependency; pick the transport of your platform:
 *   - fetchTransport()            browsers, Node ≥ 18, Deno, Bun, edge runtimes
 *   - nodeTransport()             Node's http/https (import from '@gov-disclosure/client/node')
 *   - wxTransport(wx)             WeChat mini-programs (wx.request)
 */

export interface TransportRequest {
  url: string;
  headers: Record<string, string>;
  /** Default GET. */
  method?: 'GET' | 'POST';
  /** Request body (POST), already serialised. */
  body?: string;
}

export interface TransportResponse {
  status: number;
  /** Lower-case header names. */
  headers: Record<string, string>;
  /** The body as text (already decompressed). */
  body: string;
}

export type Transport = (req: TransportRequest) => Promise<TransportResponse>;

interface FetchResponseLike {
  status: number;
  headers: { forEach(cb: (value: string, key: string) => void): void };
  text(): Promise<string>;
}
type FetchLike = (url: string, init: { method: string; headers: Record<string, string>; body?: string }) => Promise<FetchResponseLike>;

/** WHATWG fetch (the global one by default). */
export function fetchTransport(fetchImpl?: FetchLike): Transport {
  return async ({ url, headers, method = 'GET', body }) => {
    const f = fetchImpl ?? ((globalThis as unknown as { fetch?: FetchLike }).fetch);
    if (!f) throw new Error('fetch is not available: pass an implementation to fetchTransport()');
    const res = await f(url, { method, headers, body });
    const h: Record<string, string> = {};
    res.headers.forEach((value, key) => {
      h[key.toLowerCase()] = value;
    });
    return { status: res.status, headers: h, body: await res.text() };
  };
}

/** The part of the mini-program API the client uses. */
export interface WxLike {
  request(options: {
    url: string;
    method: 'GET' | 'POST';
    header: Record<string, string>;
    data?: string;
    dataType: string;
    responseType: 'text';
    success: (res: { statusCode: number; header: Record<string, string>; data: unknown }) => void;
    fail: (err: { errMsg: string }) => void;
  }): unknown;
}

/** WeChat mini-program transport (wx.request; add the API host to the mini-program's request domains). */
export function wxTransport(wx: WxLike): Transport {
  return ({ url, headers, method = 'GET', body }) =>
    new Promise((resolve, reject) => {
      wx.request({
        url,
        method,
        header: headers,
        data: body,
        dataType: '其他', // anything but "json": keep the raw text, the client parses it
        responseType: 'text',
        success: (res) => {
          const h: Record<string, string> = {};
          for (const [k, v] of Object.entries(res.header ?? {})) h[k.toLowerCase()] = String(v);
          resolve({ status: res.statusCode, headers: h, body: typeof res.data === 'string' ? res.data : JSON.stringify(res.data ?? '') });
        },
        fail: (err) => reject(new Error(`wx.request 失败：${err.errMsg}`)),
      });
    });
}
