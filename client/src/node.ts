/**
 * Node transport on node:http / node:https (no dependency), with gzip/br decompression.
 * Kept out of the main entry so browser and mini-program bundles never see node: imports.
 */
import http from 'node:http';
import https from 'node:https';
import zlib from 'node:zlib';
import type { Transport } from './transport';

export function nodeTransport(options: { agent?: http.Agent; timeoutMs?: number } = {}): Transport {
  return ({ url, headers, method = 'GET', body }) =>
    new Promise((resolve, reject) => {
      const u = new URL(url);
      const mod = u.protocol === 'https:' ? https : http;
      const req = mod.request(u, { method, headers: { 'accept-encoding': 'br, gzip', ...headers, ...(body === undefined ? {} : { 'content-length': String(Buffer.byteLength(body)) }) }, agent: options.agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          try {
            let buf: Buffer = Buffer.concat(chunks);
            const enc = String(res.headers['content-encoding'] ?? '');
            if (enc === 'br') buf = zlib.brotliDecompressSync(buf);
            else if (enc === 'gzip') buf = zlib.gunzipSync(buf);
            const h: Record<string, string> = {};
            for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) h[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : String(v);
            resolve({ status: res.statusCode ?? 0, headers: h, body: buf.toString('utf8') });
          } catch (err) {
            reject(err);
          }
        });
      });
      if (options.timeoutMs) req.setTimeout(options.timeoutMs, () => req.destroy(new Error(`请求超时（${options.timeoutMs} 毫秒）`)));
      req.on('error', reject);
      req.end(body);
    });
}

export * from './index';
