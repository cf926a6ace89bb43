import { XMLBuilder } from 'fast-xml-parser';
import type { TargetFormat, TargetMapping } from './config';

/**
 * Bodies of pushed events. Upsert: the document's public representation (services/representation.ts)
 * with the target's mapping applied. Tombstone: { documentId, op: 'tombstone', type } (mapped the same way).
 */
export function applyMapping(doc: Record<string, unknown>, mapping: TargetMapping): Record<string, unknown> {
  const catalogueMap = mapping.catalogue ?? {};
  const src: Record<string, unknown> = { ...doc };
  if (Array.isArray(src.catalogue) && Object.keys(catalogueMap).length) {
    src.catalogue = src.catalogue.map((n: any) => (n && typeof n === 'object' && typeof n.code === 'string' && catalogueMap[n.code] ? { ...n, code: catalogueMap[n.code] } : n));
  }
  const fields = mapping.fields ?? {};
  if (!Object.keys(fields).length) return src;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(src)) {
    if (Object.prototype.hasOwnProperty.call(fields, k)) {
      const to = fields[k];
      if (to === null || to === undefined) continue;
      out[to] = v;
    } else if (!Object.values(fields).includes(k)) out[k] = v;
  }
  return out;
}

export function tombstoneBody(documentId: string, type: string, superseded = false): Record<string, unknown> {
  return { documentId, op: 'tombstone', type, ...(superseded ? { superseded: true } : {}) };
}

const XML_NAME = /^[A-Za-z_\u4e00-\u9fff][A-Za-z0-9_.\-\u4e00-\u9fff]*$/;
// characters not allowed in XML 1.0 documents
// eslint-disable-next-line no-control-regex
const INVALID_XML_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** JSON value → fast-xml-parser object: arrays become repeated <item>, keys that are not XML names become <field name="…">. */
function toXmlValue(v: unknown): unknown {
  if (v === null || v === undefined) return '';
  if (Array.isArray(v)) return v.length ? { item: v.map(toXmlValue) } : '';
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'object') {
    const out: Record<string, unknown> = {};
    const odd: unknown[] = [];
    for (const [k, val] of Object.entries(v as Record<string, unknown>)) {
      if (XML_NAME.test(k) && !k.toLowerCase().startsWith('xml') && k !== 'item' && k !== 'field') out[k] = toXmlValue(val);
      else {
        const inner = toXmlValue(val);
        odd.push(inner !== null && typeof inner === 'object' ? { '@_name': k, ...(inner as object) } : { '@_name': k, '#text': inner });
      }
    }
    if (odd.length) out.field = odd;
    return out;
  }
  if (typeof v === 'string') return v.replace(INVALID_XML_CHARS, '');
  return String(v);
}

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', format: false, suppressEmptyNode: false });

export function serialize(body: Record<string, unknown>, format: TargetFormat, op: 'upsert' | 'tombstone'): { body: string; contentType: string } {
  if (format === 'xml') {
    const root = op === 'upsert' ? 'document' : 'tombstone';
    const xml = builder.build({ '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' }, [root]: toXmlValue(body) });
    return { body: xml, contentType: 'application/xml; charset=utf-8' };
  }
  return { body: JSON.stringify(body), contentType: 'application/json; charset=utf-8' };
}
