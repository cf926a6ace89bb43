import crypto from 'crypto';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
/** random bytes drawn in blocks (bulk paths create tens of thousands of ids) */
let pool: Buffer = Buffer.alloc(0);
let offset = 0;

/** Strapi-style document ids (24 lowercase alphanumerics, starting with a letter) for bulk paths. */
export function newDocumentId(): string {
  if (offset + 24 > pool.length) {
    pool = crypto.randomBytes(24 * 512);
    offset = 0;
  }
  let s = ALPHABET[pool[offset] % 26];
  for (let i = 1; i < 24; i++) s += ALPHABET[pool[offset + i] % 36];
  offset += 24;
  return s;
}
