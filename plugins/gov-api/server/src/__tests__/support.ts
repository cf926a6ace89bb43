/**
 * Shared by the integration tests tests/integration/gov-api-*.test.ts: an HTTP agent on the booted
 * Strapi, an OpenAPI validator (ajv 2020 + formats) checking real responses against /openapi.json,
 * and data builders. Not part of the compiled plugin (__tests__ is excluded from tsconfig.json).
 */
import request from 'supertest';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { Core } from '@strapi/strapi';
import { publishDoc } from '../../../../../tests/helpers/publish';

export const BASE = '/api/gov/v1';
export const UIDS = {
  org: 'api::organization.organization',
  node: 'api::catalogue-node.catalogue-node',
  item: 'api::disclosure-item.disclosure-item',
  law: 'api::law.law',
  report: 'api::annual-report.annual-report',
  category: 'api::subject-category.subject-category',
} as const;

export const docs = (strapi: Core.Strapi, uid: string) => strapi.documents(uid as any) as any;

export function agent(strapi: Core.Strapi) {
  return request(strapi.server.httpServer);
}

export async function get(strapi: Core.Strapi, path: string, headers: Record<string, string> = {}) {
  const r = agent(strapi).get(path.startsWith('/api/') ? path : `${BASE}${path}`);
  for (const [k, v] of Object.entries(headers)) r.set(k, v);
  return r;
}

export const plugin = (strapi: Core.Strapi) => strapi.plugin('gov-api') as any;

/** Generous limits for tests that are not about rate limiting, and a cold cache. */
export function relax(strapi: Core.Strapi) {
  plugin(strapi).service('settings').configure({ rateLimit: { enabled: true, ratePerSecond: 100000, burst: 100000 } });
  plugin(strapi).service('rateLimit').reset();
}

export async function publish(strapi: Core.Strapi, uid: string, documentId: string) {
  return publishDoc(strapi, uid, documentId);
}

/** Publish where the review workflow may legitimately refuse (forbidden content): returns whether it published. */
export async function tryPublish(strapi: Core.Strapi, uid: string, documentId: string): Promise<boolean> {
  try {
    await publishDoc(strapi, uid, documentId);
    return true;
  } catch {
    return false;
  }
}

/** The published row of a document (or null). */
export async function publishedRow(strapi: Core.Strapi, uid: string, documentId: string) {
  return strapi.db.query(uid as any).findOne({ where: { documentId, publishedAt: { $notNull: true } } });
}

// ------------------------------------------------------------------------------------------------
// OpenAPI validation of real responses

export class OpenApiChecker {
  private ajv: any;
  private doc: any;
  checked = new Set<string>();

  constructor(doc: any) {
    this.doc = doc;
    const Ajv: any = (Ajv2020 as any).default ?? Ajv2020;
    this.ajv = new Ajv({ strict: false, allErrors: true });
    ((addFormats as any).default ?? addFormats)(this.ajv);
    this.ajv.addSchema({ ...doc, $id: 'openapi.json' });
  }

  /** The documented path template matching a concrete path (e.g. /items/abc → /items/{id}). */
  template(path: string): string | null {
    for (const t of Object.keys(this.doc.paths)) {
      const re = new RegExp(`^${t.replace(/\{[^}]+\}/g, '[^/]+').replace(/\./g, '\\.')}$`);
      if (re.test(path)) return t;
    }
    return null;
  }

  /**
   * Assert a response is documented: path, every query parameter, status and media type, and that the
   * body validates against the documented schema. Returns the operation's template.
   */
  check(res: request.Response, url: string): string {
    const u = new URL(url, 'http://x');
    const path = u.pathname.replace(/^\/api\/gov\/v1/, '');
    const t = this.template(path);
    if (!t) throw new Error(`undocumented path ${path}`);
    const method = String((res as any).req?.method ?? 'GET').toLowerCase();
    const op = this.doc.paths[t][method];
    if (!op) throw new Error(`undocumented method ${method.toUpperCase()} on ${t}`);
    const names = new Set((op.parameters ?? []).filter((p: any) => p.in === 'query').map((p: any) => p.name));
    for (const k of u.searchParams.keys()) {
      if (!names.has(k) && res.status !== 400) throw new Error(`undocumented parameter ${k} on ${t} answered ${res.status}`);
    }
    const response = op.responses[String(res.status)];
    if (!response) throw new Error(`undocumented status ${res.status} on ${t}: ${res.text?.slice(0, 300)}`);
    this.checked.add(`${t} ${res.status}`);
    if (res.status === 304) return t;
    const media = String(res.headers['content-type'] ?? '').split(';')[0].trim();
    const content = response.content?.[media];
    if (!content) throw new Error(`undocumented media type ${media} for ${t} ${res.status}`);
    if (content.schema?.$ref) {
      const validate = this.ajv.getSchema(`openapi.json${content.schema.$ref}`) ?? this.ajv.compile({ $ref: `openapi.json${content.schema.$ref}` });
      const body = res.body && Object.keys(res.body).length ? res.body : JSON.parse(res.text);
      if (!validate(body)) {
        throw new Error(`response of ${url} (${res.status}) does not match ${content.schema.$ref}: ${this.ajv.errorsText(validate.errors, { separator: '\n' })}`);
      }
    }
    return t;
  }
}

// ------------------------------------------------------------------------------------------------
// Data

let seq = 0;
export const uniq = (prefix: string) => `${prefix}${process.pid % 1000}${++seq}`;

/** A short ASCII marker the Chinese segmenter keeps as one word (searchable, unmistakable in bodies). */
export const marker = (tag: string) => `zq${tag}${(Date.now() % 100000).toString(36)}${(++seq).toString(36)}`.toLowerCase();

/** Unpublish (撤稿) through the review workflow when it requires a reason, else directly. */
export async function unpublish(strapi: Core.Strapi, uid: string, documentId: string) {
  const workflow = (strapi.plugin('review-workflow') as any)?.service?.('workflow');
  if (workflow?.unpublish && workflow.isReviewed?.(uid)) {
    return workflow.unpublish(uid, documentId, { id: null, name: '测试', roles: [] }, '测试撤稿');
  }
  return docs(strapi, uid).unpublish({ documentId });
}
