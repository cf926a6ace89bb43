import crypto from 'crypto';

/** Strapi-style document ids (24 lowercase alphanumerics, starting with a letter) for bulk paths. */
export function newDocumentId(): string {
  const bytes = crypto.randomBytes(24);
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  let s = alphabet[bytes[0] % 26];
  for (let i = 1; i < 24; i++) s += alphabet[bytes[i] % 36];
  return s;
}
